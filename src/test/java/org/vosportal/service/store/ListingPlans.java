package org.vosportal.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.vosportal.service.store.ChildQuery.SortKey;

/**
 * Query plans of JdbcNodeStore's listing statement over a big container, for the database tests
 * to check that every ordering reads the children in index order and stops at the limit (so a
 * container of 100,000 children lists as fast as one of 100) instead of sorting them all.
 */
final class ListingPlans {

    static final OffsetDateTime T0 = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    static final List<ChildQuery> QUERIES = List.of(
            ChildQuery.page("n5", 100),
            new ChildQuery("n5", 100, SortKey.NAME, true),
            ChildQuery.page(null, 100),
            new ChildQuery(null, 100, SortKey.DATE, false),
            new ChildQuery(null, 100, SortKey.DATE, true),
            new ChildQuery(null, 100, SortKey.LENGTH, false),
            new ChildQuery(null, 100, SortKey.LENGTH, true),
            // sorted pages from a start: "n5000" is one of the 10,000 empty files (all tie at 0)
            new ChildQuery("n5000", 0L, 100, SortKey.LENGTH, false),
            new ChildQuery("n5000", 0L, 100, SortKey.LENGTH, true),
            new ChildQuery("n1", 7919L, 100, SortKey.LENGTH, true),
            new ChildQuery("n5", T0.plusSeconds(523_645).toInstant().toEpochMilli(), 100, SortKey.DATE, false),
            new ChildQuery("n5", T0.plusSeconds(523_645).toInstant().toEpochMilli(), 100, SortKey.DATE, true),
            // folders first (all files here), both ways, from a start (key 1: not a folder)
            new ChildQuery(null, 100, SortKey.FOLDERS_FIRST, false),
            new ChildQuery(null, 100, SortKey.FOLDERS_FIRST, true),
            new ChildQuery("n5000", 1L, 100, SortKey.FOLDERS_FIRST, false),
            new ChildQuery("n5000", 1L, 100, SortKey.FOLDERS_FIRST, true));

    private ListingPlans() {
    }

    /**
     * Adds {@code n} DataNodes "n0", "n1"… under the root with plain SQL; the even ones are empty
     * (many ties in size order). Returns the root id.
     */
    static long bulkChildren(DataSource ds, int n) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long root;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT id FROM vos_node WHERE parent_id IS NULL")) {
                rs.next();
                root = rs.getLong(1);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO vos_node (parent_id, name, node_type,"
                    + " content_length, created_at, modified_at, sort_name, tree_path) VALUES (?, ?, 'D', ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < n; i++) {
                    ps.setLong(1, root);
                    ps.setString(2, "n" + i);
                    ps.setLong(3, i % 2 == 0 ? 0 : (i * 7919L) % 100_003);
                    ps.setObject(4, T0);
                    ps.setObject(5, T0.plusSeconds((i * 104_729L) % 1_000_003));
                    ps.setString(6, JdbcNodeStore.sortName(false, "n" + i));
                    ps.setString(7, "/" + root + "/b" + i + "/"); // unique; these rows are never searched
                    ps.addBatch();
                    if (i % 1000 == 999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
            return root;
        }
    }

    /** One plan text per statement of each query of {@link #QUERIES}, from {@code explain + sql}. */
    static List<String> plans(DataSource ds, long parentId, String explain, JdbcNodeStore.Dialect dialect)
            throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            for (ChildQuery q : QUERIES) {
                for (JdbcNodeStore.ListStatement st : JdbcNodeStore.listStatements(q, parentId, dialect)) {
                    JdbcNodeStore.ListStatement explained = new JdbcNodeStore.ListStatement(explain + st.sql(),
                            st.params());
                    StringBuilder plan = new StringBuilder();
                    try (PreparedStatement ps = explained.prepare(c, q.limit()); ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            plan.append(rs.getString(1)).append('\n');
                        }
                    }
                    out.add(q + "\n" + plan);
                }
            }
        }
        return out;
    }
}
