package org.vosportal.service.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosportal.service.store.JdbcNodeStore;
import org.vosportal.service.store.NewNode;
import org.vosportal.service.store.StoredNode;

/**
 * A folder's kept child count (what {@code core#childCount} shows without counting rows) follows
 * every create, move between folders, rename and delete, and the consistency check reports a
 * count that disagrees with the rows. On H2 in memory, no server.
 */
class ChildCountTest {

    @TempDir
    Path data;

    @Test
    void theCountFollowsCreatesMovesAndDeletesAndTheCheckSeesADriftedOne() throws Exception {
        CheckOnH2 db = CheckOnH2.in(data);
        TreeCheck check = db.check();
        JdbcNodeStore store = (JdbcNodeStore) check.store;
        StoredNode home = store.create(store.root().id(), NewNode.container("alice", "alice"));
        StoredNode a = store.create(home.id(), NewNode.container("a", "alice"));
        StoredNode b = store.create(home.id(), NewNode.container("b", "alice"));
        StoredNode f1 = store.create(a.id(), NewNode.data("f1", "alice"));
        store.create(a.id(), NewNode.data("f2", "alice"));
        store.create(a.id(), NewNode.data("f3", "alice"));
        assertEquals(3, store.countChildren(a.id()));
        assertEquals(2, store.countChildren(home.id()));
        assertEquals(0, store.countChildren(b.id()));

        store.move(f1.id(), b.id(), "f1", Instant.now(), null);
        assertEquals(2, store.countChildren(a.id()), "the old folder counts one fewer");
        assertEquals(1, store.countChildren(b.id()), "the new one, one more");
        store.move(f1.id(), b.id(), "renamed", Instant.now(), null);
        assertEquals(1, store.countChildren(b.id()), "a rename in place changes no count");
        store.delete(f1.id());
        assertEquals(0, store.countChildren(b.id()));
        assertEquals(List.of(), check.run().problems());

        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE vos_node SET child_count = 7 WHERE id = " + a.id());
        }
        assertEquals(List.of("node " + a.id() + " 'a': counted 7 children, has 2"), check.run().problems());
    }
}
