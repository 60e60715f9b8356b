package org.vosportal.service.store;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The NodeStore contract on H2 2.x: a fresh in-memory database per test, migrated by Flyway. */
class H2NodeStoreTest extends NodeStoreContract {

    private JdbcDataSource dataSource;

    @Override
    protected NodeStore newStore() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:nodestore-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        dataSource.setUser("sa");
        dataSource.setPassword("");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2").load().migrate();
        return new JdbcNodeStore(dataSource);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    /** The bulk rows of the plan tests and the search bench are the rows the store writes. */
    @Test
    void bulkRowsAreTheStoresRows() throws Exception {
        SearchPlans.checkBulkRows(dataSource, store);
    }

    /** Migration V2 gives an existing tree its metadata costs. */
    @Test
    void migrationChargesExistingNodes() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        MetadataCostMigration.check(ds,
                Flyway.configure().dataSource(ds).locations("classpath:db/migration/h2").target("1").load(),
                Flyway.configure().dataSource(ds).locations("classpath:db/migration/h2").load());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    /**
     * H2 reads a big container in index order for every sort, starting at the page's start (also
     * amid 10,000 ties) and stopping at the limit: no page reads more rows than it returns.
     */
    @Test
    void listingUsesAnIndexForEveryOrder() throws Exception {
        long root = ListingPlans.bulkChildren(dataSource, 20_000);
        for (String plan : ListingPlans.plans(dataSource, root, "EXPLAIN ANALYZE ", JdbcNodeStore.Dialect.H2)) {
            assertTrue(plan.contains("/* index sorted */"), plan);
            java.util.regex.Matcher scanned = java.util.regex.Pattern.compile("scanCount: (\\d+)").matcher(plan);
            assertTrue(scanned.find(), plan);
            assertTrue(Integer.parseInt(scanned.group(1)) <= 101, plan);
        }
    }

    /**
     * Every search reads the subtree's range of the tree path index (or vos_node_prop's indexes),
     * never a whole table: H2 names the index it uses for each table ("tableScan" otherwise).
     */
    @Test
    void searchUsesIndexes() throws Exception {
        String home = SearchPlans.bulkTree(dataSource, 20, 500);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
        for (String plan : SearchPlans.plans(dataSource, home, "EXPLAIN ")) {
            System.out.println(plan);
            assertTrue(plan.contains("PUBLIC.VOS_NODE_TREE_PATH") || plan.contains("PUBLIC.VOS_NODE_PROP_"), plan);
            assertTrue(!plan.contains("tableScan"), plan);
            // every table read names its index (H2 writes "/* PUBLIC.<index>" after each one)
            java.util.regex.Matcher tables = java.util.regex.Pattern
                    .compile("\"PUBLIC\"\\.\"VOS_NODE(_PROP)?\" \"\\w+\"\\s*(/\\* PUBLIC\\.(\\w+))?").matcher(plan);
            int seen = 0;
            while (tables.find()) {
                seen++;
                assertNotNull(tables.group(3), "a table read without an index: " + plan);
                assertTrue(tables.group(3).startsWith("VOS_NODE") || tables.group(3).startsWith("PRIMARY_KEY"), plan);
            }
            assertTrue(seen >= 1, plan);
        }
        // and the answers are right: OBJ7 is every 500th file of 20,000 files in this home
        assertTrue(store.search(new SearchQuery(home, null, null, List.of(new SearchQuery.PropCondition(
                SearchPlans.OBJECT, SearchQuery.Op.EQ, "OBJ7", null)), 100)).size() == 20);
    }
}
