package org.vosportal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vosportal.testsupport.KeycloakServer;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeXml;
import org.vosportal.vospace.Props;
import org.vosportal.vospace.Transfer;
import org.vosportal.vospace.TransferXml;

/**
 * {@code kill -9} of the packaged service in the middle of a large upload, a segmented upload, a
 * move of a tree, a recursive delete and a stream of small commits: after a restart no partial
 * file is visible, every file has its bytes, no orphan bytes remain, and the shipped consistency
 * check ({@code quarkus-run.jar check}) finds the tree consistent — and does find planted damage.
 *
 * <p>Runs in {@code mvn verify} (maven-failsafe, after {@code package}) against
 * {@code target/quarkus-app/quarkus-run.jar}, started as a separate JVM on port 8195 with its
 * own data directory; tokens come from the real Keycloak.
 */
class CrashConsistencyIT {

    static final int PORT = 8195;
    static final String BASE = "http://127.0.0.1:" + PORT + "/vault";
    static final String AUTH = "vos://opencadc.org~vault";
    static final Path JAR = Path.of(System.getProperty("quarkus-app.jar", "target/quarkus-app/quarkus-run.jar"));
    static final Path DATA = Path.of("target", "crash-it-data").toAbsolutePath();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
    static final String DIR = "/alice/crash";
    /** Files in the folder being deleted recursively when the service dies. */
    static final int DOOMED = 400;

    private static int runs;

    // ------------------------------------------------------------------ the service process

    /** Starts the packaged service and waits until it answers. */
    static Process start() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: run 'mvn verify' (it packages the application first)");
        Path log = Path.of("target", "crash-it-" + (++runs) + ".log");
        ProcessBuilder pb = new ProcessBuilder(java(), "-Xmx512m", "-Djdk.nio.maxCachedBufferSize=262144", "-Dquarkus.http.port=" + PORT,
                "-Dvospace.service.data-dir=" + DATA, "-jar", JAR.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PORTAL_SESSION_SECRET", UUID.randomUUID() + "-" + UUID.randomUUID());
        // the demo realm's client secret is built in: a production start refuses it unless told
        // this is the demo (BuiltInSecrets); the test is about crashes, not about secrets
        pb.environment().put("VOSPACE_DEMO", "true");
        pb.environment().put("KEYCLOAK_URL", org.vosportal.testsupport.KeycloakServer.baseUrl());
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("the service exited with " + p.exitValue() + "; see " + log);
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/capabilities")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return p;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        p.destroyForcibly();
        throw new AssertionError("the service did not answer within 3 minutes; see " + log);
    }

    /** {@code kill -9}: Process.destroyForcibly sends SIGKILL, no shutdown hook runs. */
    static void kill(Process p) throws Exception {
        p.destroyForcibly();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    }

    static void stop(Process p) throws Exception {
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    record Check(int exit, String output) {
    }

    /** Runs the shipped consistency check on the data directory (the service must be stopped: H2 is one process). */
    static Check check() throws Exception {
        Process p = new ProcessBuilder(java(), "-Xmx256m", "-Dvospace.service.data-dir=" + DATA, "-jar",
                JAR.toString(), "check").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the check did not finish: " + out);
        return new Check(p.exitValue(), out);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    // ------------------------------------------------------------------ HTTP as alice

    static HttpRequest.Builder as(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + KeycloakServer.accessToken("alice"));
    }

    /** Sends a request; one that gets no answer within 2 minutes fails (a hang is a failure too). */
    static HttpResponse<byte[]> send(HttpRequest r) throws Exception {
        return HTTP.sendAsync(r, HttpResponse.BodyHandlers.ofByteArray()).get(2, TimeUnit.MINUTES);
    }

    static void mkdir(String path) throws Exception {
        String doc = "<vos:node xmlns:vos=\"http://www.ivoa.net/xml/VOSpace/v2.0\" xmlns:xsi=\"http://www.w3.org/2001/"
                + "XMLSchema-instance\" uri=\"" + AUTH + path + "\" xsi:type=\"vos:ContainerNode\"><vos:properties/>"
                + "<vos:nodes/></vos:node>";
        HttpResponse<byte[]> r = send(as(BASE + "/nodes" + path).header("Content-Type", "text/xml")
                .PUT(HttpRequest.BodyPublishers.ofString(doc)).build());
        assertEquals(201, r.statusCode(), () -> path + ": " + new String(r.body(), StandardCharsets.UTF_8));
    }

    /** The pre-authorised PUT URL for a path (sync push negotiation, as vcp does). */
    static String uploadUrl(String path) throws Exception {
        String doc = "<vos:transfer xmlns:vos=\"http://www.ivoa.net/xml/VOSpace/v2.0\" version=\"2.1\"><vos:target>"
                + AUTH + path + "</vos:target><vos:direction>" + Transfer.PUSH_TO + "</vos:direction>"
                + "<vos:protocol uri=\"ivo://ivoa.net/vospace/core#httpsput\"/></vos:transfer>";
        HttpResponse<byte[]> post = send(as(BASE + "/synctrans").header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(doc)).build());
        assertEquals(303, post.statusCode());
        HttpResponse<byte[]> details = send(as(post.headers().firstValue("Location").orElseThrow()).build());
        return TransferXml.read(details.body()).protocols().get(0).endpoint();
    }

