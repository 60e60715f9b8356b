package org.vosportal.service.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosportal.service.blob.s3.S3BlobStore;
import org.vosportal.service.blob.s3.S3Settings;
import org.vosportal.testsupport.S3ProxyServer;

/** The blob contract on a real S3 API server (s3proxy on loopback), plus what only S3 has. */
@Tag("servers") // s3proxy: the full suite (mvn verify), not the fast lane
class S3BlobStoreTest extends BlobStoreContract {

    @TempDir
    Path spool;

    /** The spool of the other instance ({@link #sameStorageElsewhere}). */
    @TempDir
    Path spoolElsewhere;

    /** Those of the last {@link #store()}: its bucket and prefix. */
    private S3Settings settings;

    @Override
    protected BlobStore store() throws IOException {
        S3ProxyServer.ensureRunning();
        settings = S3ProxyServer.settings("vospace-test", S3BlobStore.MIN_PART, false);
        return settings.connect(spool);
    }

    /** The same bucket and prefix, spooling elsewhere. */
    @Override
    protected BlobStore sameStorageElsewhere() throws IOException {
        return settings.connect(spoolElsewhere);
    }

    /** A put of many parts keeps at most about one part in its local spool, whatever its size. */
    @Test
    void aLargePutSpoolsAtMostAboutOnePartLocally() throws Exception {
        BlobStore s = store();
        BlobPut p = s.begin();
        long most = 0;
        for (int i = 0; i < 6; i++) { // 24 MiB in segments of 4 MiB: parts of 5 MiB leave as they fill
            p.append(new ByteArrayInputStream(random(4 * MiB, i)), Long.MAX_VALUE);
            most = Math.max(most, spoolBytes());
        }
        assertTrue(most <= 2 * S3BlobStore.MIN_PART + MiB, "spooled " + most + " bytes");
        String id = p.commit();
        assertEquals(0, spoolBytes(), "the spool is emptied at commit");
        try (var in = s.open(id, 23 * MiB, MiB)) {
            byte[] tail = in.readAllBytes();
            assertArrayEquals(java.util.Arrays.copyOfRange(random(4 * MiB, 5), 3 * MiB, 4 * MiB), tail);
        }
    }

    /** An aborted multipart put leaves no unfinished upload in the bucket. */
    @Test
    void anAbortedMultipartPutLeavesNothingInTheBucket() throws Exception {
        BlobStore s = store();
        BlobPut p = s.begin();
        p.append(new ByteArrayInputStream(random(6 * MiB, 9)), Long.MAX_VALUE);
        assertTrue(s.temporary().stream().anyMatch(n -> n.contains("#")), "a multipart upload is open");
        p.abort();
        assertFalse(s.temporary().stream().anyMatch(n -> n.contains("#")), s.temporary().toString());
        assertTrue(s.list().isEmpty());
    }

    /** A suspended put's tail object is temporary: listed, swept once old enough, and then the state resumes nothing. */
    @Test
    void anAbandonedSuspendedPutIsSwept() throws Exception {
        BlobStore s = store();
        BlobPut p = s.beginResumable();
        p.append(new ByteArrayInputStream(random(6 * MiB, 80)), Long.MAX_VALUE);
        String state = p.suspend();
        p.release();
        java.util.Set<String> held = s.temporary();
        assertTrue(held.stream().anyMatch(n -> n.contains("#")), "the multipart upload: " + held);
        assertTrue(held.stream().anyMatch(n -> state.contains("tail=" + n)), "the tail: " + held);
        assertEquals(0, s.sweepTemporary(Duration.ofHours(1)), "a suspended put is young");
        assertEquals(held.size(), s.sweepTemporary(Duration.ZERO), "the multipart upload and the tails: " + held);
        assertEquals(java.util.Set.of(), s.temporary());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> sameStorageElsewhere().resume(state));
    }

    /** Only the tails the current state and its undo point name are kept: one suspend's tail goes at the next. */
    @Test
    void tailsNoStateNeedsAreDeleted() throws Exception {
        BlobStore s = store();
        BlobPut p = s.beginResumable();
        for (int i = 0; i < 4; i++) { // the last two cross a part: the undo point has a tail of its own
            p.append(new ByteArrayInputStream(random(2 * MiB, 90 + i)), Long.MAX_VALUE);
            p.suspend();
        }
        long tails = s.temporary().stream().filter(n -> !n.contains("#") && !n.startsWith("s3put-")).count();
        assertTrue(tails >= 1 && tails <= 2, s.temporary().toString());
        p.commit();
        assertEquals(java.util.Set.of(), s.temporary());
    }

    /** Presigned downloads, when configured: the URL answers the bytes (and a range) without this service. */
    @Test
    void presignedUrlsAnswerTheBytesDirectly() throws Exception {
        S3ProxyServer.ensureRunning();
        BlobStore s = S3ProxyServer.settings("vospace-test", S3BlobStore.MIN_PART, true).connect(spool);
        byte[] data = bytes("straight from the bucket");
        String id = s.receive(new ByteArrayInputStream(data), 100).commit();
        URI url = s.capability(PresignedDownloads.class).orElseThrow()
                .presignGet(id, Duration.ofMinutes(1), "text/plain", "attachment; filename=\"a.txt\"");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, whole.statusCode());
        assertArrayEquals(data, whole.body());
        assertEquals("attachment; filename=\"a.txt\"", whole.headers().firstValue("Content-Disposition").orElse(""));
        HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(url).header("Range", "bytes=9-12").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, part.statusCode());
        assertArrayEquals(bytes("from"), part.body());
        assertTrue(store().capability(PresignedDownloads.class).isEmpty(), "off unless configured");
    }

    private long spoolBytes() throws IOException {
        try (var files = Files.list(spool)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
