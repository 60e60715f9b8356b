package org.vosportal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.vosportal.portal.PortalSession;
import org.vosportal.testsupport.KeycloakServer;
import org.vosportal.testsupport.PostgresServer;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeXml;
import org.vosportal.vospace.Props;
import org.vosportal.vospace.Transfer;
import org.vosportal.vospace.TransferXml;

/**
 * Two instances of the packaged application ({@code target/quarkus-app/quarkus-run.jar}, profile
 * {@code prod,pg}) on ports 8097 and 8098, sharing one PostgreSQL schema and one data directory
 * (standing for a shared file system), serve the same users: a UWS job made on A is run, polled
 * (WAIT) and finished through B; an abort and a delete on one are seen on the other; a job whose
 * runner is gone ends in ERROR in words; a portal login on A works on B with the same cookies (and
 * A's CSRF token); concurrent uploads to one path through both leave one whole file whose MD5 is
 * its bytes'; the trash purge, scheduled every 3 s on both, runs about once per 3 s in all; and
 * last, B is killed (SIGKILL) while it streams a package: A ends that job in ERROR, in words.
 *
 * A segmented upload begun on A goes on on B, a segment sent to A meanwhile is reverted on A, and B
 * commits it: the file is the segments' bytes. The periodic sweep (every 3 s here) removes an
 * orphan blob while both run, and no stored file's bytes.
 *
 * <p>Runs in {@code mvn verify} (failsafe) after {@code package}; PostgreSQL from
 * {@code deploy/postgres.sh} (port {@code -Dpostgres.port}), Keycloak from {@code deploy/keycloak.sh}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiInstanceIT {

    static final Path BASEDIR = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    static final Path JAR = Path.of(System.getProperty("quarkus-app.jar", "target/quarkus-app/quarkus-run.jar"));
    static final Path DATA = BASEDIR.resolve("target/multi-it-data");
    static final String SCHEMA = "multi_it";
    static final String AUTH = "vos://opencadc.org~vault";
    static final String DIR = "/alice/multi";
    static final Duration PURGE_EVERY = Duration.ofSeconds(3);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();

    /** One running instance: its HTTP and management ports, its process and its log. */
    record Instance(String name, int port, int management, Process process, Path log) {
        String base() {
            return "http://127.0.0.1:" + port;
        }

        String vault() {
            return base() + "/vault";
        }

        /** The same URL on this instance (the instances write their own address into URLs). */
        String here(String url) {
            return url.replaceFirst("^http://127\\.0\\.0\\.1:\\d+", base());
        }
    }

    static Instance a;
    static Instance b;

    // ------------------------------------------------------------------ the two processes

    @BeforeAll
    static void startBoth() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: run 'mvn verify' (it packages the application first)");
        KeycloakServer.ensureRunning();
        PostgresServer.ensureRunning();
        try (Connection c = db(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        deleteData();
        String secret = "multi-it-" + UUID.randomUUID() + "-" + UUID.randomUUID();
        Process pa = launch("a", 8097, secret);
        Process pb = launch("b", 8098, secret);
        a = new Instance("a", 8097, managementPorts[0], pa, log("a"));
        b = new Instance("b", 8098, managementPorts[1], pb, log("b"));
        awaitUp(a);
        awaitUp(b);
        mkdir(a, DIR);
    }

    static final int[] managementPorts = new int[2];

    static Path log(String name) {
        return BASEDIR.resolve("target/multi-it-" + name + ".log");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static Process launch(String name, int port, String secret) throws IOException {
        int management = freePort();
        managementPorts[name.equals("a") ? 0 : 1] = management;
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Djdk.nio.maxCachedBufferSize=262144", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + management, "-Dvospace.service.data-dir=" + DATA,
                "-Dvospace.service.cluster.heartbeat=PT1S", "-Dvospace.service.cluster.instance-timeout=PT5S",
                "-Dportal.trash.purge-every=" + PURGE_EVERY.toSeconds() + "s", "-Dportal.trash.purge-delay=1s",
                "-Dvospace.service.blob.sweep-every=" + PURGE_EVERY.toSeconds() + "s",
                "-Dvospace.service.blob.sweep-confirm-after=1s", "-Dvospace.service.blob.orphan-grace=2s",
                "-jar", JAR.toString())
                .directory(BASEDIR.toFile()).redirectErrorStream(true).redirectOutput(log(name).toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        for (String v : List.of("PORTAL_CLIENT_SECRET", "PORTAL_STATE_SECRET", "VOSPACE_SERVICE_PREAUTH_SECRET")) {
            pb.environment().remove(v);
        }
        pb.environment().put("QUARKUS_PROFILE", "prod,pg");
        pb.environment().put("VOSPACE_PG_URL", PostgresServer.jdbcUrl() + "?currentSchema=" + SCHEMA);
        pb.environment().put("VOSPACE_PG_USER", PostgresServer.user());
        pb.environment().put("VOSPACE_PG_PASSWORD", PostgresServer.password());
        // the same secret on both: a session cookie sealed by one is opened by the other
        pb.environment().put("PORTAL_SESSION_SECRET", secret);
        // the demo realm's client secret is built in: a production start refuses it unless told
        pb.environment().put("VOSPACE_DEMO", "true");
        pb.environment().put("KEYCLOAK_URL", KeycloakServer.baseUrl());
        return pb.start();
    }

    static void awaitUp(Instance i) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            assertTrue(i.process().isAlive(), () -> "instance " + i.name() + " exited; see " + i.log());
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(i.vault() + "/availability")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("instance " + i.name() + " did not answer within 3 minutes; see " + i.log());
    }

    @AfterAll
    static void stopBoth() throws Exception {
        for (Instance i : new Instance[] {a, b}) {
            if (i != null) {
                i.process().destroy();
            }
        }
        for (Instance i : new Instance[] {a, b}) {
            if (i != null && !i.process().waitFor(60, TimeUnit.SECONDS)) {
                i.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        try (Connection c = db(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        deleteData();
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

    static Connection db() throws Exception {
        return DriverManager.getConnection(PostgresServer.jdbcUrl(), PostgresServer.user(), PostgresServer.password());
    }

    // ------------------------------------------------------------------ HTTP as alice

    static HttpRequest.Builder as(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + KeycloakServer.accessToken("alice"));
    }

    static HttpResponse<String> send(HttpRequest r) throws Exception {
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(Instance i, String pathAndQuery) throws Exception {
        return send(as(i.vault() + pathAndQuery).build());
    }

    static HttpResponse<String> form(String url, String body) throws Exception {
        return send(as(url).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static void mkdir(Instance i, String path) throws Exception {
        String doc = "<vos:node xmlns:vos=\"http://www.ivoa.net/xml/VOSpace/v2.0\" xmlns:xsi=\"http://www.w3.org/2001/"
                + "XMLSchema-instance\" uri=\"" + AUTH + path + "\" xsi:type=\"vos:ContainerNode\"><vos:properties/>"
                + "<vos:nodes/></vos:node>";
        HttpResponse<String> r = send(as(i.vault() + "/nodes" + path).header("Content-Type", "text/xml")
                .PUT(HttpRequest.BodyPublishers.ofString(doc)).build());
        assertEquals(201, r.statusCode(), () -> path + ": " + r.body());
    }

    /**
     * The pre-authorised PUT URL for a path: negotiated (a sync transfer job) on {@code on}, its
     * transferDetails read from {@code readFrom}, so a sync job of one instance is read on the other.
     */
    static String uploadUrl(Instance on, Instance readFrom, String path) throws Exception {
        String doc = "<vos:transfer xmlns:vos=\"http://www.ivoa.net/xml/VOSpace/v2.0\" version=\"2.1\"><vos:target>"
                + AUTH + path + "</vos:target><vos:direction>" + Transfer.PUSH_TO + "</vos:direction>"
                + "<vos:protocol uri=\"ivo://ivoa.net/vospace/core#httpput\"/></vos:transfer>";
        HttpResponse<String> post = send(as(on.vault() + "/synctrans").header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(doc)).build());
        assertEquals(303, post.statusCode(), post::body);
        HttpResponse<String> details = send(as(readFrom.here(post.headers().firstValue("Location").orElseThrow())).build());
        assertEquals(200, details.statusCode(), details::body);
        return TransferXml.read(details.body().getBytes(StandardCharsets.UTF_8)).protocols().get(0).endpoint();
    }

    static int put(String url, byte[] bytes) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    static void upload(Instance on, String path, byte[] bytes) throws Exception {
        int status = put(uploadUrl(on, on, path), bytes);
        assertTrue(status == 201 || status == 200, path + ": " + status);
    }

    static byte[] download(Instance i, String path) throws Exception {
        HttpResponse<String> files = get(i, "/files" + path);
        assertEquals(303, files.statusCode(), files::body);
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(files.headers().firstValue("Location")
                .orElseThrow())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    static Node node(Instance i, String path) throws Exception {
        HttpResponse<String> r = get(i, "/nodes" + path + "?limit=1000");
        assertEquals(200, r.statusCode(), () -> path + ": " + r.body());
        return NodeXml.read(r.body().getBytes(StandardCharsets.UTF_8));
    }

    static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    static byte[] random(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The job's phase word on an instance, after waiting there (UWS WAIT) up to {@code seconds}. */
    static String phase(Instance i, String jobUrl, int seconds) throws Exception {
        HttpResponse<String> r = send(as(i.here(jobUrl) + "/phase" + (seconds > 0 ? "?WAIT=" + seconds : "")).build());
        assertEquals(200, r.statusCode(), r::body);
        return r.body().trim();
    }

    static String awaitFinal(Instance i, String jobUrl) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String p = phase(i, jobUrl, 0);
        while (Set.of("PENDING", "QUEUED", "EXECUTING").contains(p)) {
            assertTrue(System.nanoTime() < deadline, "the job did not end: " + p);
            p = phase(i, jobUrl, 10);
        }
        return p;
    }

    static String runnerOf(String jobUrl) throws Exception {
        String id = jobUrl.substring(jobUrl.lastIndexOf('/') + 1);
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(
                "SELECT runner FROM " + SCHEMA + ".vos_job WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "no row for job " + id);
                return rs.getString(1);
            }
        }
    }

    // ------------------------------------------------------------------ jobs

    @Test
    void aJobMadeOnAIsRunPolledAndFinishedThroughB() throws Exception {
        String doomed = DIR + "/doomed";
        mkdir(a, doomed);
        for (int n = 0; n < 20; n++) {
            upload(n % 2 == 0 ? a : b, doomed + "/f" + n, ("file " + n).getBytes(StandardCharsets.UTF_8));
        }
        // made on A, not yet run
        HttpResponse<String> made = form(a.vault() + "/async-delete", "target=" + enc(AUTH + doomed));
        assertEquals(303, made.statusCode(), made::body);
        String job = made.headers().firstValue("Location").orElseThrow();
        assertEquals("PENDING", phase(b, job, 0), "B does not see the job made on A");
        HttpResponse<String> listB = get(b, "/async-delete/" + job.substring(job.lastIndexOf('/') + 1));
        assertEquals(200, listB.statusCode());
        assertTrue(listB.body().contains("<uws:phase>PENDING</uws:phase>"), listB.body());

        // A waits (WAIT) while B is told to run it: A's answer comes with the change, not after 30 s
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> waitOnA = HTTP.sendAsync(as(a.here(job) + "/phase?WAIT=30").build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(1000);
        assertFalse(waitOnA.isDone(), "WAIT on A answered before anything changed");
        HttpResponse<String> run = form(b.here(job) + "/phase", "PHASE=RUN");
        assertEquals(303, run.statusCode(), run::body);
        HttpResponse<String> woke = waitOnA.get(20, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15), "WAIT on A took the whole 30 s");
        assertNotEquals("PENDING", woke.body().trim());

        // finished, as both see it; run by B (which was told RUN) and by nobody else
        assertEquals("COMPLETED", awaitFinal(a, job));
        assertEquals("COMPLETED", phase(b, job, 0));
        assertTrue(runnerOf(job).contains(":" + b.process().pid() + ":"), runnerOf(job));
        HttpResponse<String> results = send(as(b.here(job) + "/results").build());
        assertTrue(results.body().contains("final:21"), results.body());
        assertEquals(404, get(a, "/nodes" + doomed + "?limit=0").statusCode());
        assertEquals(404, get(b, "/nodes" + doomed + "?limit=0").statusCode());
    }

    @Test
    void aMoveStartedOnBIsWaitedForOnA() throws Exception {
        mkdir(b, DIR + "/src");
        upload(b, DIR + "/src/kept.txt", "moved along".getBytes(StandardCharsets.UTF_8));
        String doc = "<vos:transfer xmlns:vos=\"http://www.ivoa.net/xml/VOSpace/v2.0\" version=\"2.1\"><vos:target>"
                + AUTH + DIR + "/src</vos:target><vos:direction>" + AUTH + DIR + "/dst</vos:direction>"
                + "<vos:keepBytes>false</vos:keepBytes></vos:transfer>";
        HttpResponse<String> made = send(as(b.vault() + "/transfers?PHASE=RUN").header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(doc)).build());
        assertEquals(303, made.statusCode(), made::body);
        String job = made.headers().firstValue("Location").orElseThrow();
        assertEquals("COMPLETED", awaitFinal(a, job));
        assertEquals("moved along", new String(download(a, DIR + "/dst/kept.txt"), StandardCharsets.UTF_8));
        assertEquals(404, get(a, "/nodes" + DIR + "/src?limit=0").statusCode());
    }

    @Test
    void anAbortOrADeleteOnOneInstanceIsSeenOnTheOther() throws Exception {
        String props = "<vos:node xmlns:vos=\"http://www.ivoa.net/xml/VOSpace/v2.0\" xmlns:xsi=\"http://www.w3.org/2001/"
                + "XMLSchema-instance\" uri=\"" + AUTH + DIR + "\" xsi:type=\"vos:ContainerNode\"><vos:properties>"
                + "<vos:property uri=\"ivo://ivoa.net/vospace/core#description\">x</vos:property></vos:properties>"
                + "</vos:node>";
        HttpResponse<String> made = send(as(a.vault() + "/async-setprops").header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(props)).build());
        assertEquals(303, made.statusCode(), made::body);
        String job = made.headers().firstValue("Location").orElseThrow();
        assertEquals(303, form(b.here(job) + "/phase", "PHASE=ABORT").statusCode());
        assertEquals("ABORTED", phase(a, job, 0));
        assertEquals(303, form(a.here(job) + "/phase", "PHASE=RUN").statusCode());
        assertEquals("ABORTED", phase(b, job, 0), "an aborted job ran");
        assertEquals(303, form(b.here(job), "ACTION=DELETE").statusCode());
        HttpResponse<String> gone = send(as(a.here(job)).build());
        assertEquals(404, gone.statusCode(), gone::body);
    }

    /** A job EXECUTING on an instance that no longer beats (never did: it stands for one killed) ends in ERROR. */
    @Test
    void aJobWhoseRunnerStoppedEndsInErrorInWords() throws Exception {
        String id = UUID.randomUUID().toString().replace("-", "");
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("INSERT INTO " + SCHEMA + ".vos_job"
                + " (id, job_list, kind, owner_key, spec, phase, created_at, queued_at, started_at, runner)"
                + " VALUES (?, 'async-delete', 'DELETE', 'alice', '/alice/multi/nothing', 'EXECUTING', now(), now(),"
                + " now(), 'instance:gone:1:00000000')")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
        String job = a.vault() + "/async-delete/" + id;
        assertEquals("ERROR", awaitFinal(b, job));
        HttpResponse<String> error = send(as(a.here(job) + "/error").build());
        assertEquals(200, error.statusCode());
        assertTrue(error.body().contains("stopped before the job finished"), error.body());
    }

    // ------------------------------------------------------------------ portal sessions

    @Test
    void aPortalLoginOnAWorksOnB() throws Exception {
        upload(a, DIR + "/seen-by-portal.txt", "hello".getBytes(StandardCharsets.UTF_8));
        PortalSession onA = PortalSession.login(a.base(), "alice");
        HttpResponse<String> pageA = onA.get("/storage/vault/list" + DIR);
        assertEquals(200, pageA.statusCode());
        String tokenFromA = PortalSession.tokenOf(pageA.body());

        PortalSession onB = onA.sameBrowserAt(b.base());
        HttpResponse<String> pageB = onB.get("/storage/vault/list" + DIR);
        assertEquals(200, pageB.statusCode(), () -> "B did not take A's session: " + pageB.headers().map());
        Document listing = Jsoup.parse(pageB.body());
        assertFalse(listing.select("a:containsOwn(seen-by-portal.txt)").isEmpty(), pageB.body());
        // a CSRF token of a page from A is good on B (it is bound to the login, not to the instance)
        HttpResponse<String> made = onB.post("/storage/vault/mkdir", Map.of("parent", DIR, "name", "made-on-b",
                "csrf", tokenFromA), false);
        assertEquals(303, made.statusCode(), made::body);
        Document back = Jsoup.parse(onA.get("/storage/vault/list" + DIR).body());
        assertFalse(back.select("a:containsOwn(made-on-b)").isEmpty(), "the folder made on B is not listed on A");
    }

    // ------------------------------------------------------------------ concurrent uploads

    @Test
    void concurrentUploadsToOnePathThroughBothLeaveOneWholeFile() throws Exception {
        String path = DIR + "/race.bin";
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                byte[] viaA = random(3 * 1024 * 1024 + round, 100 + round);
                byte[] viaB = random(3 * 1024 * 1024 + 7 + round, 200 + round);
                String urlA = uploadUrl(a, a, path);
                String urlB = uploadUrl(b, b, path);
                CountDownLatch go = new CountDownLatch(1);
                Future<Integer> fa = pool.submit(() -> {
                    go.await();
                    return put(urlA, viaA);
                });
                Future<Integer> fb = pool.submit(() -> {
                    go.await();
                    return put(urlB, viaB);
                });
                go.countDown();
                int sa = fa.get(2, TimeUnit.MINUTES);
                int sb = fb.get(2, TimeUnit.MINUTES);
                assertTrue(sa / 100 == 2 || sb / 100 == 2, "neither upload went in: " + sa + ", " + sb);
                for (Instance i : List.of(a, b)) {
                    Node n = node(i, path);
                    byte[] bytes = download(i, path);
                    String md5 = md5(bytes);
                    assertEquals(md5, n.value(Props.MD5), "the node's MD5 is not its bytes'");
                    assertEquals(String.valueOf(bytes.length), n.value(Props.LENGTH));
                    assertTrue(md5.equals(md5(viaA)) || md5.equals(md5(viaB)), "the file is neither upload whole");
                }
                assertEquals(node(a, path).value(Props.MD5), node(b, path).value(Props.MD5));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ a segmented upload

    static HttpResponse<String> txn(String url, String method, Map<String, String> headers, byte[] body)
            throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(r::header);
        return send(r.build());
    }

    static String digestOf(HttpResponse<String> r) {
        return r.headers().firstValue("Digest").orElse("");
    }

    static String md5Digest(byte[]... parts) throws Exception {
        MessageDigest md = MessageDigest.getInstance("MD5");
        for (byte[] p : parts) {
            md.update(p);
        }
        return "md5=" + Base64.getEncoder().encodeToString(md.digest());
    }

    @Test
    void aSegmentedUploadBegunOnAGoesOnOnBAndIsCommittedThere() throws Exception {
        String path = DIR + "/segmented.bin";
        byte[] one = random(3 * 1024 * 1024 + 11, 31);
        byte[] two = random(2 * 1024 * 1024 + 5, 32);
        byte[] wrong = random(1024 * 1024, 33);
        byte[] three = random(700_001, 34);
        long total = one.length + two.length + three.length;
        String url = uploadUrl(a, a, path);
        HttpResponse<String> start = txn(a.here(url), "PUT", Map.of("x-put-txn-op", "start",
                "x-total-length", Long.toString(total)), new byte[0]);
        assertEquals(202, start.statusCode(), start::body);
        String id = start.headers().firstValue("x-put-txn-id").orElseThrow();
        Map<String, String> inTxn = Map.of("x-put-txn-id", id);

        HttpResponse<String> s1 = txn(a.here(url), "PUT", inTxn, one);
        assertEquals(202, s1.statusCode(), s1::body);
        assertEquals(md5Digest(one), digestOf(s1));
        HttpResponse<String> s2 = txn(b.here(url), "PUT", inTxn, two);
        assertEquals(202, s2.statusCode(), () -> "B did not take the second segment: " + s2.body());
        assertEquals(md5Digest(one, two), digestOf(s2), "B's MD5 does not go on from A's");
        HttpResponse<String> s3 = txn(a.here(url), "PUT", inTxn, wrong);
        assertEquals(202, s3.statusCode(), s3::body);
        HttpResponse<String> revert = txn(a.here(url), "POST", Map.of("x-put-txn-id", id, "x-put-txn-op", "revert"), null);
        assertEquals(202, revert.statusCode(), revert::body);
        assertEquals(md5Digest(one, two), digestOf(revert), "the revert on A did not go back to B's state");
        HttpResponse<String> status = txn(b.here(url), "HEAD", inTxn, null);
        assertEquals(200, status.statusCode());
        assertEquals(Long.toString(one.length + two.length), status.headers().firstValue("x-put-txn-length").orElse(""));
        HttpResponse<String> s4 = txn(b.here(url), "PUT", inTxn, three);
        assertEquals(202, s4.statusCode(), s4::body);
        HttpResponse<String> commit = txn(b.here(url), "PUT", Map.of("x-put-txn-id", id, "x-put-txn-op", "commit"),
                new byte[0]);
        assertEquals(201, commit.statusCode(), commit::body);
        assertEquals(md5Digest(one, two, three), digestOf(commit));

        byte[] whole = java.nio.ByteBuffer.allocate((int) total).put(one).put(two).put(three).array();
        for (Instance i : List.of(a, b)) {
            assertEquals(md5(whole), md5(download(i, path)), "the committed file is not the segments' bytes");
            assertEquals(Long.toString(total), node(i, path).value(Props.LENGTH));
        }
        HttpResponse<String> gone = txn(a.here(url), "PUT", inTxn, three);
        assertEquals(400, gone.statusCode(), "a committed transaction took more bytes");
        assertTrue(gone.body().contains("unknown or expired put transaction"), gone::body);
    }

    // ------------------------------------------------------------------ the periodic sweep

    /** What a crashed instance left goes while the other instances keep running (no start-up sweep). */
    @Test
    void thePeriodicSweepRemovesAnOrphanButNoStoredFile() throws Exception {
        String path = DIR + "/kept-by-sweep.bin";
        byte[] bytes = random(4096, 77);
        upload(a, path, bytes);
        String id = "cd" + "0".repeat(29) + "1";
        Path orphan = DATA.resolve("blobs").resolve("cd").resolve(id);
        Files.createDirectories(orphan.getParent());
        Files.write(orphan, new byte[] {9, 9, 9});
        Files.setLastModifiedTime(orphan, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Files.exists(orphan) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertFalse(Files.exists(orphan), "the orphan blob is still there after a minute of 3 s sweeps");
        for (Instance i : List.of(a, b)) {
            assertEquals(md5(bytes), md5(download(i, path)), "the sweep took a stored file's bytes");
        }
    }

    // ------------------------------------------------------------------ a runner killed

    /** Last: B is killed while it runs a job (a package it streams to a reader that stopped reading). */
    @Test
    @Order(Integer.MAX_VALUE)
    void aJobOfAKilledInstanceEndsInErrorOnTheOther() throws Exception {
        String big = DIR + "/big.bin";
        upload(a, big, random(48 * 1024 * 1024, 7));
        String doc = "<vos:transfer xmlns:vos=\"http://www.ivoa.net/xml/VOSpace/v2.0\" version=\"2.1\"><vos:target>"
                + AUTH + big + "</vos:target><vos:direction>" + Transfer.PULL_FROM + "</vos:direction>"
                + "<vos:view uri=\"vos://cadc.nrc.ca~vospace/CADC/std/Pkg-1.0\"><vos:param"
                + " uri=\"ivo://ivoa.net/vospace/core#format\">application/x-tar</vos:param></vos:view>"
                + "<vos:protocol uri=\"ivo://ivoa.net/vospace/core#httpget\"/></vos:transfer>";
        HttpResponse<String> made = send(as(a.vault() + "/synctrans").header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(doc)).build());
        assertEquals(303, made.statusCode(), made::body);
        String packageUrl = made.headers().firstValue("Location").orElseThrow();
        String id = packageUrl.replaceAll(".*/pkg/([0-9a-f]+)/run$", "$1");
        String job = a.vault() + "/transfers/" + id;
        HttpResponse<java.io.InputStream> stream = HTTP.send(as(b.here(packageUrl)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.body().readNBytes(64 * 1024).length > 0);
        // the reader stops reading: B's writer blocks with the job EXECUTING on B
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!phase(a, job, 0).equals("EXECUTING")) {
            assertTrue(System.nanoTime() < deadline, "the package job never executed: " + phase(a, job, 0));
            Thread.sleep(100);
        }
        assertTrue(runnerOf(job).contains(":" + b.process().pid() + ":"), runnerOf(job));
        b.process().destroyForcibly();
        assertTrue(b.process().waitFor(30, TimeUnit.SECONDS));
        stream.body().close();
        long killed = System.nanoTime();
        assertEquals("ERROR", awaitFinal(a, job));
        assertTrue(System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(25), "noticed too late");
        HttpResponse<String> error = send(as(job + "/error").build());
        assertTrue(error.body().contains("stopped before the job finished"), error.body());
    }

    // ------------------------------------------------------------------ scheduled cleanups

    /** Runs of the trash purge this instance counted ({@code vospace.scheduled.runs}). */
    static double purgeRuns(Instance i) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + i.management()
                + "/q/metrics")).timeout(Duration.ofSeconds(20)).build());
        assertEquals(200, r.statusCode());
        double runs = 0;
        for (String line : r.body().split("\n")) {
            if (line.startsWith("vospace_scheduled_runs_total{") && line.contains("task=\"trash-purge\"")) {
                runs += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return runs;
    }

    @Test
    void theTrashPurgeRunsOncePerPeriodAcrossBothInstances() throws Exception {
        double before = purgeRuns(a) + purgeRuns(b);
        long start = System.nanoTime();
        Thread.sleep(18_000);
        double after = purgeRuns(a) + purgeRuns(b);
        double periods = (System.nanoTime() - start) / 1e9 / PURGE_EVERY.toSeconds();
        double runs = after - before;
        // once per period in all (each instance's schedule fires every period: twice as many without the lease)
        assertTrue(runs >= periods - 2 && runs <= periods + 2, runs + " runs in " + periods + " periods");
        List<String> holders = new ArrayList<>();
        try (Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT holder FROM " + SCHEMA + ".vos_lease WHERE name = 'task:trash-purge'")) {
            while (rs.next()) {
                holders.add(rs.getString(1));
            }
        }
        assertEquals(1, holders.size());
        assertNotNull(holders.get(0));
        assertTrue(holders.get(0).contains(":" + a.process().pid() + ":") || holders.get(0).contains(":"
                + b.process().pid() + ":"), holders.get(0));
    }
}
