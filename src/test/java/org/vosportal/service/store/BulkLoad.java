package org.vosportal.service.store;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes vos_node and vos_node_prop rows in bulk for the plan tests and benches, with every
 * column JdbcNodeStore.insert writes for a node made without content (owner, flags, no groups,
 * no blob, length 0, meta_length, sort_name, tree_path; value_key and num_value of every
 * property): on PostgreSQL with {@code COPY ... FROM STDIN} (PgJDBC's CopyManager), elsewhere
 * (H2) with JDBC batches. Nodes are written before the properties that refer to them; rows are
 * buffered and sent every {@value #FLUSH_ROWS} nodes and at {@link #close}. Ids are the caller's:
 * {@link #close} moves the id sequence past the largest one, so later store inserts do not collide.
 * The caller commits.
 */
final class BulkLoad implements AutoCloseable {

    private static final int FLUSH_ROWS = 20_000;
    private static final DateTimeFormatter PG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSxxx");
    static final String NODE_COLS = "id, parent_id, name, node_type, owner, is_public, is_locked, inherit_perms,"
            + " content_length, created_at, modified_at, meta_length, sort_name, tree_path";
    static final String PROP_COLS = "node_id, uri, prop_value, value_key, num_value";

    private final Connection c;
    private final CopyManager copy; // null: not PostgreSQL
    private final StringBuilder nodes = new StringBuilder();
    private final StringBuilder props = new StringBuilder();
    private PreparedStatement nodeBatch;
    private PreparedStatement propBatch;
    private int pending;
    private long maxId;
    private long copied;

    BulkLoad(Connection c) throws SQLException {
        this.c = c;
        this.copy = JdbcNodeStore.Dialect.of(c) == JdbcNodeStore.Dialect.POSTGRESQL
                ? c.unwrap(PGConnection.class).getCopyAPI() : null;
        if (copy == null) {
            nodeBatch = c.prepareStatement("INSERT INTO vos_node (" + NODE_COLS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            propBatch = c.prepareStatement("INSERT INTO vos_node_prop (" + PROP_COLS + ") VALUES (?, ?, ?, ?, ?)");
        }
    }

    /** True when the rows go through COPY (PostgreSQL). */
    boolean copies() {
        return copy != null;
    }

    /** What the store charges for a node of that many properties and no groups or link (NodeCost). */
    static long cost(Map<String, String> properties) {
        return NodeCost.of(java.util.List.of(), java.util.List.of(), null, properties);
    }

    /**
     * One node without content, public or not, and its properties. {@code metaLength} is the
     * cost of the node and everything below it, as the store keeps it (the caller sums).
     */
    void node(long id, long parent, String name, boolean folder, String owner, boolean isPublic,
            OffsetDateTime created, OffsetDateTime modified, long metaLength, String treePath,
            Map<String, String> properties) throws SQLException {
        maxId = Math.max(maxId, id);
        String sortName = JdbcNodeStore.sortName(folder, name);
        if (copy != null) {
            row(nodes, id, parent, name, folder ? "C" : "D", owner, isPublic ? "t" : "f", "f", "f", 0,
                    PG_TIME.format(created.withOffsetSameInstant(ZoneOffset.UTC)),
                    PG_TIME.format(modified.withOffsetSameInstant(ZoneOffset.UTC)), metaLength, sortName, treePath);
        } else {
            PreparedStatement ps = nodeBatch;
            ps.setLong(1, id);
            ps.setLong(2, parent);
            ps.setString(3, name);
            ps.setString(4, folder ? "C" : "D");
            ps.setString(5, owner);
            ps.setBoolean(6, isPublic);
            ps.setBoolean(7, false);
            ps.setBoolean(8, false);
            ps.setLong(9, 0);
            ps.setObject(10, created);
            ps.setObject(11, modified);
            ps.setLong(12, metaLength);
            ps.setString(13, sortName);
            ps.setString(14, treePath);
            ps.addBatch();
        }
        for (Map.Entry<String, String> p : new TreeMap<>(properties).entrySet()) {
            String value = p.getValue();
            Double number = JdbcNodeStore.numberOf(value);
            if (copy != null) {
                row(props, id, p.getKey(), value, JdbcNodeStore.valueKey(value), number);
            } else {
                PreparedStatement ps = propBatch;
                ps.setLong(1, id);
                ps.setString(2, p.getKey());
                ps.setString(3, value);
                ps.setString(4, JdbcNodeStore.valueKey(value));
                if (number == null) {
                    ps.setNull(5, Types.DOUBLE);
                } else {
                    ps.setDouble(5, number);
                }
                ps.addBatch();
            }
        }
        if (++pending >= FLUSH_ROWS) {
            flush();
        }
    }

    /** Sends the buffered rows: nodes first (the properties' foreign key). */
    void flush() throws SQLException {
        if (pending == 0) {
            return;
        }
        pending = 0;
        if (copy == null) {
            nodeBatch.executeBatch();
            propBatch.executeBatch();
            return;
        }
        try {
            copied += copy.copyIn("COPY vos_node (" + NODE_COLS + ") FROM STDIN", new StringReader(nodes.toString()));
            nodes.setLength(0);
            if (props.length() > 0) {
                copied += copy.copyIn("COPY vos_node_prop (" + PROP_COLS + ") FROM STDIN",
                        new StringReader(props.toString()));
                props.setLength(0);
            }
        } catch (IOException e) {
            throw new SQLException("COPY failed", e);
        }
    }

    /** Rows COPY reported written so far (0 on H2). */
    long copiedRows() {
        return copied;
    }

    /** Flushes, then moves vos_node's identity past the largest id written. */
    @Override
    public void close() throws SQLException {
        flush();
        if (nodeBatch != null) {
            nodeBatch.close();
            propBatch.close();
        }
        if (maxId == 0) {
            return;
        }
        try (Statement s = c.createStatement()) {
            if (copy != null) {
                s.execute("SELECT setval(pg_get_serial_sequence('vos_node', 'id'), GREATEST(" + maxId
                        + ", (SELECT MAX(id) FROM vos_node)))");
            } else {
                s.execute("ALTER TABLE vos_node ALTER COLUMN id RESTART WITH " + (maxId + 1));
            }
        }
    }

    /** One line of COPY's text format: tab-separated, \N for NULL, backslash escapes. */
    private static void row(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object v = values[i];
            if (v == null) {
                out.append("\\N");
                continue;
            }
            String s = v.toString();
            for (int k = 0; k < s.length(); k++) {
                char ch = s.charAt(k);
                switch (ch) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(ch);
                }
            }
        }
        out.append('\n');
    }
}
