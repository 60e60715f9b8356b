package org.vosportal.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of the tree: a node's ancestry (parent links walked up), its materialised tree path
 * ({@code vos_node.tree_path}, migration V6: the ids from the root, '/1/5/77/', so a subtree is
 * one index range), and questions about a whole subtree.
 */
final class TreePaths {

    /** Deepest chain walked before deciding the tree is corrupt (VosPath allows 64 levels). */
    static final int MAX_CHAIN = 256;

    private TreePaths() {
    }

    /** Ids from {@code id} up to the root (inclusive both); empty if there is no such node. */
    static List<Long> ancestry(Connection c, long id) throws SQLException {
        List<Long> chain = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("WITH RECURSIVE chain (id, parent_id, depth) AS ("
                + " SELECT id, parent_id, 0 FROM vos_node WHERE id = ?"
                + " UNION ALL SELECT n.id, n.parent_id, ch.depth + 1 FROM vos_node n JOIN chain ch ON n.id = ch.parent_id"
                + " WHERE ch.depth < " + MAX_CHAIN + ")"
                + " SELECT id FROM chain ORDER BY depth")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    chain.add(rs.getLong(1));
                }
            }
        }
        if (chain.size() > MAX_CHAIN) {
            throw new NodeStoreException("ancestry of node " + id + " is deeper than " + MAX_CHAIN
                    + " (cycle in vos_node?)", null);
        }
        return chain;
    }

    /** The tree path of a node, or null when there is no such node. */
    static String of(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT tree_path FROM vos_node WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The tree path of a container that must exist; ParentGone when it does not. */
    static String ofContainer(Connection c, long id) throws SQLException {
        String path = of(c, id);
        if (path == null) {
            throw new StoreRefusal.ParentGone("no node with id " + id);
        }
        return path;
    }

    /** The first string after every tree path that starts with {@code prefix} (which ends in '/'). */
    static String subtreeEnd(String prefix) {
        return prefix.substring(0, prefix.length() - 1) + "0";
    }

    /**
     * Rewrites the tree paths of a moved subtree: the range of its old path, where nothing else
     * starts with the new one.
     */
    static void moveSubtree(Connection c, String oldPath, String newPath) throws SQLException {
        if (oldPath.equals(newPath)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE vos_node SET tree_path = ? || SUBSTRING(tree_path FROM ?)"
                + " WHERE tree_path >= ? AND tree_path < ?")) {
            ps.setString(1, newPath);
            ps.setInt(2, oldPath.length() + 1);
            ps.setString(3, oldPath);
            ps.setString(4, subtreeEnd(oldPath));
            ps.executeUpdate();
        }
    }

    /** True if {@code id} or any node below it is not owned by {@code user}. */
    static boolean ownedByOtherThan(Connection c, long id, String user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("WITH RECURSIVE sub (id, owner) AS ("
                + " SELECT id, owner FROM vos_node WHERE id = ?"
                + " UNION ALL SELECT n.id, n.owner FROM vos_node n JOIN sub s ON n.parent_id = s.id)"
                + " SELECT 1 FROM sub WHERE owner IS NULL OR owner <> ? FETCH FIRST 1 ROWS ONLY")) {
            ps.setLong(1, id);
            ps.setString(2, user);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