    static void upload(String path, byte[] bytes) throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(uploadUrl(path)))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        assertEquals(201, r.statusCode(), () -> path + ": " + new String(r.body(), StandardCharsets.UTF_8));
    }

    static HttpResponse<byte[]> download(String path) throws Exception {
        HttpResponse<byte[]> files = send(as(BASE + "/files" + path).build());
        if (files.statusCode() != 303) {
            return files;
        }
        return send(HttpRequest.newBuilder(URI.create(files.headers().firstValue("Location").orElseThrow())).build());
    }

    static Node node(String path) throws Exception {
        HttpResponse<byte[]> r = send(as(BASE + "/nodes" + path + "?limit=10000").build());
        assertEquals(200, r.statusCode(), path);
        return NodeXml.read(r.body());
    }

    static int status(String path) throws Exception {
        return send(as(BASE + "/nodes" + path + "?limit=0").build()).statusCode();
    }

    static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A body that streams a trickle of bytes for ever (until the service dies), counting them. */
    static InputStream endless(AtomicInteger sent) {
        return new InputStream() {
            final byte[] block = random(64 * 1024, 9);

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                int n = Math.min(len, block.length);
                System.arraycopy(block, 0, b, off, n);
                sent.addAndGet(n);
                return n;
            }
        };
    }

    static void await(String what, java.util.function.BooleanSupplier done) throws Exception {
        await(() -> what, done);
    }

    static void await(java.util.function.Supplier<String> what, java.util.function.BooleanSupplier done)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, () -> "timed out waiting until " + what.get());
            Thread.sleep(50);
        }
    }

    static long tmpBytes() {
        try (Stream<Path> s = Files.list(DATA.resolve("tmp"))) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    static void deleteData() throws IOException {
        if (Files.exists(DATA)) {
            try (Stream<Path> s = Files.walk(DATA)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    // ------------------------------------------------------------------ the test

    @Test
    void aKilledServiceRestartsWithAConsistentTree() throws Exception {
        deleteData();
        Process service = start();
        ExecutorService pool = Executors.newCachedThreadPool();
        byte[] kept = random(1024 * 1024, 1);
        List<Future<?>> inFlight = new ArrayList<>();
        AtomicBoolean killed = new AtomicBoolean();
        try {
            // ---- what exists before the crash
            mkdir(DIR);
            upload(DIR + "/kept.bin", kept);
            mkdir(DIR + "/tree");
            mkdir(DIR + "/doomed");
            List<Future<?>> setup = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                setup.add(pool.submit(() -> {
                    mkdir(DIR + "/tree/d" + n);
                    upload(DIR + "/tree/d" + n + "/f", ("tree file " + n).getBytes(StandardCharsets.UTF_8));
                    return null;
                }));
            }
            for (int i = 0; i < DOOMED; i++) {
                int n = i;
                setup.add(pool.submit(() -> {
                    upload(DIR + "/doomed/f" + n, random(1000 + n, n));
                    return null;
                }));
            }
            for (Future<?> f : setup) {
                f.get(10, TimeUnit.MINUTES);
            }

            // ---- in flight when the service dies
            // a large upload replacing kept.bin
            AtomicInteger largeSent = new AtomicInteger();
            String largeUrl = uploadUrl(DIR + "/kept.bin");
            inFlight.add(pool.submit(() -> send(HttpRequest.newBuilder(URI.create(largeUrl))
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> endless(largeSent))).build())));
            // a segmented upload of a new file: one segment in, the second one streaming
            String segUrl = uploadUrl(DIR + "/segmented.bin");
            HttpResponse<byte[]> startTxn = send(HttpRequest.newBuilder(URI.create(segUrl))
                    .header("x-put-txn-op", "start").header("x-total-length", Long.toString(1L << 30))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(random(2 * 1024 * 1024, 2))).build());
            assertEquals(202, startTxn.statusCode(), () -> new String(startTxn.body(), StandardCharsets.UTF_8));
            String txn = startTxn.headers().firstValue("x-put-txn-id").orElseThrow();
            AtomicInteger segSent = new AtomicInteger();
            inFlight.add(pool.submit(() -> send(HttpRequest.newBuilder(URI.create(segUrl)).header("x-put-txn-id", txn)
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> endless(segSent))).build())));
            // small commits one after the other, each replacing (and deleting) the previous blob
            AtomicInteger commits = new AtomicInteger();
            inFlight.add(pool.submit(() -> {
                while (!killed.get()) {
                    upload(DIR + "/churn.txt", ("version " + commits.get()).getBytes(StandardCharsets.UTF_8));
                    commits.incrementAndGet();
                }
                return null;
            }));
            await(() -> "the uploads are streaming: " + largeSent + " and " + segSent + " bytes sent, " + commits
                    + " commits, " + tmpBytes() + " bytes in tmp; " + inFlight, () -> largeSent.get() > 4 << 20
                    && segSent.get() > 4 << 20 && commits.get() > 3 && tmpBytes() > 0);
            // a recursive delete, under way
            HttpResponse<byte[]> delete = send(as(BASE + "/async-delete")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("target=" + java.net.URLEncoder.encode(AUTH + DIR
                            + "/doomed", StandardCharsets.UTF_8) + "&PHASE=RUN")).build());
            assertEquals(303, delete.statusCode());
            await("the delete is under way", () -> {
                try {
                    HttpResponse<byte[]> r = send(as(BASE + "/nodes" + DIR + "/doomed?limit=" + DOOMED).build());
                    return r.statusCode() != 200 || NodeXml.read(r.body()).children().size() < DOOMED - 10;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // and a move of the tree
            String moveDoc = "<vos:transfer xmlns:vos=\"http://www.ivoa.net/xml/VOSpace/v2.0\" version=\"2.1\">"
                    + "<vos:target>" + AUTH + DIR + "/tree</vos:target><vos:direction>" + AUTH + DIR + "/moved"
                    + "</vos:direction><vos:keepBytes>false</vos:keepBytes></vos:transfer>";
            assertEquals(303, send(as(BASE + "/transfers?PHASE=RUN").header("Content-Type", "text/xml")
                    .POST(HttpRequest.BodyPublishers.ofString(moveDoc)).build()).statusCode());
        } finally {
            killed.set(true);
            kill(service);
            pool.shutdownNow();
        }
        assertTrue(tmpBytes() > 0, "nothing was in flight when the service died");

        // ---- after the restart
        service = start();
        try {
            assertEquals(md5(kept), md5(download(DIR + "/kept.bin").body()), "the interrupted upload replaced kept.bin");
            assertEquals(String.valueOf(kept.length), node(DIR + "/kept.bin").value(Props.LENGTH));
            assertEquals(404, status(DIR + "/segmented.bin"), "the interrupted segmented upload is visible");
            assertEquals(0, tmpBytes(), "partial uploads survived the restart");
            byte[] churn = download(DIR + "/churn.txt").body();
            assertTrue(new String(churn, StandardCharsets.UTF_8).startsWith("version "), "churn.txt lost its bytes");
            // (with H2's default WRITE_DELAY the last commits are lost: churn.txt points at a deleted blob)
            assertEquals(md5(churn), node(DIR + "/churn.txt").value(Props.MD5));
            // the tree moved whole or not at all
            boolean moved = status(DIR + "/moved") == 200;
            assertNotEquals(moved, status(DIR + "/tree") == 200, "the tree is in both places or in none");
            String tree = DIR + (moved ? "/moved" : "/tree");
            assertEquals(40, node(tree).children().size());
            for (int i = 0; i < 40; i += 13) {
                assertEquals("tree file " + i, new String(download(tree + "/d" + i + "/f").body(), StandardCharsets.UTF_8));
            }
            // what the delete left is whole (on a fast machine it may have ended before the kill: then
            // the folder is gone, which is consistent too; the check below looks at the rest)
            List<Node> left = status(DIR + "/doomed") == 404 ? List.of() : node(DIR + "/doomed").children();
            for (Node f : left) {
                int n = Integer.parseInt(f.path().name().substring(1));
                assertEquals(md5(random(1000 + n, n)), md5(download(f.path().toString()).body()), f.path().toString());
            }
        } finally {
            stop(service);
        }
        Check ok = check();
        assertEquals(0, ok.exit(), ok.output());
        assertTrue(ok.output().contains("consistent: "), ok.output());

        // ---- the check finds damage: an orphan blob, a partial upload, a missing blob
        Path orphan = DATA.resolve("blobs").resolve("ab").resolve("ab" + "0".repeat(30));
        Files.createDirectories(orphan.getParent());
        Files.write(orphan, new byte[] {1, 2, 3});
        Files.write(DATA.resolve("tmp").resolve("left-over.part"), new byte[] {4});
        Path keptBlob;
        try (Stream<Path> blobs = Files.walk(DATA.resolve("blobs"))) {
            keptBlob = blobs.filter(p -> p.toFile().length() == kept.length).findFirst().orElseThrow();
        }
        Files.delete(keptBlob);
        Check damaged = check();
        assertEquals(1, damaged.exit(), damaged.output());
        assertTrue(damaged.output().contains("blob ab" + "0".repeat(30) + " belongs to no node"), damaged.output());
        assertTrue(damaged.output().contains("temporary upload left-over.part left behind"), damaged.output());
        assertTrue(damaged.output().contains("'kept.bin': its blob " + keptBlob.getFileName() + " is missing"),
                damaged.output());
        assertTrue(damaged.output().contains("3 problems"), damaged.output());
    }
}
