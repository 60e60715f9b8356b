package org.vosportal.service.jobs;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** The job store and leases on H2 2.x: a fresh in-memory database per test, migrated by Flyway. */
class H2JobStoreTest extends JobStoreContract {

    @Override
    protected DataSource newDatabase() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:jobs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        ds.setUser("sa");
        ds.setPassword("");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/h2").load().migrate();
        return ds;
    }
}
