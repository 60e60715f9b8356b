package org.vosportal.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The locking discipline of every length-changing write (create, commitContent, updateMetadata,
 * move, delete: bytes, or the metadata cost of {@link NodeCost}): lock every row it will touch
 * before changing anything, first the root, then, with the root held so that no concurrent move
 * can change them, the ancestries of the nodes involved, one row at a time in ascending id order.
 *
 * <p>Every such write takes the root first (every ancestry ends there, and every one of them
 * updates the root's lengths anyway), so once a transaction holds the root the chains it then
 * reads cannot change, and the remaining locks are taken in one global order: no deadlock, no
 * livelock. They do serialise on the root row. The chains are checked again under the locks as a
 * safety net; a mismatch re-runs the unit of work ({@link NodeStoreException.Retryable}).
 */
final class AncestorLocks {

    private final NodeRows rows;
    private final JdbcNodeStore.Dialect dialect;

    AncestorLocks(NodeRows rows, JdbcNodeStore.Dialect dialect) {
        this.rows = rows;
        this.dialect = dialect;
    }

    /**
     * Locks the root row, reads the ancestry of each given node (node first, root last; empty if
     * there is no such node) and locks every row of those chains in ascending id order. Returns
     * the chains in the order of {@code nodeIds}.
     */
    List<List<Long>> lockChains(Connection c, long... nodeIds) throws SQLException {
        long root = rows.root(c).id();
        try (PreparedStatement lock = c.prepareStatement(
                "SELECT parent_id FROM vos_node WHERE id = ? " + dialect.rowLock)) {
            Map<Long, Long> parentOf = new HashMap<>();
            lockRow(lock, root, parentOf);
            List<List<Long>> chains = new ArrayList<>(nodeIds.length);
            TreeSet<Long> ids = new TreeSet<>();
            for (long id : nodeIds) {
                List<Long> chain = TreePaths.ancestry(c, id);
                chains.add(chain);
                ids.addAll(chain);
            }
            ids.remove(root);
            for (Long id : ids) {
                lockRow(lock, id, parentOf);
            }
            for (List<Long> chain : chains) {
                for (int i = 0; i < chain.size(); i++) {
                    Long expected = i + 1 < chain.size() ? chain.get(i + 1) : null;
                    if (!Objects.equals(parentOf.get(chain.get(i)), expected)) {
                        throw changed();
                    }
                }
            }
            return chains;
        }
    }

    /** The one chain of {@link #lockChains} for one node. */
    List<Long> lockChain(Connection c, long nodeId) throws SQLException {
        return lockChains(c, nodeId).get(0);
    }

    private static void lockRow(PreparedStatement lock, long id, Map<Long, Long> parentOf) throws SQLException {
        lock.setLong(1, id);
        try (ResultSet rs = lock.executeQuery()) {
            if (!rs.next()) {
                throw changed(); // deleted meanwhile: the next attempt reports it properly
            }
            long p = rs.getLong(1);
            parentOf.put(id, rs.wasNull() ? null : p);
        }
    }

    static NodeStoreException.Retryable changed() {
        return new NodeStoreException.Retryable("ancestry changed concurrently");
    }
}
