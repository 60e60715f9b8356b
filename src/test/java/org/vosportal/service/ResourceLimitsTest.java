package org.vosportal.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.vosportal.service.jobs.JobService;
import org.vosportal.vospace.Transfer;
import org.vosportal.vospace.TransferXml;
import org.vosportal.vospace.UriCodec;
import org.vosportal.vospace.UwsJob;
import org.vosportal.vospace.UwsXml;

/**
 * Nothing a caller sends or holds open can exhaust the service: bodies outside the uploads are
 * small and refused (413) before they are read, jobs are capped and expire, WAIT holds no
 * thread, and uploads and package downloads that crawl are cut. Limits from {@link LimitsProfile}.
 */
@QuarkusTest
@TestProfile(LimitsProfile.class)
class ResourceLimitsTest extends ServiceTestBase {

    static final int PORT = Integer.getInteger("quarkus.http.test-port", 8081);
    static final int FORM_LIMIT = 64 * 1024;

    @Inject
    JobService jobService;

    static String form(String target, String extra) {
        return "target=" + UriCodec.encodeQueryValue(AUTH + target) + "&PHASE=RUN" + extra;
    }

    /** A raw HTTP/1.1 request head; the body, if any, is up to the caller. */
    static String head(String method, String path, String user, String... headers) {
        StringBuilder sb = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + PORT + "\r\n");
        if (user != null) {
            sb.append("Authorization: Bearer ").append(token(user)).append("\r\n");
        }
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    /** The status line and headers of the answer on {@code in}. */
    static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            sb.append((char) c);
            if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ bodies

    @Test
    void aFormOverTheLimitIsRefusedAndDeletesNothing() {
        String dir = freshFolder("alice");
        mkdir("alice", dir + "/keep");
        String body = form(dir, "&pad=");
        body += "x".repeat(FORM_LIMIT + 1 - body.length());
        Response r = as("alice").contentType("application/x-www-form-urlencoded").body(body)
                .post(BASE + "/async-delete");
        assertEquals(413, r.statusCode(), r::asString);
        assertTrue(r.asString().startsWith("RequestEntityTooLarge: "), r::asString);
        // at the limit it is an ordinary form (and a target that does not exist fails inside the job)
        String fits = form(dir + "/absent", "&pad=");
        fits += "x".repeat(FORM_LIMIT - fits.length());
        assertEquals(303, as("alice").contentType("application/x-www-form-urlencoded").body(fits)
                .post(BASE + "/async-delete").statusCode());
        sleep(500);
        assertEquals(200, as("alice").get(BASE + "/nodes" + dir + "/keep").statusCode());
    }

