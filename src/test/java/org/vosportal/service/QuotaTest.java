package org.vosportal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vosportal.service.BadInputTest.RawResponse;
import org.vosportal.service.store.NodeCost;
import org.vosportal.service.store.NodeStore;
import org.vosportal.vospace.Props;
import org.vosportal.vospace.VosPath;

/**
 * Quotas cannot be bypassed: bytes in flight and open upload transactions count, a user has only
 * so many transactions open, empty nodes and properties cost metadata bytes, a move checks the
 * quota in its transaction; a full disk or a quota reached mid-stream loses nothing. Homes have
 * 256 KiB here ({@link SmallQuotaProfile}); each test deletes what it made.
 */
@QuarkusTest
@TestProfile(SmallQuotaProfile.class)
class QuotaTest extends ServiceTestBase {

    static final long QUOTA = SmallQuotaProfile.QUOTA;
    static final Path TMP = SmallQuotaProfile.DATA.resolve("tmp");
    static final int PORT = Integer.getInteger("quarkus.http.test-port", 8081);

    @Inject
    NodeStore store;

    private final List<String[]> made = new ArrayList<>();

    /** A fresh folder that is deleted (recursively) after the test. */
    private String fresh(String user) {
        String d = freshFolder(user);
        made.add(new String[] {user, d});
        return d;
    }

    @AfterEach
    void deleteWhatWasMade() {
        FullDiskBlobs.makeRoom();
        for (String[] m : made) {
            Response r = as(m[0]).contentType("application/x-www-form-urlencoded")
                    .body("target=" + java.net.URLEncoder.encode(AUTH_BANG + m[1], StandardCharsets.UTF_8) + "&PHASE=RUN")
                    .post(BASE + "/async-delete");
            assertEquals(303, r.statusCode(), r::asString);
            VosClientReplayTest.awaitFinal(m[0], r.header("Location"));
        }
    }

    private long usage(String user) {
        return store.usage(store.walk(VosPath.parse("/" + user)).get(1).id());
    }

    private long free(String user) {
        return QUOTA - usage(user);
    }

    private static byte[] randomBytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String putHead(String endpoint, String headers) {
        return "PUT " + endpoint.substring(SERVER.length()) + " HTTP/1.1\r\nHost: 127.0.0.1:" + PORT + "\r\n"
                + headers + "Connection: close\r\n\r\n";
    }

    /** Waits until an upload has its temporary file (so its handler has run and reserved its bytes). */
    private static void awaitStreaming() throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            try (Stream<Path> s = Files.list(TMP)) {
                if (s.findAny().isPresent()) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the first upload never started streaming");
    }

    private static void assertStatus(int expected, RawResponse r, String faultPrefix) {
        assertEquals(expected, r.status(), r::toString);
        assertTrue(r.body().startsWith(faultPrefix), r::toString);
    }

    // ------------------------------------------------------------------ bytes in flight

