package org.vosportal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vosportal.testsupport.KeycloakServer;

/**
 * The packaged application (after {@code mvn package}) in the production profile: it refuses to
 * start with the repository's built-in secrets, starts with its own, and {@code deploy/run.sh}
 * (the newcomer's command, the demo) still starts it.
 */
class ProductionStartIT {

    static final Path BASEDIR = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    static final Path JAR = BASEDIR.resolve("target/quarkus-app/quarkus-run.jar");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    static final String OWN_SECRET = "it-" + Long.toHexString(System.nanoTime()) + "-0123456789abcdefghijklmnop";

    /** A started process and its output (stdout and stderr), line by line. */
    record Run(Process process, List<String> output) {
        String text() {
            return String.join("\n", output);
        }
    }

    @BeforeAll
    static void prerequisites() {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: integration tests run after mvn package");
        KeycloakServer.ensureRunning();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static Run start(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder b = new ProcessBuilder(command).directory(BASEDIR.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // no secret or demo switch inherited from whoever runs the build
        for (String v : List.of("VOSPACE_DEMO", "PORTAL_CLIENT_SECRET", "PORTAL_SESSION_SECRET", "PORTAL_STATE_SECRET",
                "VOSPACE_SERVICE_PREAUTH_SECRET", "QUARKUS_PROFILE")) {
            b.environment().remove(v);
        }
        b.environment().put("KEYCLOAK_URL", KeycloakServer.baseUrl());
        b.environment().putAll(env);
        Process p = b.start();
        List<String> out = new CopyOnWriteArrayList<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    out.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return new Run(p, out);
    }

    /** As deploy/README.md says to start it: with the bound on the JDK's direct-buffer cache. */
    static List<String> jar(int port, String dataDir) {
        return jar(port, dataDir, true);
    }

    static List<String> jar(int port, String dataDir, boolean boundedBufferCache) {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m"));
        if (boundedBufferCache) {
            cmd.add("-Djdk.nio.maxCachedBufferSize=262144");
        }
        cmd.addAll(List.of("-Dquarkus.http.port=" + port, "-Dvospace.service.data-dir=./target/" + dataDir, "-jar",
                JAR.toString()));
        return cmd;
    }

    static final String CACHE_WARNING = "caches large direct buffers per thread without a bound";

    static int status(String url, String token) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Waits until the application answers its availability, or its process ends. */
    static boolean answers(Run run, int port, int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 2; i++) {
            if (status("http://127.0.0.1:" + port + "/vault/availability", null) == 200) {
                return true;
            }
            if (!run.process().isAlive()) {
                return false;
            }
            Thread.sleep(500);
        }
        return false;
    }

    static void stop(Run run) throws InterruptedException {
        run.process().destroy();
        if (!run.process().waitFor(60, TimeUnit.SECONDS)) {
            run.process().destroyForcibly();
        }
    }

    @Test
    void theProductionStartRefusesTheBuiltInSecrets() throws Exception {
        int port = freePort();
        Run run = start(jar(port, "it-prod-refused"), Map.of());
        try {
            assertTrue(run.process().waitFor(120, TimeUnit.SECONDS), "still running: " + run.text());
            assertNotEquals(0, run.process().exitValue(), run::text);
            String out = run.text();
            assertTrue(out.contains("Refusing to start"), out);
            assertTrue(out.contains("PORTAL_CLIENT_SECRET") && out.contains("PORTAL_SESSION_SECRET"), out);
            assertEquals(-1, status("http://127.0.0.1:" + port + "/vault/availability", null), "nothing listens");
        } finally {
            run.process().destroyForcibly();
        }
    }

    @Test
    void theProductionStartRunsWithItsOwnSecrets() throws Exception {
        int port = freePort();
        Run run = start(jar(port, "it-prod-own"), Map.of("PORTAL_CLIENT_SECRET", "not-the-demo-secret",
                "PORTAL_SESSION_SECRET", OWN_SECRET));
        try {
            assertTrue(answers(run, port, 120), run::text);
            assertFalse(run.text().contains("Refusing"), run::text);
            assertFalse(run.text().contains(CACHE_WARNING), run::text);
            // the service takes the realm's tokens for it (audience vospace)
            assertEquals(200, status("http://127.0.0.1:" + port + "/vault/nodes/alice?limit=0",
                    KeycloakServer.accessToken("alice")));
        } finally {
            stop(run);
        }
    }

    /** Without the JVM option the start warns, naming it (the option cannot be set from inside). */
    @Test
    void aStartWithoutTheBufferCacheBoundWarns() throws Exception {
        int port = freePort();
        Run run = start(jar(port, "it-prod-unbounded", false), Map.of("PORTAL_CLIENT_SECRET", "not-the-demo-secret",
                "PORTAL_SESSION_SECRET", OWN_SECRET));
        try {
            assertTrue(answers(run, port, 120), run::text);
            for (int i = 0; i < 20 && !run.text().contains(CACHE_WARNING); i++) {
                Thread.sleep(250);
            }
            assertTrue(run.text().contains(CACHE_WARNING) && run.text().contains("-Djdk.nio.maxCachedBufferSize=262144"),
                    run::text);
        } finally {
            stop(run);
        }
    }

    @Test
    void runShStillStartsTheDemo() throws Exception {
        int port = freePort();
        Run run = start(List.of("bash", "deploy/run.sh"), Map.of("SKIP_BUILD", "1", "APP_PORT", Integer.toString(port),
                "KEYCLOAK_HOST", KeycloakServer.host(), "KEYCLOAK_PORT", Integer.toString(KeycloakServer.port()),
                "VOSPACE_SERVICE_DATA_DIR", "./target/it-run-sh"));
        try {
            assertTrue(answers(run, port, 180), run::text);
            for (int i = 0; i < 20 && !run.text().contains("Ready."); i++) {
                Thread.sleep(250);
            }
            String out = run.text();
            assertTrue(out.contains("Ready.") && out.contains("/storage"), out);
            assertTrue(out.contains("Demo mode (VOSPACE_DEMO=true)"), "warns about the demo secrets: " + out);
            assertFalse(out.contains(CACHE_WARNING), "run.sh passes the buffer-cache bound: " + out);
            assertEquals(200, status("http://127.0.0.1:" + port + "/vault/nodes/alice?limit=0",
                    KeycloakServer.accessToken("alice")));
            assertEquals(302, status("http://127.0.0.1:" + port + "/storage/login", null), "login goes to Keycloak");
        } finally {
            stop(run);
        }
        assertEquals(-1, status("http://127.0.0.1:" + port + "/vault/availability", null), "the application stopped");
        assertEquals(200, status(KeycloakServer.issuer() + "/.well-known/openid-configuration", null),
                "a Keycloak run.sh did not start stays up");
    }
}