    @Test
    void aHugeDeclaredBodyIsAnsweredAtOnceWithoutBeingSent() throws IOException {
        // the OutOfMemoryError of the issue: 600 MB declared, anonymous; not one body byte is sent
        try (Socket s = new Socket("127.0.0.1", PORT)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(head("POST", "/vault/async-delete", null,
                    "Content-Type: application/x-www-form-urlencoded", "Content-Length: 629145600")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = readHead(s.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.toLowerCase().contains("connection: close"), answer);
        }
    }

    @Test
    void aChunkedBodyIsCutAsSoonAsItPassesTheLimit() throws Exception {
        long total = 50L * 1024 * 1024;
        AtomicLong sent = new AtomicLong();
        try (Socket s = new Socket("127.0.0.1", PORT)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head("POST", "/vault/async-delete", null, "Content-Type: application/x-www-form-urlencoded",
                    "Transfer-Encoding: chunked").getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                byte[] chunk = ("10000\r\n" + "a".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    while (sent.get() < total) {
                        out.write(chunk);
                        sent.addAndGet(0x10000);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closedByTheServer) {
                    // expected: the server stopped reading
                }
            });
            String answer = readHead(s.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            writer.get(10, TimeUnit.SECONDS);
        }
        // the limit, the linger and the socket buffers: far from the 50 MB offered
        assertTrue(sent.get() < 20L * 1024 * 1024, "the server read " + sent.get() + " bytes");
    }

    @Test
    void smallChunkedBodiesAreReadAsUsual() throws Exception {
        String dir = freshFolder("alice");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // BodyPublishers.ofInputStream has no length: Transfer-Encoding chunked
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(BASE + "/nodes" + dir + "/sub"))
                .header("Authorization", "Bearer " + token("alice")).header("Content-Type", "text/xml")
                .PUT(chunked(containerDoc(dir + "/sub"))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created::body);
        HttpResponse<String> job = http.send(HttpRequest.newBuilder(URI.create(BASE + "/async-delete"))
                .header("Authorization", "Bearer " + token("alice"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(chunked(form(dir + "/sub", ""))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, job.statusCode(), job::body);
        UwsJob done = UwsXml.read(as("alice").get(job.headers().firstValue("Location").orElseThrow() + "?WAIT=10")
                .asByteArray());
        assertEquals(UwsJob.Phase.COMPLETED, done.phase());
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/sub").statusCode());
        // an XML document over its limit, chunked: refused, nothing created
        HttpResponse<String> big = http.send(HttpRequest.newBuilder(URI.create(BASE + "/nodes" + dir + "/big"))
                .header("Authorization", "Bearer " + token("alice")).header("Content-Type", "text/xml")
                .PUT(chunked(dataDoc(dir + "/big", prop("ivo://ivoa.net/vospace/core#description",
                        "d".repeat(300 * 1024))))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, big.statusCode(), big::body);
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/big").statusCode());
        // the same over HTTP/2 (h2c), where a body without a length is counted by JAX-RS itself
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpRequest.Builder small = HttpRequest.newBuilder(URI.create(BASE + "/nodes" + dir + "/sub2"))
                .header("Authorization", "Bearer " + token("alice")).header("Content-Type", "text/xml");
        assertEquals(201, h2.send(small.PUT(chunked(containerDoc(dir + "/sub2"))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        try {
            HttpResponse<String> big2 = h2.send(HttpRequest.newBuilder(URI.create(BASE + "/nodes" + dir + "/big2"))
                    .header("Authorization", "Bearer " + token("alice")).header("Content-Type", "text/xml")
                    .PUT(chunked(dataDoc(dir + "/big2", prop("ivo://ivoa.net/vospace/core#description",
                            "d".repeat(300 * 1024))))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, big2.statusCode(), big2::body);
        } catch (IOException goAway) {
            // Quarkus answers 413 and closes the connection: the close may overtake the answer
        }
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/big2").statusCode());
    }

    static HttpRequest.BodyPublisher chunked(String body) {
        return HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void uploadsAreNotLimitedLikeForms() {
        String dir = freshFolder("alice");
        byte[] bytes = new byte[600 * 1024];
        new Random(1).nextBytes(bytes);
        assertEquals(201, upload("alice", dir + "/big.bin", bytes).statusCode());
        assertArrayEquals(bytes, download("alice", dir + "/big.bin").asByteArray());
    }

    // ------------------------------------------------------------------ jobs

    @Test
    void anonymousCallersCreateNoTreeJobsButStillPullPublicFiles() {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/pub.txt", "public bytes");
        as("alice").contentType("text/xml").body(dataDoc(dir + "/pub.txt",
                prop("ivo://ivoa.net/vospace/core#ispublic", "true"))).post(BASE + "/nodes" + dir + "/pub.txt")
                .then().statusCode(200);
        as("alice").contentType("text/xml").body(containerDoc(dir).replace("<vos:properties/>",
                "<vos:properties>" + prop("ivo://ivoa.net/vospace/core#ispublic", "true") + "</vos:properties>"))
                .post(BASE + "/nodes" + dir).then().statusCode(200);

        Response delete = anonymous().contentType("application/x-www-form-urlencoded").body(form(dir, ""))
                .post(BASE + "/async-delete");
        assertEquals(403, delete.statusCode(), delete::asString);
        assertTrue(delete.asString().startsWith("PermissionDenied: log in"), delete::asString);
        Response props = anonymous().contentType("text/xml").body(containerDoc(dir)).post(BASE + "/async-setprops");
        assertEquals(403, props.statusCode(), props::asString);
        Response move = anonymous().contentType("text/xml").body("<vos:transfer xmlns:vos=\"" + VOS_NS
                + "\"><vos:target>" + AUTH + dir + "/pub.txt</vos:target><vos:direction>" + AUTH + "/alice"
                + "</vos:direction><vos:keepBytes>false</vos:keepBytes></vos:transfer>").post(BASE + "/transfers");
        assertEquals(403, move.statusCode(), move::asString);

        // a public file: synctrans, then the pre-authorised URL, as vcp does without credentials
        Response post = anonymous().contentType("text/xml")
                .body(transferDoc(dir + "/pub.txt", Transfer.PULL_FROM, "httpsget")).post(BASE + "/synctrans");
        assertEquals(303, post.statusCode(), post::asString);
        Transfer t = TransferXml.read(anonymous().get(post.header("Location")).asByteArray());
        assertEquals("public bytes", anonymous().get(t.protocols().get(0).endpoint()).asString());
        assertEquals(200, as("alice").get(BASE + "/nodes" + dir + "/pub.txt").statusCode());
    }

    /** Creates a PENDING delete job of a path that does not exist; returns the response. */
    static Response pendingJob(String user) {
        return as(user).contentType("application/x-www-form-urlencoded")
                .body("target=" + UriCodec.encodeQueryValue(AUTH + "/" + user + "/never-there"))
                .post(BASE + "/async-delete");
    }

    @Test
    void unfinishedJobsAreCappedPerUserAndOverall() {
        List<String> created = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Response r = pendingJob("carol");
                assertEquals(303, r.statusCode(), r::asString);
                created.add("carol " + r.header("Location"));
            }
            Response sixth = pendingJob("carol");
            assertEquals(429, sixth.statusCode(), sixth::asString);
            assertNotNull(sixth.header("Retry-After"));
            assertTrue(sixth.asString().startsWith("ServiceBusy: you have 5 unfinished jobs"), sixth::asString);

            // everyone together: 8 unfinished jobs at most, whoever holds them
            Response overall = null;
            for (int i = 0; i < 4 && overall == null; i++) {
                Response r = pendingJob("bob");
                if (r.statusCode() == 303) {
                    created.add("bob " + r.header("Location"));
                } else {
                    overall = r;
                }
            }
            assertNotNull(overall, "bob was never refused");
            assertEquals(429, overall.statusCode(), overall::asString);
            assertTrue(overall.asString().startsWith("ServiceBusy: the service has too many unfinished jobs"),
                    overall::asString);

            // a job that ends frees its place: carol runs one (it fails: the target does not exist)
            String carolJob = created.get(0).substring("carol ".length());
            as("carol").contentType("application/x-www-form-urlencoded").body("PHASE=RUN").post(carolJob + "/phase");
            assertEquals(UwsJob.Phase.ERROR, UwsXml.read(as("carol").get(carolJob + "?WAIT=10").asByteArray()).phase());
            Response again = pendingJob("carol");
            assertEquals(303, again.statusCode(), again::asString);
            created.add("carol " + again.header("Location"));
        } finally {
            for (String c : created) {
                String[] userAndUrl = c.split(" ", 2);
                as(userAndUrl[0]).contentType("application/x-www-form-urlencoded").body("ACTION=DELETE")
                        .post(userAndUrl[1]);
            }
        }
    }

    @Test
    void jobsThatNeverRunAreDestroyed() {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/a.txt", "a");
        Response pending = pendingJob("alice");
        String job = pending.header("Location");
        assertEquals(200, as("alice").get(job).statusCode());
        // a package is SUSPENDED until its URL is fetched
        Response pkg = as("alice").contentType("text/xml").body("<vos:transfer xmlns:vos=\"" + VOS_NS
                + "\"><vos:target>" + AUTH + dir + "/a.txt</vos:target><vos:direction>pullFromVoSpace</vos:direction>"
                + "<vos:view uri=\"vos://cadc.nrc.ca~vospace/CADC/std/Pkg-1.0\"/></vos:transfer>").post(BASE + "/synctrans");
        assertEquals(303, pkg.statusCode(), pkg::asString);
        sleep(3500);
        Response gone = as("alice").get(job);
        assertEquals(404, gone.statusCode(), gone::asString);
        assertTrue(gone.asString().startsWith("JobNotFound"), gone::asString);
        assertEquals(404, as("alice").get(pkg.header("Location")).statusCode());
        // running it now is not possible either: nothing was deleted
        assertEquals(404, as("alice").contentType("application/x-www-form-urlencoded").body("PHASE=RUN")
                .post(job + "/phase").statusCode());
        assertEquals(200, as("alice").get(BASE + "/nodes" + dir + "/a.txt").statusCode());
    }

    @Test
    void storedSummariesAreShort() {
        // a long path that does not exist: its fault message is cut
        String longName = "n".repeat(200);
        Response r = as("alice").contentType("application/x-www-form-urlencoded")
                .body(form("/alice/" + longName + "/" + longName, "")).post(BASE + "/async-delete");
        assertEquals(303, r.statusCode(), r::asString);
        UwsJob failed = UwsXml.read(as("alice").get(r.header("Location") + "?WAIT=10").asByteArray());
        assertEquals(UwsJob.Phase.ERROR, failed.phase());
        assertTrue(failed.error().message().length() <= 80, failed.error().message());
        assertTrue(failed.error().message().startsWith("NodeNotFound"), failed.error().message());

        // a job document larger than 2 KiB is not kept with the job
        String deep = "/alice/" + String.join("/", java.util.Collections.nCopies(6, "d".repeat(200)));
        Response move = as("alice").contentType("text/xml").body("<vos:transfer xmlns:vos=\"" + VOS_NS
                + "\"><vos:target>" + AUTH + deep + "/x</vos:target><vos:direction>" + AUTH + deep + "/y"
                + "</vos:direction><vos:keepBytes>false</vos:keepBytes></vos:transfer>").post(BASE + "/transfers");
        assertEquals(303, move.statusCode(), move::asString);
        String doc = as("alice").get(move.header("Location")).asString();
        assertFalse(doc.contains("jobInfo"), doc);
        as("alice").contentType("application/x-www-form-urlencoded").body("ACTION=DELETE").post(move.header("Location"));
    }

    @Test
    void waitHoldsNoWorkerThread() throws Exception {
        Response created = pendingJob("alice");
        String job = created.header("Location");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String bearer = "Bearer " + token("alice");
        List<CompletableFuture<HttpResponse<String>>> waits = new ArrayList<>();
        long start = System.nanoTime();
        // 45 waiters: more than the 16 worker threads, 5 more than alice may have waiting
        for (int i = 0; i < 45; i++) {
            waits.add(http.sendAsync(HttpRequest.newBuilder(URI.create(job + (i % 2 == 0 ? "?WAIT=20" : "/phase?WAIT=20")))
                    .header("Authorization", bearer).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (jobService.waiting() < 40 && System.currentTimeMillis() < deadline) {
            sleep(100);
        }
        assertEquals(40, jobService.waiting());
        // the waiters over alice's limit are answered without waiting (the client may take a moment)
        deadline = System.currentTimeMillis() + 5000;
        while (waits.stream().filter(CompletableFuture::isDone).count() < 5 && System.currentTimeMillis() < deadline) {
            sleep(50);
        }
        assertEquals(5, waits.stream().filter(CompletableFuture::isDone).count());
        assertEquals(40, jobService.waiting(), "the others still wait");
        // every worker is free: another request is answered at once
        HttpResponse<String> listing = http.send(HttpRequest.newBuilder(URI.create(BASE + "/nodes/alice?limit=1"))
                .header("Authorization", bearer).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, listing.statusCode());
        // the change of phase answers every waiter, long before its 20 s
        as("alice").contentType("application/x-www-form-urlencoded").body("PHASE=RUN").post(job + "/phase");
        for (CompletableFuture<HttpResponse<String>> w : waits) {
            HttpResponse<String> r = w.get(10, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r::body);
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15));
        assertTrue(waits.stream().map(CompletableFuture::join).filter(r -> !r.body().contains("PENDING")).count() >= 40);
        assertEquals(0, jobService.waiting());
    }

    // ------------------------------------------------------------------ rates

    @Test
    void aTricklingUploadIsCutWith408() throws Exception {
        String dir = freshFolder("alice");
        String endpoint = negotiate("alice", dir + "/slow.bin", true);
        URI u = URI.create(endpoint);
        java.nio.file.Path tmp = java.nio.file.Path.of("target", "test-data", "tmp");
        long tmpBefore = tmpFiles(tmp);
        try (Socket s = new Socket("127.0.0.1", PORT)) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(head("PUT", u.getRawPath(), null, "Content-Length: 1048576").getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 40; i++) {
                        out.write(new byte[100]);
                        out.flush();
                        Thread.sleep(250);
                    }
                } catch (IOException | InterruptedException cut) {
                    // the server closed the connection
                }
            });
            long start = System.currentTimeMillis();
            String answer;
            try {
                answer = readHead(s.getInputStream());
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no answer within 15 s: the trickle holds its worker");
            }
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(System.currentTimeMillis() - start < 8000);
            trickle.cancel(true);
        }
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/slow.bin").statusCode());
        long deadline = System.currentTimeMillis() + 5000;
        while (tmpFiles(tmp) > tmpBefore && System.currentTimeMillis() < deadline) {
            sleep(50);
        }
        assertEquals(tmpBefore, tmpFiles(tmp), "the cut upload left its temporary file");
    }

    static long tmpFiles(java.nio.file.Path dir) throws IOException {
        try (var files = java.nio.file.Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void aPackageReaderThatTakesNothingIsCut() throws Exception {
        String dir = freshFolder("alice");
        byte[] bytes = new byte[12 * 1024 * 1024];
        new Random(2).nextBytes(bytes);
        assertEquals(201, upload("alice", dir + "/big.bin", bytes).statusCode());
        Response pkg = as("alice").contentType("text/xml").body("<vos:transfer xmlns:vos=\"" + VOS_NS
                + "\"><vos:target>" + AUTH + dir + "/big.bin</vos:target><vos:direction>pullFromVoSpace</vos:direction>"
                + "<vos:view uri=\"vos://cadc.nrc.ca~vospace/CADC/std/Pkg-1.0\"><vos:param "
                + "uri=\"ivo://ivoa.net/vospace/core#format\">application/zip</vos:param></vos:view>"
                + "<vos:protocol uri=\"ivo://ivoa.net/vospace/core#httpsget\"/></vos:transfer>").post(BASE + "/synctrans");
        URI run = URI.create(pkg.header("Location"));
        long read = 0;
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(16 * 1024); // a reader that takes (almost) nothing
            s.connect(new java.net.InetSocketAddress("127.0.0.1", PORT));
            s.setSoTimeout(10_000);
            s.getOutputStream().write(head("GET", run.getRawPath(), "alice").getBytes(StandardCharsets.US_ASCII));
            sleep(6000); // three windows of 2 s: the blocked write is given up
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64 * 1024];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    read += n;
                }
            } catch (IOException reset) {
                // the connection was cut: what was buffered is all there is
            }
        }
        assertTrue(read < bytes.length, "the whole package arrived (" + read + " bytes): the reader was not cut");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
