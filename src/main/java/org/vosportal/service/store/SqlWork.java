package org.vosportal.service.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Statements run on one connection inside a transaction the {@link TxTemplate} manages. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection c) throws SQLException;
}
