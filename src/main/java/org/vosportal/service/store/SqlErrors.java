package org.vosportal.service.store;

import java.sql.SQLException;

/**
 * What an SQLException means, by its SQLState (the same on H2 and PostgreSQL), and the store
 * error it becomes: the one place the store translates database errors.
 */
final class SqlErrors {

    private SqlErrors() {
    }

    /** Serialization failure or deadlock: the transaction may simply be run again. */
    static boolean isRetryable(SQLException e) {
        String state = sqlState(e);
        return "40001".equals(state) || "40P01".equals(state);
    }

    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(sqlState(e));
    }

    static boolean isForeignKeyViolation(SQLException e) {
        String state = sqlState(e);
        return "23503".equals(state) || "23506".equals(state); // 23506: H2's "referenced row exists" on delete
    }

    /** The store error for an SQLException no operation handled itself. */
    static RuntimeException translate(SQLException e) {
        String state = sqlState(e);
        if ("22001".equals(state)) {
            return new StoreRefusal.Invalid("a value is too long");
        }
        if ("23505".equals(state)) {
            return new StoreRefusal.AlreadyExists("name already in use");
        }
        return new NodeStoreException("node store: " + e.getMessage(), e);
    }

    /** The SQLState of the exception or of the first chained one that has one. */
    static String sqlState(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (x.getSQLState() != null) {
                return x.getSQLState();
            }
        }
        return null;
    }
}
