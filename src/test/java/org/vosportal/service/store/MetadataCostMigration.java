package org.vosportal.service.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Migration V2 on a database that already holds nodes: it computes every subtree's metadata cost
 * exactly as {@link NodeCost} does (non-ASCII property values included).
 */
final class MetadataCostMigration {

    private MetadataCostMigration() {
    }

    /** Migrates an empty schema to V1, fills it, migrates to the latest and checks the costs. */
    static void check(DataSource ds, Flyway v1, Flyway latest) throws Exception {
        v1.migrate();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            long root;
            var rs = s.executeQuery("SELECT id FROM vos_node WHERE parent_id IS NULL");
            rs.next();
            root = rs.getLong(1);
            s.execute("INSERT INTO vos_node (id, parent_id, name, node_type, owner, group_read, created_at, modified_at)"
                    + " VALUES (1000, " + root + ", 'alice', 'C', 'alice', 'ivo://g?t', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO vos_node (id, parent_id, name, node_type, owner, content_length, created_at,"
                    + " modified_at) VALUES (1001, 1000, 'f', 'D', 'alice', 10, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO vos_node (id, parent_id, name, node_type, owner, link_target, created_at,"
                    + " modified_at) VALUES (1002, 1000, 'l', 'L', 'alice', 'vos://x/y', CURRENT_TIMESTAMP,"
                    + " CURRENT_TIMESTAMP)");
            s.execute("UPDATE vos_node SET content_length = 10 WHERE id IN (1000, " + root + ")");
            s.execute("INSERT INTO vos_node_prop (node_id, uri, prop_value) VALUES (1001, 'ivo://x#title', 'Étoile €')");
        }
        latest.migrate();
        JdbcNodeStore store = new JdbcNodeStore(ds);
        long f = NodeCost.FIXED + "ivo://x#title".length() + "Étoile €".getBytes("UTF-8").length;
        long l = NodeCost.FIXED + "vos://x/y".length();
        long home = NodeCost.FIXED + "ivo://g?t".length() + f + l;
        assertEquals(10 + home, store.usage(1000));
        assertEquals(10 + home + NodeCost.FIXED, store.usage(store.root().id()));
        assertEquals(10 + f, store.usage(1001));
    }
}
