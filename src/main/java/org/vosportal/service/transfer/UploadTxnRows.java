package org.vosportal.service.transfer;

import static org.vosportal.service.cluster.DbTimes.instant;
import static org.vosportal.service.cluster.DbTimes.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The table of open PUT transactions ({@code vos_upload_txn}): one row each, whose
 * {@code version} goes up with every change, so an instance holding an older copy of the put
 * knows to resume it from the row instead.
 */
final class UploadTxnRows {

    /** One open transaction as stored. */
    record Row(String id, String owner, String path, long totalLength, long received, String md5Hex,
            String putState, int version, Instant touched) {
    }

    private static final String COLS = "id, owner_key, node_path, total_length, received, md5_hex, put_state,"
            + " version, touched_at";

    private final DataSource dataSource;

    UploadTxnRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void insert(Row r) {
        sql("open an upload transaction", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO vos_upload_txn (" + COLS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, r.id());
                ps.setString(2, r.owner());
                ps.setString(3, r.path());
                ps.setLong(4, r.totalLength());
                ps.setLong(5, r.received());
                ps.setString(6, r.md5Hex());
                ps.setString(7, r.putState());
                ps.setInt(8, r.version());
                ps.setObject(9, utc(r.touched()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    Optional<Row> find(String id) {
        return sql("read an upload transaction", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM vos_upload_txn WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Saves a changed put over version {@code version} (one more now); false if the row moved on or went. */
    boolean update(String id, int version, long received, String md5Hex, String putState, Instant touched) {
        return sql("save an upload transaction", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE vos_upload_txn SET received = ?, md5_hex = ?,"
                    + " put_state = ?, version = version + 1, touched_at = ? WHERE id = ? AND version = ?")) {
                ps.setLong(1, received);
                ps.setString(2, md5Hex);
                ps.setString(3, putState);
                ps.setObject(4, utc(touched));
                ps.setString(5, id);
                ps.setInt(6, version);
                return ps.executeUpdate() == 1;
            }
        });
    }

    void touch(String id, Instant touched) {
        sql("touch an upload transaction", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE vos_upload_txn SET touched_at = ? WHERE id = ?")) {
                ps.setObject(1, utc(touched));
                ps.setString(2, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    void delete(String id) {
        sql("close an upload transaction", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM vos_upload_txn WHERE id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    int deleteAll() {
        return sql("close every upload transaction", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM vos_upload_txn")) {
                return ps.executeUpdate();
            }
        });
    }

    int openBy(String owner) {
        return sql("count upload transactions", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM vos_upload_txn WHERE owner_key = ?")) {
                ps.setString(1, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** The saved put states of every open transaction (those saved once at least). */
    List<String> putStates() {
        return sql("list upload transactions", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT put_state FROM vos_upload_txn WHERE put_state IS NOT NULL")) {
                List<String> states = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        states.add(rs.getString(1));
                    }
                }
                return states;
            }
        });
    }

    /** Transactions last touched before {@code limit} (at most {@code max}). */
    List<Row> idleSince(Instant limit, int max) {
        return sql("list idle upload transactions", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS
                    + " FROM vos_upload_txn WHERE touched_at < ? ORDER BY touched_at")) {
                ps.setObject(1, utc(limit));
                ps.setMaxRows(max);
                List<Row> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
                return rows;
            }
        });
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                rs.getString(6), rs.getString(7), rs.getInt(8), instant(rs, 9));
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T sql(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not " + what + ": " + e.getMessage(), e);
        }
    }
}