    /**
     * Two uploads that each fit but not together: while the first streams, the second is refused
     * at once, before any of its bytes are read; the first completes; usage never passes the quota.
     */
    @Test
    void twoUploadsInFlightCannotTogetherExceedTheQuota() throws Exception {
        String d = fresh("alice");
        int size = (int) (free("alice") * 2 / 3);
        byte[] a = randomBytes(size, 1);
        String first = negotiate("alice", d + "/a.bin", true);
        String second = negotiate("alice", d + "/b.bin", true);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), PORT)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(putHead(first, "Content-Length: " + size + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(a, 0, size / 2);
            out.flush();
            awaitStreaming();

            // only the headers: the refusal must come before the bytes
            RawResponse refused = BadInputTest.rawExchange(putHead(second, "Content-Length: " + size + "\r\n"),
                    new byte[0], false, 10_000);
            assertStatus(413, refused, "QuotaExceeded");
            assertTrue(refused.body().contains("reserved by uploads in progress"), refused::toString);
            assertTrue(usage("alice") <= QUOTA);

            out.write(a, size / 2, size - size / 2);
            out.flush();
            RawResponse done = BadInputTest.readResponse(s.getInputStream());
            assertEquals(201, done.status(), done::toString);
        }
        assertEquals(String.valueOf(size), getNode("alice", d + "/a.bin").value(Props.LENGTH));
        assertEquals(404, as("alice").get(BASE + "/nodes" + d + "/b.bin").statusCode());
        assertTrue(usage("alice") <= QUOTA, "usage " + usage("alice"));
        // the reservation ended with the commit: what is left can be used
        byte[] rest = randomBytes((int) (free("alice") - NodeCost.FIXED), 2);
        assertEquals(201, upload("alice", d + "/b.bin", rest).statusCode());
        assertEquals(QUOTA, usage("alice"));
        BadInputTest.awaitEquals(0, () -> BadInputTest.countFiles(TMP), "temporary upload left behind");
    }

    /** An open upload transaction reserves its declared total until it is committed or aborted. */
    @Test
    void anOpenTransactionReservesItsTotal() {
        String d = fresh("bob");
        long total = free("bob") - 10_000;
        String big = negotiate("bob", d + "/big.bin", true);
        Response start = anonymous().header("x-put-txn-op", "start").header("x-total-length", total)
                .body(new byte[0]).put(big);
        assertEquals(202, start.statusCode(), start::asString);
        String txn = start.header("x-put-txn-id");
        assertNotNull(txn);

        Response blocked = upload("bob", d + "/small.bin", randomBytes(20_000, 3));
        assertEquals(413, blocked.statusCode(), blocked::asString);
        assertTrue(blocked.asString().startsWith("QuotaExceeded"), blocked::asString);
        assertEquals(404, as("bob").get(BASE + "/nodes" + d + "/small.bin").statusCode());

        Response abort = anonymous().header("x-put-txn-op", "abort").header("x-put-txn-id", txn).post(big);
        assertEquals(204, abort.statusCode(), abort::asString);
        assertEquals(201, upload("bob", d + "/small.bin", randomBytes(20_000, 3)).statusCode());
    }

    /** A transaction's segments are bounded by the quota as a whole, not segment by segment. */
    @Test
    void aTransactionMayFillTheQuotaSegmentBySegment() {
        String d = fresh("bob");
        int half = (int) ((free("bob") - NodeCost.FIXED) / 2);
        String url = negotiate("bob", d + "/two-parts.bin", true);
        Response start = anonymous().header("x-put-txn-op", "start").header("x-total-length", 2 * half)
                .body(randomBytes(half, 4)).put(url);
        assertEquals(202, start.statusCode(), start::asString);
        String txn = start.header("x-put-txn-id");
        Response second = anonymous().header("x-put-txn-id", txn).body(randomBytes(half, 5)).put(url);
        assertEquals(202, second.statusCode(), second::asString);
        Response commit = anonymous().header("x-put-txn-op", "commit").header("x-put-txn-id", txn)
                .body(new byte[0]).put(url);
        assertEquals(201, commit.statusCode(), commit::asString);
        assertEquals(String.valueOf(2 * half), getNode("bob", d + "/two-parts.bin").value(Props.LENGTH));
        assertTrue(usage("bob") <= QUOTA);
    }

    /** At most 8 upload transactions per user are open at once; ending one makes room for another. */
    @Test
    void openTransactionsPerUserAreLimited() {
        String d = fresh("carol");
        List<String[]> open = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                String url = negotiate("carol", d + "/t" + i, true);
                Response r = anonymous().header("x-put-txn-op", "start").header("x-total-length", 100)
                        .body(new byte[0]).put(url);
                assertEquals(202, r.statusCode(), r::asString);
                open.add(new String[] {url, r.header("x-put-txn-id")});
            }
            String ninth = negotiate("carol", d + "/t8", true);
            Response refused = anonymous().header("x-put-txn-op", "start").header("x-total-length", 100)
                    .body(new byte[0]).put(ninth);
            assertEquals(413, refused.statusCode(), refused::asString);
            assertTrue(refused.asString().startsWith("QuotaExceeded: carol has 8 upload transactions open"),
                    refused::asString);
            assertEquals(8, BadInputTest.countFiles(TMP), "the refused transaction kept a file");

            String[] first = open.remove(0);
            anonymous().header("x-put-txn-op", "abort").header("x-put-txn-id", first[1]).post(first[0]).then()
                    .statusCode(204);
            Response now = anonymous().header("x-put-txn-op", "start").header("x-total-length", 100)
                    .body(new byte[0]).put(ninth);
            assertEquals(202, now.statusCode(), now::asString);
            open.add(new String[] {ninth, now.header("x-put-txn-id")});
        } finally {
            for (String[] t : open) {
                anonymous().header("x-put-txn-op", "abort").header("x-put-txn-id", t[1]).post(t[0]);
            }
        }
    }

    // ------------------------------------------------------------------ metadata

    /** Empty folders are not free: each costs 1 KiB, so a home fills up with them; deleting frees it. */
    @Test
    void emptyNodesCountAgainstTheQuota() {
        String d = fresh("carol");
        long fits = free("carol") / NodeCost.FIXED;
        int created = 0;
        Response refused = null;
        for (int i = 0; i <= fits + 2; i++) {
            Response r = as("carol").contentType("text/xml").body(containerDoc(d + "/e" + i))
                    .put(BASE + "/nodes" + d + "/e" + i);
            if (r.statusCode() != 201) {
                refused = r;
                break;
            }
            created++;
        }
        assertNotNull(refused, "created " + created + " empty folders in a quota of " + QUOTA + " bytes");
        assertEquals(413, refused.statusCode(), refused::asString);
        assertTrue(refused.asString().startsWith("QuotaExceeded"), refused::asString);
        assertEquals(fits, created);
        assertTrue(usage("carol") <= QUOTA);
        assertEquals(created, store.countChildren(store.walk(VosPath.parse(d)).get(2).id()));
        // an empty file needs its kilobyte too: refused when the upload is negotiated
        Response post = as("carol").contentType("text/xml")
                .body(transferDoc(d + "/empty.txt", org.vosportal.vospace.Transfer.PUSH_TO, "httpsput"))
                .post(BASE + "/synctrans");
        assertEquals(303, post.statusCode(), post::asString);
        assertTrue(jobError("carol", post.header("Location")).contains("QuotaExceeded"));
        // deleting one makes room for one
        as("carol").delete(BASE + "/nodes" + d + "/e0").then().statusCode(200);
        assertEquals(201, upload("carol", d + "/empty.txt", new byte[0]).statusCode());
    }

    /** A move is checked in its own transaction, metadata included: a tree of empty folders is not free to move in. */
    @Test
    void aMoveOverTheQuotaIsRefusedAndNothingMoves() {
        String shared = fresh("alice");
        as("alice").contentType("text/xml").body(containerDoc(shared).replace("<vos:properties/>", "<vos:properties>"
                + prop(Props.GROUP_WRITE, "ivo://opencadc.org/gms?survey-team") + "</vos:properties>"))
                .post(BASE + "/nodes" + shared).then().statusCode(200);
        // fill alice's home up to 10 KiB
        assertEquals(201, upload("alice", shared + "/filler.bin",
                randomBytes((int) (free("alice") - NodeCost.FIXED - 10 * 1024), 6)).statusCode());
        long aliceBefore = usage("alice");

        String mine = fresh("bob");
        mkdir("bob", mine + "/tree");
        for (int i = 0; i < 20; i++) {
            mkdir("bob", mine + "/tree/e" + i);
        }
        String job = TransfersAndPackagesTest.runTransfer("bob", mine + "/tree", shared + "/tree", false);
        assertEquals("ERROR", TransfersAndPackagesTest.phaseOf(job), job);
        String error = as("bob").get(job.substring(job.indexOf('|') + 1) + "/error").asString();
        assertTrue(error.contains("QuotaExceeded"), error);
        assertEquals(200, as("bob").get(BASE + "/nodes" + mine + "/tree/e19").statusCode());
        assertEquals(404, as("alice").get(BASE + "/nodes" + shared + "/tree").statusCode());
        assertEquals(aliceBefore, usage("alice"));
        // one empty folder fits
        String one = TransfersAndPackagesTest.runTransfer("bob", mine + "/tree/e0", shared + "/e0", false);
        assertEquals("COMPLETED", TransfersAndPackagesTest.phaseOf(one), one);
        assertEquals(aliceBefore + NodeCost.FIXED, usage("alice"));
    }

    /**
     * A copied file is created with its content in one step: when its bytes fit but not with its
     * metadata, the copy is refused and leaves no empty file behind.
     */
    @Test
    void aCopiedFileTheQuotaRefusesLeavesNoEmptyFile() {
        String shared = fresh("alice");
        as("alice").contentType("text/xml").body(containerDoc(shared).replace("<vos:properties/>", "<vos:properties>"
                + prop(Props.GROUP_WRITE, "ivo://opencadc.org/gms?survey-team") + "</vos:properties>"))
                .post(BASE + "/nodes" + shared).then().statusCode(200);
        assertEquals(201, upload("alice", shared + "/filler.bin",
                randomBytes((int) (free("alice") - NodeCost.FIXED - 10 * 1024), 7)).statusCode());
        long aliceBefore = usage("alice");
        String mine = fresh("bob");
        // fits the bytes left (the early check), not the bytes and the new node's kilobyte
        assertEquals(201, upload("bob", mine + "/f.bin", randomBytes((int) free("alice") - 100, 8)).statusCode());
        String job = TransfersAndPackagesTest.runTransfer("bob", mine + "/f.bin", shared + "/f.bin", true);
        assertEquals("ERROR", TransfersAndPackagesTest.phaseOf(job), job);
        String error = as("bob").get(job.substring(job.indexOf('|') + 1) + "/error").asString();
        assertTrue(error.contains("QuotaExceeded"), error);
        assertEquals(404, as("alice").get(BASE + "/nodes" + shared + "/f.bin").statusCode());
        assertEquals(aliceBefore, usage("alice"));
    }

    // ------------------------------------------------------------------ faults mid-upload

    /** The disk filling up mid-upload: 507, the previous content stays, and the next upload works without a restart. */
    @Test
    void aFullDiskMidUploadIs507AndKeepsThePreviousContent() throws Exception {
        String d = fresh("alice");
        uploadOk("alice", d + "/f.txt", "previous");
        String md5Before = getNode("alice", d + "/f.txt").value(Props.MD5);
        byte[] next = randomBytes(150_000, 7);
        FullDiskBlobs.fillAfter(60_000);
        Response full;
        try {
            full = upload("alice", d + "/f.txt", next);
        } finally {
            FullDiskBlobs.makeRoom();
        }
        assertEquals(507, full.statusCode(), full::asString);
        assertTrue(full.asString().startsWith("InsufficientStorage: the service has no space left"), full::asString);
        assertEquals("previous", download("alice", d + "/f.txt").asString());
        assertEquals(md5Before, getNode("alice", d + "/f.txt").value(Props.MD5));
        BadInputTest.awaitEquals(0, () -> BadInputTest.countFiles(TMP), "temporary upload left behind");
        assertEquals(201, upload("alice", d + "/f.txt", next).statusCode());
        assertEquals(150_000, download("alice", d + "/f.txt").asByteArray().length);
    }

    /** A body of unknown length that runs past the quota: 413, the previous content stays, the next upload works. */
    @Test
    void theQuotaReachedMidStreamKeepsThePreviousContent() throws Exception {
        String d = fresh("bob");
        uploadOk("bob", d + "/f.txt", "previous");
        String endpoint = negotiate("bob", d + "/f.txt", true);
        RawResponse r = BadInputTest.rawChunked(putHead(endpoint, "Transfer-Encoding: chunked\r\n"),
                free("bob") + 512 * 1024, 30_000);
        assertStatus(413, r, "QuotaExceeded");
        assertEquals("previous", download("bob", d + "/f.txt").asString());
        assertTrue(usage("bob") <= QUOTA);
        BadInputTest.awaitEquals(0, () -> BadInputTest.countFiles(TMP), "temporary upload left behind");
        uploadOk("bob", d + "/f.txt", "next");
        assertEquals("next", download("bob", d + "/f.txt").asString());
    }
}
