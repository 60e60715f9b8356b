package org.vosportal.service.cluster;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants in the shared tables ({@code TIMESTAMP(3) WITH TIME ZONE}, UTC), bound and read the
 * same way by every store of them: leases, jobs, upload transactions.
 */
public final class DbTimes {

    private DbTimes() {
    }

    /** {@code t} to the millisecond, in UTC; null stays null. */
    public static OffsetDateTime utc(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    /** The instant in column {@code col}, or null. */
    public static Instant instant(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
