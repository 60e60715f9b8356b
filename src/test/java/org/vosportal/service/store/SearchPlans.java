package org.vosportal.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.vosportal.service.store.SearchQuery.Op;
import org.vosportal.service.store.SearchQuery.PropCondition;

/**
 * Query plans of the metadata search ({@link JdbcNodeStore#searchStatement}) over a big tree, for
 * the database tests to check that every search reads an index (the subtree's range of
 * vos_node_tree_path, vos_node_prop's keys), never a whole table.
 */
final class SearchPlans {

    static final String OBJECT = "ivo://vosportal.org/fits#OBJECT";
    static final String EXPTIME = "ivo://vosportal.org/fits#EXPTIME";

    private SearchPlans() {
    }

    /**
     * Two homes under the root, each with {@code folders} folders of {@code perFolder} files
     * (OBJECT = "OBJ{i % 500}", EXPTIME = i % 1000), with plain SQL. Returns the first home's tree path.
     */
    static String bulkTree(DataSource ds, int folders, int perFolder) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long root;
            String rootPath;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT id, tree_path FROM vos_node WHERE parent_id IS NULL")) {
                rs.next();
                root = rs.getLong(1);
                rootPath = rs.getString(2);
            }
            long id = 1_000_000;
            String first = null;
            try (PreparedStatement node = c.prepareStatement("INSERT INTO vos_node (id, parent_id, name, node_type,"
                    + " owner, created_at, modified_at, sort_name, tree_path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement prop = c.prepareStatement("INSERT INTO vos_node_prop (node_id, uri, prop_value,"
                            + " value_key, num_value) VALUES (?, ?, ?, ?, ?)")) {
                int file = 0;
                for (String owner : List.of("alice", "bob")) {
                    long home = id++;
                    String homePath = rootPath + home + "/";
                    first = first == null ? homePath : first;
                    add(node, home, root, owner, owner, true, homePath);
                    for (int f = 0; f < folders; f++) {
                        long dir = id++;
                        String dirPath = homePath + dir + "/";
                        add(node, dir, home, "d" + f, owner, true, dirPath);
                        for (int i = 0; i < perFolder; i++, file++) {
                            long n = id++;
                            add(node, n, dir, "obs_" + file + (file % 97 == 0 ? "_NGC1365" : "") + ".fits", owner,
                                    false, dirPath + n + "/");
                            addProp(prop, n, OBJECT, "OBJ" + (file % 500));
                            addProp(prop, n, EXPTIME, Integer.toString(file % 1000));
                        }
                        node.executeBatch();
                        prop.executeBatch();
                    }
                }
            }
            c.commit();
            return first;
        }
    }

    private static void add(PreparedStatement ps, long id, long parent, String name, String owner, boolean folder,
            String treePath) throws SQLException {
        ps.setLong(1, id);
        ps.setLong(2, parent);
        ps.setString(3, name);
        ps.setString(4, folder ? "C" : "D");
        ps.setString(5, owner);
        ps.setObject(6, ListingPlans.T0);
        ps.setObject(7, ListingPlans.T0);
        ps.setString(8, JdbcNodeStore.sortName(folder, name));
        ps.setString(9, treePath);
        ps.addBatch();
    }

    private static void addProp(PreparedStatement ps, long node, String uri, String value) throws SQLException {
        ps.setLong(1, node);
        ps.setString(2, uri);
        ps.setString(3, value);
        ps.setString(4, JdbcNodeStore.valueKey(value));
        Double number = JdbcNodeStore.numberOf(value);
        if (number == null) {
            ps.setNull(5, java.sql.Types.DOUBLE);
        } else {
            ps.setDouble(5, number);
        }
        ps.addBatch();
    }

    /** The searches whose plans are checked: by name, by a value, by a number, by both, from a cursor. */
    static List<SearchQuery> queries(String under) {
        PropCondition obj = new PropCondition(OBJECT, Op.EQ, "OBJ7", null);
        PropCondition exp = new PropCondition(EXPTIME, Op.GT, null, 990.0);
        return List.of(
                new SearchQuery(under, null, "%ngc1365%", List.of(), 100),
                new SearchQuery(under, null, "obs_1?.fits".replace('?', '_'), List.of(), 100),
                new SearchQuery(under, null, null, List.of(obj), 100),
                new SearchQuery(under, null, null, List.of(exp), 100),
                new SearchQuery(under, null, "%.fits", List.of(obj, exp), 100),
                new SearchQuery(under, under + "1000005/", null, List.of(obj), 100));
    }

    /** One plan text per query of {@link #queries}, from {@code explain + sql}. */
    static List<String> plans(DataSource ds, String under, String explain) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            for (SearchQuery q : queries(under)) {
                JdbcNodeStore.SearchStatement st = JdbcNodeStore.searchStatement(q);
                StringBuilder plan = new StringBuilder();
                try (PreparedStatement ps = new JdbcNodeStore.SearchStatement(explain + st.sql(), st.params())
                        .prepare(c); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                out.add(q + "\n" + plan);
            }
        }
        return out;
    }
}
