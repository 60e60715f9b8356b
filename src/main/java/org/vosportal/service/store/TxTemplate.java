package org.vosportal.service.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Connection, transaction and retry: runs work on a connection of its own with autocommit off,
 * commits when it returns, rolls back when it throws, closes the connection. A transient failure
 * (serialization failure or deadlock, or a {@link NodeStoreException.Retryable} from the work)
 * runs the whole work again, up to {@link #MAX_ATTEMPTS} times, then {@link NodeStoreException.Busy};
 * any other SQLException becomes a store error ({@link SqlErrors#translate}).
 */
final class TxTemplate {

    static final int MAX_ATTEMPTS = 8;

    /**
     * An SQLException carried out of code that cannot throw it (a unit of work's operations);
     * unwrapped here, so retries and translation see the SQLException itself.
     */
    static final class SqlFailure extends RuntimeException {
        final SQLException sql;

        SqlFailure(SQLException sql) {
            super(sql.getMessage(), sql, false, false);
            this.sql = sql;
        }
    }

    private final DataSource dataSource;

    TxTemplate(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    <T> T run(SqlWork<T> work) {
        for (int attempt = 1;; attempt++) {
            Exception last;
            try {
                return once(work);
            } catch (NodeStoreException.Retryable e) {
                last = e;
            } catch (SqlFailure e) {
                if (!SqlErrors.isRetryable(e.sql)) {
                    throw SqlErrors.translate(e.sql);
                }
                last = e.sql;
            } catch (SQLException e) {
                if (!SqlErrors.isRetryable(e)) {
                    throw SqlErrors.translate(e);
                }
                last = e;
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new NodeStoreException.Busy("the node tree kept changing under this update; gave up after "
                        + attempt + " attempts", last);
            }
        }
    }

    private <T> T once(SqlWork<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Throwable t) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    t.addSuppressed(r);
                }
                throw t;
            } finally {
                if (autoCommit) {
                    try {
                        c.setAutoCommit(true);
                    } catch (SQLException ignored) {
                        // the connection is being closed anyway
                    }
                }
            }
        }
    }
}
