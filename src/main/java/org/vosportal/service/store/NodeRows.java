package org.vosportal.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.vosportal.vospace.NodeType;

/**
 * Rows of {@code vos_node} as {@link StoredNode}s (properties not loaded: {@link NodeProperties}):
 * the column list, reading a row, and the single-row and by-id lookups every operation uses.
 * Keeps the root's id once found (the root never changes).
 */
final class NodeRows {

    static final String COLS = "id, parent_id, name, node_type, owner, is_public, group_read, group_write, "
            + "is_locked, inherit_perms, link_target, content_length, content_md5, content_type, content_encoding, "
            + "blob_id, quota, created_at, modified_at";

    /** How many columns {@link #COLS} names (a query's next column is its own). */
    static final int COL_COUNT = COLS.split(",").length;

    private volatile Long rootId;

    StoredNode root(Connection c) throws SQLException {
        Long id = rootId;
        if (id != null) {
            StoredNode n = byId(c, id);
            if (n != null) {
                return n;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM vos_node WHERE parent_id IS NULL")) {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NodeStoreException("the root node is missing (was the schema migrated?)", null);
                }
                StoredNode root = read(rs);
                if (rs.next()) {
                    throw new NodeStoreException("more than one root node in vos_node", null);
                }
                rootId = root.id();
                return root;
            }
        }
    }

    static StoredNode byId(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM vos_node WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    static StoredNode child(Connection c, long parentId, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLS + " FROM vos_node WHERE parent_id = ? AND name = ?")) {
            ps.setLong(1, parentId);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    static boolean hasChildren(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM vos_node WHERE parent_id = ? LIMIT 1")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The kept count of a folder's children (V9; NodeWrites keeps it), 0 for a node that is gone. */
    static long countChildren(Connection c, long parentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT child_count FROM vos_node WHERE id = ?")) {
            ps.setLong(1, parentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Adds {@code delta} to a folder's kept count of children; the caller holds the folder's lock. */
    static void addChildren(Connection c, long parentId, int delta) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE vos_node SET child_count = child_count + ? WHERE id = ?")) {
            ps.setInt(1, delta);
            ps.setLong(2, parentId);
            ps.executeUpdate();
        }
    }

    /** The nodes with these ids that exist, by id; IN lists of at most {@link SqlValues#IN_CHUNK}. */
    static Map<Long, StoredNode> byIds(Connection c, Collection<Long> ids) throws SQLException {
        List<Long> all = new ArrayList<>(new LinkedHashSet<>(ids));
        Map<Long, StoredNode> out = new HashMap<>();
        for (int from = 0; from < all.size(); from += SqlValues.IN_CHUNK) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + SqlValues.IN_CHUNK));
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM vos_node WHERE id IN ("
                    + SqlValues.marks(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StoredNode n = read(rs);
                        out.put(n.id(), n);
                    }
                }
            }
        }
        return out;
    }

    /** The node of the current row, its columns first in {@link #COLS} order. */
    static StoredNode read(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        long p = rs.getLong(2);
        Long parentId = rs.wasNull() ? null : p;
        String name = rs.getString(3);
        NodeType type = NodeType.fromCode(rs.getString(4).charAt(0));
        String owner = rs.getString(5);
        boolean isPublic = rs.getBoolean(6);
        List<String> groupRead = splitGroups(rs.getString(7));
        List<String> groupWrite = splitGroups(rs.getString(8));
        boolean locked = rs.getBoolean(9);
        boolean inherit = rs.getBoolean(10);
        String linkTarget = rs.getString(11);
        long length = rs.getLong(12);
        String md5 = rs.getString(13);
        String contentType = rs.getString(14);
        String contentEncoding = rs.getString(15);
        String blobId = rs.getString(16);
        long q = rs.getLong(17);
        Long quota = rs.wasNull() ? null : q;
        Instant created = rs.getObject(18, OffsetDateTime.class).toInstant();
        Instant modified = rs.getObject(19, OffsetDateTime.class).toInstant();
        return new StoredNode(id, parentId, name, type, owner, isPublic, groupRead, groupWrite, locked, inherit,
                linkTarget, length, md5, contentType, contentEncoding, blobId, quota, created, modified, Map.of());
    }

    /** A group list as stored: the URIs separated by one space, null when empty. */
    static String joinGroups(List<String> groups) {
        if (groups.isEmpty()) {
            return null;
        }
        for (String g : groups) {
            if (g.isBlank() || g.chars().anyMatch(Character::isWhitespace)) {
                throw new StoreRefusal.Invalid("a group URI must be non-empty and contain no white space: '" + g
                        + "'");
            }
        }
        return String.join(" ", groups);
    }

    static List<String> splitGroups(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.trim().split("\\s+")).toList();
    }

    /**
     * A child's place in the folders-first order: '0' for a folder, '1' for anything else, then
     * the name in lower case (names equal but for case are ordered by the name itself).
     */
    static String sortName(boolean container, String name) {
        return (container ? "0" : "1") + name.toLowerCase(java.util.Locale.ROOT);
    }
}
