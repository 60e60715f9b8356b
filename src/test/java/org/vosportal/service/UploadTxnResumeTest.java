package org.vosportal.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vosportal.service.transfer.UploadTxns;

/**
 * PUT transactions resumed from their rows, as on an instance that did not open them: before
 * every step this instance lets go of its copy of the put, so each segment, the revert and the
 * commit go on from what {@code vos_upload_txn} and the blob store hold (on local disk here, on
 * S3 in the s3-backend lane), and a sweep of every temporary while it is open leaves its bytes.
 */
@QuarkusTest
class UploadTxnResumeTest extends ServiceTestBase {

    @Inject
    UploadTxns txns;

    @Inject
    org.vosportal.service.blob.BlobStore blobs;

    static String digest(byte[] bytes, int from, int to) throws Exception {
        MessageDigest md = MessageDigest.getInstance("MD5");
        md.update(bytes, from, to - from);
        return "md5=" + Base64.getEncoder().encodeToString(md.digest());
    }

    static Response inTxn(String txn, String op, byte[] body, String endpoint, String method) {
        var r = given().urlEncodingEnabled(false).header("x-put-txn-id", txn);
        if (op != null) {
            r = r.header("x-put-txn-op", op);
        }
        return method.equals("POST") ? r.post(endpoint) : r.body(body).put(endpoint);
    }

    @Test
    void aSegmentedUploadGoesOnFromItsRowAtEveryStep() throws Exception {
        String path = freshFolder("alice") + "/resumed.bin";
        byte[] data = new byte[7 * 1024 * 1024 + 333]; // more than one S3 part
        new Random(7).nextBytes(data);
        int cut1 = 3 * 1024 * 1024 + 1;
        int cut2 = 6 * 1024 * 1024 + 2;
        String endpoint = negotiate("alice", path, true);
        Response start = given().urlEncodingEnabled(false).header("x-put-txn-op", "start")
                .header("x-total-length", data.length).body(Arrays.copyOfRange(data, 0, cut1)).put(endpoint);
        assertEquals(202, start.statusCode(), start::asString);
        String txn = start.header("x-put-txn-id");
        assertEquals(digest(data, 0, cut1), start.header("Digest"));

        txns.releaseCopies();
        Response s2 = inTxn(txn, null, Arrays.copyOfRange(data, cut1, cut2), endpoint, "PUT");
        assertEquals(202, s2.statusCode(), s2::asString);
        assertEquals(digest(data, 0, cut2), s2.header("Digest"), "the MD5 did not go on from the saved state");

        txns.releaseCopies();
        // a sweep that takes every temporary, as if this one were days old: an open transaction's stay
        blobs.sweepTemporary(java.time.Duration.ZERO, txns.heldTemporaries());
        byte[] bad = Arrays.copyOfRange(data, cut2, data.length);
        bad[5] ^= 1;
        assertEquals(202, inTxn(txn, null, bad, endpoint, "PUT").statusCode());
        txns.releaseCopies();
        Response revert = inTxn(txn, "revert", null, endpoint, "POST");
        assertEquals(202, revert.statusCode(), revert::asString);
        assertEquals(digest(data, 0, cut2), revert.header("Digest"), "the revert did not go back one segment");

        txns.releaseCopies();
        Response status = given().urlEncodingEnabled(false).header("x-put-txn-id", txn).head(endpoint);
        assertEquals(String.valueOf(cut2), status.header("x-put-txn-length"));
        Response s3 = inTxn(txn, null, Arrays.copyOfRange(data, cut2, data.length), endpoint, "PUT");
        assertEquals(digest(data, 0, data.length), s3.header("Digest"));

        txns.releaseCopies();
        Response commit = inTxn(txn, "commit", new byte[0], endpoint, "PUT");
        assertEquals(201, commit.statusCode(), commit::asString);
        assertArrayEquals(data, download("alice", path).asByteArray());
        Response again = inTxn(txn, null, new byte[] {1}, endpoint, "PUT");
        assertEquals(400, again.statusCode());
        assertTrue(again.asString().contains("unknown or expired put transaction"), again::asString);
    }

    @Test
    void aTransactionStartedWithItsWholeBodyIsCommittedFromItsRowButNotContinued() throws Exception {
        String dir = freshFolder("alice");
        byte[] data = new byte[2 * 1024 * 1024 + 17];
        new Random(8).nextBytes(data);
        String endpoint = negotiate("alice", dir + "/whole.bin", true);
        String txn = given().urlEncodingEnabled(false).header("x-put-txn-op", "start").body(data).put(endpoint)
                .header("x-put-txn-id");
        txns.releaseCopies();
        Response more = inTxn(txn, null, new byte[] {1, 2, 3}, endpoint, "PUT");
        assertEquals(400, more.statusCode(), more::asString);
        assertTrue(more.asString().contains("can be committed or aborted, not continued"), more::asString);
        Response commit = inTxn(txn, "commit", new byte[0], endpoint, "PUT");
        assertEquals(201, commit.statusCode(), commit::asString);
        assertEquals(digest(data, 0, data.length), commit.header("Digest"));
        assertArrayEquals(data, download("alice", dir + "/whole.bin").asByteArray());

        String aborted = negotiate("alice", dir + "/aborted.bin", true);
        String txn2 = given().urlEncodingEnabled(false).header("x-put-txn-op", "start").body(data).put(aborted)
                .header("x-put-txn-id");
        txns.releaseCopies();
        assertEquals(204, inTxn(txn2, "abort", null, aborted, "POST").statusCode());
        assertEquals(400, given().urlEncodingEnabled(false).header("x-put-txn-id", txn2).head(aborted).statusCode(),
                "the aborted transaction is still open");
        assertEquals(404, download("alice", dir + "/aborted.bin").statusCode(), "the aborted upload is visible");
    }
}
