package org.vosportal.service.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** What every BlobStore must do; implementations extend this with their own {@link #store()}. */
public abstract class BlobStoreContract {

    protected abstract BlobStore store() throws IOException;

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    @Test
    void receivesCommitsAndReads() throws Exception {
        BlobStore s = store();
        byte[] data = bytes("the quick brown fox");
        PendingBlob p = s.receive(new ByteArrayInputStream(data), 1000);
        assertEquals(data.length, p.length());
        assertEquals(md5(data), p.md5Hex());
        assertFalse(s.list().contains(p.file().getFileName().toString()), "not visible before commit");
        String id = s.commit(p);
        assertTrue(s.list().contains(id));
        try (InputStream in = s.open(id)) {
            assertArrayEquals(data, in.readAllBytes());
        }
        s.delete(id);
        assertFalse(s.list().contains(id));
        s.delete(id); // deleting twice is harmless
    }

    @Test
    void refusesMoreThanAllowedAndKeepsNothing() throws Exception {
        BlobStore s = store();
        int before = s.list().size();
        assertThrows(BlobTooLargeException.class, () -> s.receive(new ByteArrayInputStream(new byte[2000]), 1000));
        assertEquals(before, s.list().size());
    }

    @Test
    void appendsSegmentsRevertsAndDiscards() throws Exception {
        BlobStore s = store();
        PendingBlob p0 = s.begin();
        PendingBlob p1 = s.append(p0, new ByteArrayInputStream(bytes("abc")), 100);
        PendingBlob p2 = s.append(p1, new ByteArrayInputStream(bytes("XYZ")), 100);
        assertEquals(md5(bytes("abcXYZ")), p2.md5Hex());
        PendingBlob back = s.revert(p2, p1);
        assertEquals(md5(bytes("abc")), back.md5Hex());
        PendingBlob p3 = s.append(back, new ByteArrayInputStream(bytes("def")), 100);
        String id = s.commit(p3);
        try (InputStream in = s.open(id)) {
            assertArrayEquals(bytes("abcdef"), in.readAllBytes());
        }
        PendingBlob dropped = s.receive(new ByteArrayInputStream(bytes("gone")), 100);
        s.discard(dropped);
        assertFalse(java.nio.file.Files.exists(dropped.file()));
    }

    @Test
    void aFailedAppendLeavesTheEarlierBytes() throws Exception {
        BlobStore s = store();
        PendingBlob p1 = s.receive(new ByteArrayInputStream(bytes("keep")), 100);
        assertThrows(IOException.class, () -> s.append(p1, breaksAfter(3), 100));
        String id = s.commit(p1);
        try (InputStream in = s.open(id)) {
            assertArrayEquals(bytes("keep"), in.readAllBytes());
        }
    }

    @Test
    void manyBlocksArriveWholeAndInOrder() throws Exception {
        BlobStore s = store();
        byte[] data = new byte[3 * 1024 * 1024 + 12_345]; // several write blocks and an odd tail
        new java.util.Random(7).nextBytes(data);
        // handed over in uneven pieces, as a socket does
        InputStream uneven = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + (pos % 70_000)));
            }
        };
        PendingBlob head = s.receive(new ByteArrayInputStream(bytes("head")), Long.MAX_VALUE);
        PendingBlob p = s.append(head, uneven, Long.MAX_VALUE);
        byte[] all = new byte[4 + data.length];
        System.arraycopy(bytes("head"), 0, all, 0, 4);
        System.arraycopy(data, 0, all, 4, data.length);
        assertEquals(all.length, p.length());
        assertEquals(md5(all), p.md5Hex());
        try (InputStream in = s.open(s.commit(p))) {
            assertArrayEquals(all, in.readAllBytes());
        }
    }

    @Test
    void anAppendFailingAfterManyBlocksLeavesOnlyTheEarlierBytes() throws Exception {
        BlobStore s = store();
        PendingBlob p1 = s.receive(new ByteArrayInputStream(bytes("keep")), 100);
        // after blocks were written (and one is being written)
        assertThrows(IOException.class, () -> s.append(p1, breaksAfter(2 * 1024 * 1024), Long.MAX_VALUE));
        try (InputStream in = s.open(s.commit(p1))) {
            assertArrayEquals(bytes("keep"), in.readAllBytes());
        }
    }

    @Test
    void copiesShareBytesButLiveIndependently() throws Exception {
        BlobStore s = store();
        String id = s.commit(s.receive(new ByteArrayInputStream(bytes("shared")), 100));
        String copy = s.copy(id);
        s.delete(id);
        try (InputStream in = s.open(copy)) {
            assertArrayEquals(bytes("shared"), in.readAllBytes());
        }
    }

    @Test
    void sweepRemovesInterruptedUploads() throws Exception {
        BlobStore s = store();
        PendingBlob p = s.receive(new ByteArrayInputStream(bytes("half")), 100);
        assertTrue(s.sweepTemporary() >= 1);
        assertFalse(java.nio.file.Files.exists(p.file()));
    }

    /** {@code bytes} bytes of 'x', then the connection resets. */
    static InputStream breaksAfter(long bytes) {
        return new InputStream() {
            long n;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (n >= bytes) {
                    throw new IOException("connection reset");
                }
                int k = (int) Math.min(len, bytes - n);
                java.util.Arrays.fill(b, off, off + k, (byte) 'x');
                n += k;
                return k;
            }
        };
    }
}
