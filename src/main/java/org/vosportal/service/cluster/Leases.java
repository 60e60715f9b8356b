package org.vosportal.service.cluster;

import static org.vosportal.service.cluster.DbTimes.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Named leases in {@code vos_lease(name, holder, until)}: a lease is taken, or renewed by its
 * holder, with one conditional UPDATE (the row is free when its time ran out) and, for a name
 * never taken before, one INSERT that only one instance can win (the primary key). No lock
 * service, no lock held in the database between statements.
 */
public final class Leases {

    private final DataSource dataSource;

    public Leases(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes (or renews) {@code name} for {@code holder} until {@code until}; false if another holds it now. */
    public boolean take(String name, String holder, Instant now, Instant until) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE vos_lease SET holder = ?, until = ? WHERE name = ? AND (until <= ? OR holder = ?)")) {
                ps.setString(1, holder);
                ps.setObject(2, utc(until));
                ps.setString(3, name);
                ps.setObject(4, utc(now));
                ps.setString(5, holder);
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO vos_lease (name, holder, until) VALUES (?, ?, ?)")) {
                ps.setString(1, name);
                ps.setString(2, holder);
                ps.setObject(3, utc(until));
                ps.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    return false; // the row exists: someone else holds it (or just took it)
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("lease " + name + ": " + e.getMessage(), e);
        }
    }

    /** Gives the lease up (only if {@code holder} has it). */
    public void release(String name, String holder) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM vos_lease WHERE name = ? AND holder = ?")) {
            ps.setString(1, name);
            ps.setString(2, holder);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("lease " + name + ": " + e.getMessage(), e);
        }
    }

    /** The holder of a lease still running at {@code now}, or null. */
    public String holder(String name, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT holder FROM vos_lease WHERE name = ? AND until > ?")) {
            ps.setString(1, name);
            ps.setObject(2, utc(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("lease " + name + ": " + e.getMessage(), e);
        }
    }

    /** How many leases whose name starts with {@code prefix}, other than {@code except}, run at {@code now}. */
    public int running(String prefix, String except, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM vos_lease WHERE name LIKE ? AND name <> ? AND until > ?")) {
            ps.setString(1, prefix.replace("%", "\\%").replace("_", "\\_") + "%");
            ps.setString(2, except);
            ps.setObject(3, utc(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("leases " + prefix + ": " + e.getMessage(), e);
        }
    }
}
