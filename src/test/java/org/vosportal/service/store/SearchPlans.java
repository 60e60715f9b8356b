package org.vosportal.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
     * (OBJECT = "OBJ{i % 500}", EXPTIME = i % 1000), written as the store would write them
     * ({@link BulkLoad}: COPY on PostgreSQL, JDBC batches on H2), every ancestor's meta_length
     * included. Returns the first home's tree path.
     */
    static String bulkTree(DataSource ds, int folders, int perFolder) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long root = root(c);
            String rootPath;
            try (PreparedStatement ps = c.prepareStatement("SELECT tree_path FROM vos_node WHERE id = ?")) {
                ps.setLong(1, root);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    rootPath = rs.getString(1);
                }
            }
            long id = 1_000_000;
            String first = null;
            long added = 0;
            try (BulkLoad load = new BulkLoad(c)) {
                int file = 0;
                for (String owner : List.of("alice", "bob")) {
                    long home = id++;
                    String homePath = rootPath + home + "/";
                    first = first == null ? homePath : first;
                    // the costs first: a folder's meta_length is its own cost and its files'
                    long homeMeta = NodeCost.FIXED;
                    long[] metas = new long[folders];
                    for (int f = 0, k = file; f < folders; f++) {
                        metas[f] = NodeCost.FIXED;
                        for (int i = 0; i < perFolder; i++, k++) {
                            metas[f] += BulkLoad.cost(props(k));
                        }
                        homeMeta += metas[f];
                    }
                    load.node(home, root, owner, true, owner, false, ListingPlans.T0, ListingPlans.T0, homeMeta,
                            homePath, Map.of());
                    for (int f = 0; f < folders; f++) {
                        long dir = id++;
                        String dirPath = homePath + dir + "/";
                        load.node(dir, home, "d" + f, true, owner, false, ListingPlans.T0, ListingPlans.T0, metas[f],
                                dirPath, Map.of());
                        for (int i = 0; i < perFolder; i++, file++) {
                            long n = id++;
                            Map<String, String> p = props(file);
                            load.node(n, dir, "obs_" + file + (file % 97 == 0 ? "_NGC1365" : "") + ".fits", false,
                                    owner, false, ListingPlans.T0, ListingPlans.T0, BulkLoad.cost(p), dirPath + n + "/", p);
                        }
                    }
                    added += homeMeta;
                }
            }
            addToRoot(c, root, added);
            c.commit();
            return first;
        }
    }

    private static Map<String, String> props(int file) {
        return Map.of(OBJECT, "OBJ" + (file % 500), EXPTIME, Integer.toString(file % 1000));
    }

    /**
     * A folder {@code name} of {@code n} empty DataNodes "f0000000"… (no properties) under the
     * home whose tree path is given, written as {@link #bulkTree} writes; returns its id.
     */
    static long bulkFolder(DataSource ds, String homePath, String name, int n) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long root = root(c);
            long home;
            String owner;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, owner FROM vos_node WHERE tree_path = ?")) {
                ps.setString(1, homePath);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    home = rs.getLong(1);
                    owner = rs.getString(2);
                }
            }
            long id;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(id) FROM vos_node")) {
                rs.next();
                id = rs.getLong(1) + 1;
            }
            long dir = id++;
            String dirPath = homePath + dir + "/";
            long meta = NodeCost.FIXED * (n + 1L);
            try (BulkLoad load = new BulkLoad(c)) {
                load.node(dir, home, name, true, owner, false, ListingPlans.T0, ListingPlans.T0, meta, dirPath, Map.of());
                for (int i = 0; i < n; i++) {
                    long f = id++;
                    load.node(f, dir, String.format("f%07d", i), false, owner, false, ListingPlans.T0,
                            ListingPlans.T0.plusSeconds(i), NodeCost.FIXED, dirPath + f + "/", Map.of());
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE vos_node SET meta_length = meta_length + ? WHERE id = ?")) {
                ps.setLong(1, meta);
                ps.setLong(2, home);
                ps.executeUpdate();
            }
            addToRoot(c, root, meta);
            c.commit();
            return dir;
        }
    }

    private static long root(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM vos_node WHERE parent_id IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void addToRoot(Connection c, long root, long meta) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE vos_node SET meta_length = meta_length + ? WHERE id = ?")) {
            ps.setLong(1, meta);
            ps.setLong(2, root);
            ps.executeUpdate();
        }
    }

    /**
     * Fails unless the bulk rows are what the store writes: a file the store creates beside them
     * with the same properties has the same values in every column but its id, name, times and
     * tree path, and the same property rows; every node's meta_length is its own cost plus its
     * children's (as the consistency check demands); a node created afterwards gets a new id.
     */
    static void checkBulkRows(DataSource ds, NodeStore store) throws SQLException {
        String home = bulkTree(ds, 2, 3);
        long folder = store.search(new SearchQuery(home, null, "d0", List.of(), 1)).get(0).node().id();
        StoredNode made = store.create(folder, new NewNode("made.fits", org.vosportal.vospace.NodeType.DATA, "alice",
                false, List.of(), List.of(), false, false, null, null, null, null, props(0)));
        StoredNode bulk = store.findChild(folder, "obs_0_NGC1365.fits").orElseThrow();
        if (made.id() <= bulk.id()) {
            throw new AssertionError("the store's next id " + made.id() + " is not past the bulk rows' " + bulk.id());
        }
        String cols = "parent_id, node_type, owner, is_public, group_read, group_write, is_locked, inherit_perms,"
                + " link_target, content_length, content_md5, content_type, content_encoding, blob_id, quota,"
                + " meta_length";
        try (Connection c = ds.getConnection()) {
            for (String sql : List.of("SELECT " + cols + " FROM vos_node WHERE id = ?",
                    "SELECT uri, prop_value, value_key, num_value FROM vos_node_prop WHERE node_id = ? ORDER BY uri")) {
                List<List<Object>> rows = new ArrayList<>();
                for (long id : new long[] {made.id(), bulk.id()}) {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setLong(1, id);
                        List<Object> values = new ArrayList<>();
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                                    values.add(rs.getObject(i));
                                }
                            }
                        }
                        rows.add(values);
                    }
                }
                if (!rows.get(0).equals(rows.get(1)) || rows.get(0).isEmpty()) {
                    throw new AssertionError(sql + ": the store wrote " + rows.get(0) + ", the bulk load " + rows.get(1));
                }
            }
        }
        java.util.Map<Long, long[]> sums = new java.util.HashMap<>(); // id -> own meta, children's meta, own cost
        store.scan(n -> {
            sums.computeIfAbsent(n.node().id(), k -> new long[3])[0] = n.metaLength();
            sums.get(n.node().id())[2] = NodeCost.of(n.node());
            if (n.node().parentId() != null) {
                sums.computeIfAbsent(n.node().parentId(), k -> new long[3])[1] += n.metaLength();
            }
        });
        for (java.util.Map.Entry<Long, long[]> e : sums.entrySet()) {
            long[] v = e.getValue();
            if (v[0] != v[1] + v[2]) {
                throw new AssertionError("node " + e.getKey() + ": meta_length " + v[0] + ", its subtree costs "
                        + (v[1] + v[2]));
            }
        }
        if (sums.size() != 1 + 2 * (1 + 2 * (1 + 3)) + 1) {
            throw new AssertionError(sums.size() + " nodes scanned");
        }
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
