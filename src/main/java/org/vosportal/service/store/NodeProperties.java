package org.vosportal.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The free-form properties of nodes ({@code vos_node_prop}): loading them for many nodes at once,
 * writing them with their search keys (the value's indexed prefix and its number, migration V6).
 */
final class NodeProperties {

    /** Longest value prefix the (uri, value_key) index holds (V6). */
    static final int VALUE_KEY_CHARS = 256;

    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]{1,2})?");

    private NodeProperties() {
    }

    static StoredNode attach(Connection c, StoredNode n) throws SQLException {
        return attach(c, List.of(n), null).get(0);
    }

    /**
     * Loads the free-form properties of all given nodes with one query: an IN list for up to
     * {@link SqlValues#IN_CHUNK} nodes, else (when they share {@code parentId}) a join on the parent.
     */
    static List<StoredNode> attach(Connection c, List<StoredNode> nodes, Long parentId) throws SQLException {
        if (nodes.isEmpty()) {
            return nodes;
        }
        Map<Long, Map<String, String>> props = new HashMap<>();
        Set<Long> ids = new LinkedHashSet<>();
        for (StoredNode n : nodes) {
            ids.add(n.id());
        }
        if (ids.size() > SqlValues.IN_CHUNK && parentId != null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT p.node_id, p.uri, p.prop_value FROM vos_node_prop p"
                    + " JOIN vos_node n ON n.id = p.node_id WHERE n.parent_id = ?")) {
                ps.setLong(1, parentId);
                collect(ps, props, ids);
            }
        } else {
            List<Long> all = new ArrayList<>(ids);
            for (int from = 0; from < all.size(); from += SqlValues.IN_CHUNK) {
                List<Long> chunk = all.subList(from, Math.min(all.size(), from + SqlValues.IN_CHUNK));
                try (PreparedStatement ps = c.prepareStatement("SELECT node_id, uri, prop_value FROM vos_node_prop"
                        + " WHERE node_id IN (" + SqlValues.marks(chunk.size()) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setLong(i + 1, chunk.get(i));
                    }
                    collect(ps, props, ids);
                }
            }
        }
        if (props.isEmpty()) {
            return nodes;
        }
        List<StoredNode> out = new ArrayList<>(nodes.size());
        for (StoredNode n : nodes) {
            Map<String, String> p = props.get(n.id());
            out.add(p == null ? n : with(n, p));
        }
        return out;
    }

    private static void collect(PreparedStatement ps, Map<Long, Map<String, String>> into, Set<Long> wanted)
            throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                if (wanted.contains(id)) {
                    into.computeIfAbsent(id, k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
        }
    }

    static void insert(Connection c, long nodeId, Map<String, String> props) throws SQLException {
        if (props.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO vos_node_prop (node_id, uri, prop_value, value_key, num_value) VALUES (?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, String> e : new TreeMap<>(props).entrySet()) {
                ps.setLong(1, nodeId);
                ps.setString(2, e.getKey());
                ps.setString(3, e.getValue());
                ps.setString(4, valueKey(e.getValue()));
                Double number = numberOf(e.getValue());
                if (number == null) {
                    ps.setNull(5, Types.DOUBLE);
                } else {
                    ps.setDouble(5, number);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Replaces every property of a node with {@code props}. */
    static void replace(Connection c, long nodeId, Map<String, String> props) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM vos_node_prop WHERE node_id = ?")) {
            ps.setLong(1, nodeId);
            ps.executeUpdate();
        }
        insert(c, nodeId, props);
    }

    static void check(Map<String, String> props) {
        for (String uri : props.keySet()) {
            if (uri.isEmpty()) {
                throw new StoreRefusal.Invalid("empty property URI");
            }
        }
    }

    static StoredNode with(StoredNode n, Map<String, String> p) {
        return new StoredNode(n.id(), n.parentId(), n.name(), n.type(), n.owner(), n.isPublic(), n.groupRead(),
                n.groupWrite(), n.locked(), n.inheritPermissions(), n.linkTarget(), n.length(), n.md5(),
                n.contentType(), n.contentEncoding(), n.blobId(), n.quota(), n.created(), n.modified(), p);
    }

    static String valueKey(String value) {
        if (value.length() <= VALUE_KEY_CHARS) {
            return value;
        }
        int end = VALUE_KEY_CHARS;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--; // never half a character
        }
        return value.substring(0, end);
    }

    /**
     * The value as a number when the whole value is one (the same rule as V6's migration: an
     * optional sign, digits with an optional fraction, an optional exponent of one or two digits,
     * at most 40 characters), else null. Such a number always fits a double.
     */
    static Double numberOf(String value) {
        if (value == null || value.length() > 40 || !NUMBER.matcher(value).matches()) {
            return null;
        }
        return Double.parseDouble(value);
    }
}
