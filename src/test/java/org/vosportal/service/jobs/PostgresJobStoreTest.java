package org.vosportal.service.jobs;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
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
        PostgresServer.ensureRunning();
        dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.minSize(0).maxSize(12)
                        .connectionFactoryConfiguration(cf -> cf
                                .jdbcUrl(PostgresServer.jdbcUrl() + "?currentSchema=" + SCHEMA)
                                .principal(new NamePrincipal(PostgresServer.user()))
                                .credential(new SimplePassword(PostgresServer.password())))));
    }

    @AfterAll
    static void closePool() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @Override
    protected DataSource newDatabase() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        Flyway.configure().dataSource(dataSource).schemas(SCHEMA).createSchemas(true)
                .locations("classpath:db/migration/postgresql").load().migrate();
        return dataSource;
    }
}
