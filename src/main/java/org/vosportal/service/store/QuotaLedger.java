package org.vosportal.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The running totals up the tree and the quotas they are held to: every container's
 * {@code content_length} (bytes below it) and {@code meta_length} (metadata cost of it and below
 * it, {@link NodeCost}) change in the same transaction as the write that changes them, on rows
 * {@link AncestorLocks} has locked.
 */
final class QuotaLedger {

    private QuotaLedger() {
    }

    /** The same delta for every id of {@code ids}. */
    static Map<Long, Long> each(List<Long> ids, long delta) {
        Map<Long, Long> out = new TreeMap<>();
        for (Long id : ids) {
            out.merge(id, delta, Long::sum);
        }
        return out;
    }

    /**
     * Refuses growth beyond the quota of any (already locked) node: for each node with a quota
     * whose bytes plus metadata grow, {@code content_length + meta_length + growth <= quota}.
     * Runs inside the changing transaction, so concurrent changes cannot together overshoot a
     * quota. Shrinking is always allowed, even above a quota.
     */
    static void check(Connection c, Map<Long, Long> bytes, Map<Long, Long> meta) throws SQLException {
        Map<Long, Long> growth = new TreeMap<>(bytes);
        meta.forEach((id, d) -> growth.merge(id, d, Long::sum));
        growth.values().removeIf(d -> d <= 0);
        if (growth.isEmpty()) {
            return;
        }
        List<Long> ids = new ArrayList<>(growth.keySet());
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name, quota, content_length + meta_length"
                + " FROM vos_node WHERE id IN (" + SqlValues.marks(ids.size()) + ") AND quota IS NOT NULL")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(4) + growth.get(rs.getLong(1)) > rs.getLong(3)) {
                        throw new StoreRefusal.QuotaExceeded("the quota of '" + rs.getString(2)
                                + "' would be exceeded");
                    }
                }
            }
        }
    }

    /**
     * Adds the byte and metadata deltas to their rows' content_length and meta_length, rows in
     * ascending id order (already locked).
     */
    static void add(Connection c, Map<Long, Long> bytes, Map<Long, Long> meta) throws SQLException {
        TreeSet<Long> ids = new TreeSet<>(bytes.keySet());
        ids.addAll(meta.keySet());
        boolean any = false;
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE vos_node SET content_length = content_length + ?, meta_length = meta_length + ? WHERE id = ?")) {
            for (Long id : ids) {
                long b = bytes.getOrDefault(id, 0L);
                long m = meta.getOrDefault(id, 0L);
                if (b != 0 || m != 0) {
                    ps.setLong(1, b);
                    ps.setLong(2, m);
                    ps.setLong(3, id);
                    ps.addBatch();
                    any = true;
                }
            }
            if (any) {
                ps.executeBatch();
            }
        }
    }

    /** The stored metadata cost of a node's subtree (0 when there is no such node). */
    static long metaLength(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT meta_length FROM vos_node WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Bytes plus metadata cost of a node and below it; NotFound when there is no such node. */
    static long usage(Connection c, long nodeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT content_length + meta_length FROM vos_node WHERE id = ?")) {
            ps.setLong(1, nodeId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreRefusal.NotFound("no node with id " + nodeId);
                }
                return rs.getLong(1);
            }
        }
    }

    /** One pass over the root's children that have a quota (the homes). */
    static NodeOperations.QuotaUse quotaUse(Connection c, double nearFullFraction) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*), COALESCE(SUM(n.content_length + n.meta_length), 0), COALESCE(SUM(n.quota), 0),"
                        + " COALESCE(SUM(CASE WHEN n.content_length + n.meta_length >= n.quota * CAST(? AS DOUBLE PRECISION) THEN 1 ELSE 0 END), 0),"
                        + " COALESCE(SUM(CASE WHEN n.content_length + n.meta_length >= n.quota THEN 1 ELSE 0 END), 0)"
                        + " FROM vos_node n JOIN vos_node r ON n.parent_id = r.id"
                        + " WHERE r.parent_id IS NULL AND n.quota IS NOT NULL")) {
            ps.setDouble(1, nearFullFraction);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new NodeOperations.QuotaUse(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5));
            }
        }
    }
}
