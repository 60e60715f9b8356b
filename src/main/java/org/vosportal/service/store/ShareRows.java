package org.vosportal.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vosportal.vospace.VosPath;

/** The share-link registry's rows ({@code vos_share}, migration V4), for {@link ShareStore}. */
final class ShareRows {

    private static final String COLS = "id, node_id, node_path, node_md5, created_by, created_at, expires_at,"
            + " revoked_at";

    private ShareRows() {
    }

    static void insert(Connection c, ShareLink link) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO vos_share (" + COLS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, link.id());
            ps.setLong(2, link.nodeId());
            ps.setString(3, link.path().toString());
            ps.setString(4, link.md5());
            ps.setString(5, link.creator());
            SqlValues.setInstant(ps, 6, SqlValues.millis(link.created()));
            SqlValues.setInstant(ps, 7, SqlValues.millis(link.expires()));
            if (link.revoked() == null) {
                ps.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                SqlValues.setInstant(ps, 8, SqlValues.millis(link.revoked()));
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            if (SqlErrors.isForeignKeyViolation(e)) {
                throw new StoreRefusal.NotFound(link.path().toString());
            }
            throw e;
        }
    }

    static Optional<ShareLink> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM vos_share WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** The active links where {@code which} (a condition with one parameter) holds for {@code key}. */
    static List<ShareLink> active(Connection c, String which, Object key, Instant now, int limit)
            throws SQLException {
        List<ShareLink> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM vos_share WHERE " + which
                + " AND expires_at > ? AND revoked_at IS NULL ORDER BY expires_at, id LIMIT ?")) {
            ps.setObject(1, key);
            SqlValues.setInstant(ps, 2, SqlValues.millis(now));
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    static long countActiveBy(Connection c, String creator, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM vos_share WHERE created_by = ?"
                + " AND expires_at > ? AND revoked_at IS NULL")) {
            ps.setString(1, creator);
            SqlValues.setInstant(ps, 2, SqlValues.millis(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static boolean revoke(Connection c, String id, Instant when) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE vos_share SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            SqlValues.setInstant(ps, 1, SqlValues.millis(when));
            ps.setString(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    static int purge(Connection c, Instant before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM vos_share WHERE expires_at < ?")) {
            SqlValues.setInstant(ps, 1, SqlValues.millis(before));
            return ps.executeUpdate();
        }
    }

    private static ShareLink read(ResultSet rs) throws SQLException {
        OffsetDateTime revoked = rs.getObject(8, OffsetDateTime.class);
        return new ShareLink(rs.getString(1), rs.getLong(2), VosPath.parse(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant(),
                rs.getObject(7, OffsetDateTime.class).toInstant(), revoked == null ? null : revoked.toInstant());
    }
}
