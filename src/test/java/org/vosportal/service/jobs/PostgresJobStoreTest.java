package org.vosportal.service.jobs;

import io.agroal.api.AgroalDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.vosportal.testsupport.PostgresServer;

/** The job store and leases on PostgreSQL 15, in a freshly migrated schema {@code jobs_test} per test. */
@Tag("servers") // PostgreSQL: the full suite (mvn verify), not the fast lane
class PostgresJobStoreTest extends JobStoreContract {

    private static final String SCHEMA = "jobs_test";
    private static AgroalDataSource dataSource;

    @BeforeAll
    static void startPostgres() throws Exception {
        dataSource = PostgresServer.pool(SCHEMA, 12);
    }

    @AfterAll
    static void closePool() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @Override
    protected DataSource newDatabase() throws Exception {
        PostgresServer.freshSchema(dataSource, SCHEMA);
        return dataSource;
    }
}
