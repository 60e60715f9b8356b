package org.vosportal.service.store;

import org.junit.jupiter.api.Tag;
import io.agroal.api.AgroalDataSource;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vosportal.testsupport.PostgresServer;

/**
 * The NodeStore contract on PostgreSQL 15. Starts the server with {@code deploy/postgres.sh} if it
 * is not running (never skipped), and gives every test a freshly migrated schema
 * {@code store_test} in database vospace, so the application's own tables in {@code public} are
 * left alone.
 */
@Tag("servers") // PostgreSQL: the full suite (mvn verify), not the fast lane
class PostgresNodeStoreTest extends NodeStoreContract {

    private static final String SCHEMA = "store_test";
    private static AgroalDataSource dataSource;

    @BeforeAll
    static void startPostgres() throws Exception {
        dataSource = PostgresServer.pool(SCHEMA, 8);
    }

    @AfterAll
    static void closePool() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @Override
    protected NodeStore newStore() throws Exception {
        PostgresServer.freshSchema(dataSource, SCHEMA);
        return new JdbcNodeStore(dataSource);
    }

    /** Migration V2 gives an existing tree its metadata costs. */
    /** The bulk rows of the plan tests and the search bench are the rows the store writes. */
    @Test
    void bulkRowsAreTheStoresRows() throws Exception {
        SearchPlans.checkBulkRows(dataSource, store);
    }

    @Test
    void migrationChargesExistingNodes() throws Exception {
        newStore(); // drops the schema
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        MetadataCostMigration.check(dataSource,
                Flyway.configure().dataSource(dataSource).schemas(SCHEMA).createSchemas(true)
                        .locations("classpath:db/migration/postgresql").target("1").load(),
                Flyway.configure().dataSource(dataSource).schemas(SCHEMA).createSchemas(true)
                        .locations("classpath:db/migration/postgresql").load());
    }

    /**
     * PostgreSQL reads a big container in index order for every sort (no Sort node), every
     * condition bounding the index range (no Filter stepping over rows).
     */
    @Test
    void listingUsesAnIndexForEveryOrder() throws Exception {
        long root = ListingPlans.bulkChildren(dataSource, 20_000);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE vos_node");
        }
        for (String plan : ListingPlans.plans(dataSource, root, "EXPLAIN ", JdbcNodeStore.Dialect.POSTGRESQL)) {
            assertTrue(plan.contains("Index Scan"), plan);
            assertFalse(plan.matches("(?s).*\\bSort\\b.*"), plan);
            assertFalse(plan.contains("Filter"), plan);
        }
    }

    /**
     * Every search reads the subtree's range of the tree path index (or vos_node_prop's indexes),
     * never a whole table (no Seq Scan), on a tree of 20,000 files.
     */
    @Test
    void searchUsesIndexes() throws Exception {
        String home = SearchPlans.bulkTree(dataSource, 20, 500);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE " + SCHEMA + ".vos_node");
            s.execute("ANALYZE " + SCHEMA + ".vos_node_prop");
        }
        for (String plan : SearchPlans.plans(dataSource, home, "EXPLAIN ")) {
            System.out.println(plan);
            assertFalse(plan.contains("Seq Scan"), plan);
            assertTrue(plan.contains("vos_node_tree_path") || plan.contains("vos_node_prop_"), plan);
        }
        assertTrue(store.search(new SearchQuery(home, null, null, java.util.List.of(new SearchQuery.PropCondition(
                SearchPlans.OBJECT, SearchQuery.Op.EQ, "OBJ7", null)), 100)).size() == 20);
    }
}
