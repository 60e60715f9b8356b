package org.vosportal.service.store;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The NodeStore contract on PostgreSQL 15. Starts the server if it is not running (never skipped),
 * and gives every test a freshly migrated schema {@code store_test} in database vospace, so the
 * application's own tables in {@code public} are left alone.
 */
class PostgresNodeStoreTest extends NodeStoreContract {

    private static final String SCHEMA = "store_test";
    private static AgroalDataSource dataSource;

    @BeforeAll
    static void startPostgres() throws Exception {
        PgForTests.ensureRunning();
        dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.minSize(0).maxSize(8)
                        .connectionFactoryConfiguration(cf -> cf
                                .jdbcUrl(PgForTests.jdbcUrl() + "?currentSchema=" + SCHEMA)
                                .principal(new NamePrincipal(PgForTests.USER))
                                .credential(new SimplePassword(PgForTests.PASSWORD)))));
    }

    @AfterAll
    static void closePool() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @Override
    protected NodeStore newStore() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        Flyway.configure().dataSource(dataSource).schemas(SCHEMA).createSchemas(true)
                .locations("classpath:db/migration/postgresql").load().migrate();
        return new JdbcNodeStore(dataSource);
    }
}
