package org.vosportal.service.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Objects;

/**
 * How values are bound: timestamps as {@code TIMESTAMP(3) WITH TIME ZONE} in UTC, truncated to
 * milliseconds first (so what is read back equals what was written), nullable longs, IN lists.
 */
final class SqlValues {

    /** Largest IN list sent in one statement. */
    static final int IN_CHUNK = 1000;

    private SqlValues() {
    }

    static Instant millis(Instant when) {
        return Objects.requireNonNull(when, "when").truncatedTo(ChronoUnit.MILLIS);
    }

    static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
        ps.setObject(i, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
    }

    static void setLongOrNull(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    /** {@code n} comma-separated parameter marks. */
    static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
