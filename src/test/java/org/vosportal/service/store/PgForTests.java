package org.vosportal.service.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Minimal PostgreSQL 15 starter for the store tests, until {@code org.vosportal.testsupport.PostgresServer}
 * lands: if nothing answers on 127.0.0.1:55432 as vospace/vospace, it tries {@code deploy/postgres.sh start},
 * else initialises a cluster under {@code /tmp/vospace-pg-store} (trust auth, UTF8, C locale) and starts
 * it with the Debian binaries in {@code /usr/lib/postgresql/15/bin}, as the {@code postgres} OS user when
 * running as root (PostgreSQL refuses root). The server is left running for the next test run; stop it
 * with {@code runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D /tmp/vospace-pg-store/data stop}.
 */
final class PgForTests {

    static final int PORT = Integer.getInteger("vospace.test.pg.port", 55432);
    static final String USER = "vospace";
    static final String PASSWORD = "vospace";
    static final String DATABASE = "vospace";
    private static final Path BIN = Path.of(System.getProperty("vospace.test.pg.bin", "/usr/lib/postgresql/15/bin"));
    private static final Path BASE = Path.of(System.getProperty("vospace.test.pg.dir", "/tmp/vospace-pg-store"));

    private static boolean checked;

    private PgForTests() {
    }

    static String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + PORT + "/" + DATABASE;
    }

    static synchronized void ensureRunning() {
        if (checked && canConnect()) {
            return;
        }
        try {
            if (!canConnect()) {
                Path script = Path.of("deploy/postgres.sh");
                if (Files.isRegularFile(script)) {
                    run(List.of("bash", script.toString(), "start"), false);
                }
            }
            if (!canConnect()) {
                startOwn();
            }
            waitUntilConnectable();
            checked = true;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not start PostgreSQL for the tests", e);
        }
    }

    private static void startOwn() throws IOException, InterruptedException {
        if (!Files.isExecutable(BIN.resolve("pg_ctl"))) {
            if (!isRoot()) {
                throw new IllegalStateException("PostgreSQL 15 binaries missing in " + BIN
                        + " (apt-get install -y postgresql)");
            }
            run(List.of("apt-get", "install", "-y", "postgresql"), true);
        }
        Path data = BASE.resolve("data");
        if (!Files.isRegularFile(data.resolve("PG_VERSION"))) {
            Files.createDirectories(BASE);
            if (isRoot()) {
                run(List.of("chown", "-R", "postgres:postgres", BASE.toString()), true);
            }
            run(asPostgres(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                    "--auth=trust", "-E", "UTF8", "--no-locale"), true);
        }
        run(asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                BASE.resolve("postgres.log").toString(), "-w", "-t", "60", "-o",
                "-p " + PORT + " -k /tmp -c listen_addresses=127.0.0.1", "start"), true);
        String psql = BIN.resolve("psql").toString();
        List<String> base = List.of(psql, "-h", "127.0.0.1", "-p", String.valueOf(PORT), "-U", "postgres", "-d",
                "postgres", "-v", "ON_ERROR_STOP=1", "-c");
        run(concat(base, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + USER
                + "') THEN CREATE ROLE " + USER + " LOGIN CREATEDB PASSWORD '" + PASSWORD + "'; END IF; END $$"), true);
        String exists = run(concat(List.of(psql, "-h", "127.0.0.1", "-p", String.valueOf(PORT), "-U", "postgres",
                "-d", "postgres", "-tAc"), "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'"), true);
        if (!exists.trim().equals("1")) {
            run(concat(base, "CREATE DATABASE " + DATABASE + " OWNER " + USER + " ENCODING 'UTF8'"), true);
        }
    }

    private static List<String> concat(List<String> head, String last) {
        List<String> out = new ArrayList<>(head);
        out.add(last);
        return out;
    }

    private static List<String> asPostgres(String... cmd) {
        List<String> out = new ArrayList<>();
        if (isRoot()) {
            out.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        out.addAll(List.of(cmd));
        return out;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String run(List<String> cmd, boolean mustSucceed) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).directory(Path.of("/tmp").toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        if (mustSucceed && p.exitValue() != 0) {
            throw new IOException("failed (" + p.exitValue() + "): " + String.join(" ", cmd) + "\n" + out);
        }
        return out;
    }

    private static void waitUntilConnectable() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!canConnect()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL on port " + PORT + " does not accept " + USER);
            }
            Thread.sleep(250);
        }
    }

    static boolean canConnect() {
        try (Connection c = DriverManager.getConnection(jdbcUrl() + "?connectTimeout=2", USER, PASSWORD)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
