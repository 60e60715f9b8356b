package org.vosportal.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;

/**
 * The throwaway PostgreSQL of {@code deploy/postgres.sh} for tests: database, user and password
 * {@code vospace} on 127.0.0.1:25432. Overridable by the system properties {@code postgres.host},
 * {@code postgres.port}, {@code postgres.db}, {@code postgres.user}, {@code postgres.password} or
 * the variables {@code POSTGRES_HOST}, {@code POSTGRES_PORT}, {@code POSTGRES_DB},
 * {@code POSTGRES_USER}, {@code POSTGRES_PASSWORD} (the same ones the script reads).
 */
public final class PostgresServer {

    private static final long START_TIMEOUT_SECONDS = 600; // may apt-get install postgresql
    private static volatile boolean running;

    private PostgresServer() {
    }

    public static String host() {
        return DeployScript.setting("postgres.host", "POSTGRES_HOST", "127.0.0.1");
    }

    public static int port() {
        return Integer.parseInt(DeployScript.setting("postgres.port", "POSTGRES_PORT", "25432"));
    }

    public static String database() {
        return DeployScript.setting("postgres.db", "POSTGRES_DB", "vospace");
    }

    public static String user() {
        return DeployScript.setting("postgres.user", "POSTGRES_USER", "vospace");
    }

    public static String password() {
        return DeployScript.setting("postgres.password", "POSTGRES_PASSWORD", "vospace");
    }

    /** {@code jdbc:postgresql://127.0.0.1:25432/vospace} */
    public static String jdbcUrl() {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database();
    }

    /**
     * Starts PostgreSQL through {@code deploy/postgres.sh start} (which also creates the database
     * and user) unless something already accepts connections on the port; once per JVM.
     */
    public static synchronized void ensureRunning() {
        if (running) {
            return;
        }
        if (!accepts()) {
            DeployScript.run("postgres.sh", Map.of(
                            "POSTGRES_HOST", host(),
                            "POSTGRES_PORT", Integer.toString(port()),
                            "POSTGRES_DB", database(),
                            "POSTGRES_USER", user(),
                            "POSTGRES_PASSWORD", password()),
                    START_TIMEOUT_SECONDS, "start");
            if (!accepts()) {
                throw new IllegalStateException("deploy/postgres.sh start succeeded but "
                        + host() + ":" + port() + " does not accept connections");
            }
        }
        running = true;
    }

    /** A small pool on the test server whose connections use {@code schema} (started if need be). */
    public static io.agroal.api.AgroalDataSource pool(String schema, int maxSize) throws java.sql.SQLException {
        ensureRunning();
        return io.agroal.api.AgroalDataSource.from(new io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.minSize(0).maxSize(maxSize)
                        .connectionFactoryConfiguration(cf -> cf
                                .jdbcUrl(jdbcUrl() + "?currentSchema=" + schema)
                                .principal(new io.agroal.api.security.NamePrincipal(user()))
                                .credential(new io.agroal.api.security.SimplePassword(password())))));
    }

    /** Drops {@code schema} and migrates it afresh: each contract test starts from an empty database. */
    public static void freshSchema(javax.sql.DataSource ds, String schema) throws java.sql.SQLException {
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        org.flywaydb.core.Flyway.configure().dataSource(ds).schemas(schema).createSchemas(true)
                .locations("classpath:db/migration/postgresql").load().migrate();
    }

    private static boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port()), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
