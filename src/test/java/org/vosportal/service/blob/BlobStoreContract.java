package org.vosportal.service.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What every BlobStore must do, said only through the seam (no files, no keys): implementations
 * extend this with their own {@link #store()}. Sizes cross S3's 5 MiB part size, so a backend
 * that cuts puts into parts is tested where parts meet.
 */
public abstract class BlobStoreContract {

    static final int MiB = 1024 * 1024;

    protected abstract BlobStore store() throws IOException;

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    static byte[] read(BlobStore s, String id) throws IOException {
        try (InputStream in = s.open(id)) {
            return in.readAllBytes();
        }
    }

    @Test
    void receivesCommitsReadsAndDeletes() throws Exception {
        BlobStore s = store();
        Instant before = Instant.now().minusSeconds(2);
        byte[] data = bytes("the quick brown fox");
        BlobPut p = s.receive(new ByteArrayInputStream(data), 1000);
        assertEquals(data.length, p.length());
        assertEquals(md5(data), p.md5Hex());
        assertTrue(s.list().isEmpty(), "nothing visible before commit");
        String id = p.commit();
        assertTrue(s.list().contains(id));
        assertTrue(s.committedSince(before).contains(id));
        assertArrayEquals(data, read(s, id));
        s.delete(id);
        assertFalse(s.list().contains(id));
        s.delete(id); // deleting twice is harmless
        assertThrows(NoSuchFileException.class, () -> s.open(id).close(), "a missing blob is told before a byte");
    }

    @Test
    void readsRangesAndSeeks() throws Exception {
        BlobStore s = store();
        byte[] data = random(300_000, 1);
        String id = s.receive(new ByteArrayInputStream(data), Long.MAX_VALUE).commit();
        try (InputStream in = s.open(id, 1000, 5000)) {
            assertArrayEquals(Arrays.copyOfRange(data, 1000, 6000), in.readAllBytes());
        }
        try (InputStream in = s.open(id, 299_990, -1)) {
            assertArrayEquals(Arrays.copyOfRange(data, 299_990, 300_000), in.readAllBytes());
        }
        try (SeekableByteChannel ch = s.channel(id)) {
            assertEquals(data.length, ch.size());
            for (int at : new int[] {250_000, 7, 100_000, 299_999}) { // out of order, as the FITS views seek
                ByteBuffer b = ByteBuffer.allocate(Math.min(2880, data.length - at));
                ch.position(at);
                while (b.hasRemaining() && ch.read(b) > 0) {
                    // fill
                }
                assertArrayEquals(Arrays.copyOfRange(data, at, at + b.capacity()), b.array(), "at " + at);
            }
            ch.position(data.length);
            assertEquals(-1, ch.read(ByteBuffer.allocate(10)));
        }
    }

    @Test
    void refusesMoreThanAllowedAndKeepsNothing() throws Exception {
        BlobStore s = store();
        int temporaries = s.temporary().size();
        assertThrows(BlobTooLargeException.class, () -> s.receive(new ByteArrayInputStream(new byte[2000]), 1000));
        assertTrue(s.list().isEmpty());
        assertEquals(temporaries, s.temporary().size(), "the refused put left something behind");
    }

    @Test
    void appendsSegmentsUndoesOneAndAborts() throws Exception {
        BlobStore s = store();
        BlobPut p = s.begin();
        assertFalse(p.canUndo());
        p.append(new ByteArrayInputStream(bytes("abc")), 100);
        p.append(new ByteArrayInputStream(bytes("XYZ")), 100);
        assertEquals(md5(bytes("abcXYZ")), p.md5Hex());
        p.undoLastAppend();
        assertEquals(md5(bytes("abc")), p.md5Hex());
        assertEquals(3, p.length());
        assertFalse(p.canUndo(), "one segment back, no further");
        p.append(new ByteArrayInputStream(bytes("def")), 100);
        assertArrayEquals(bytes("abcdef"), read(s, p.commit()));

        BlobPut dropped = s.receive(new ByteArrayInputStream(bytes("gone")), 100);
        assertTrue(s.temporary().contains(dropped.name()));
        dropped.abort();
        dropped.abort(); // harmless twice
        assertFalse(s.temporary().contains(dropped.name()));
    }

    /** Segments larger than a part: an undo crosses part boundaries and restores the exact bytes before. */
    @Test
    void undoingALargeSegmentRestoresTheBytesBeforeIt() throws Exception {
        BlobStore s = store();
        byte[] first = random(4 * MiB + 17, 2);
        byte[] undone = random(7 * MiB, 3);
        byte[] last = random(2 * MiB + 5, 4);
        BlobPut p = s.begin();
        p.append(new ByteArrayInputStream(first), Long.MAX_VALUE);
        p.append(new ByteArrayInputStream(undone), Long.MAX_VALUE);
        p.undoLastAppend();
        assertEquals(first.length, p.length());
        assertEquals(md5(first), p.md5Hex());
        p.append(new ByteArrayInputStream(last), Long.MAX_VALUE);
        byte[] expected = concat(first, last);
        assertEquals(md5(expected), p.md5Hex());
        assertArrayEquals(expected, read(s, p.commit()));
    }

    @Test
    void aFailedAppendLeavesTheEarlierBytes() throws Exception {
        BlobStore s = store();
        BlobPut p = s.receive(new ByteArrayInputStream(bytes("keep")), 100);
        assertThrows(IOException.class, () -> p.append(breaksAfter(3), 100));
        assertEquals(md5(bytes("keep")), p.md5Hex());
        assertArrayEquals(bytes("keep"), read(s, p.commit()));
    }

    @Test
    void manyBlocksArriveWholeAndInOrder() throws Exception {
        BlobStore s = store();
        byte[] data = random(11 * MiB + 12_345, 7); // several write blocks and parts, and an odd tail
        // handed over in uneven pieces, as a socket does
        InputStream uneven = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + (pos % 70_000)));
            }
        };
        BlobPut p = s.receive(new ByteArrayInputStream(bytes("head")), Long.MAX_VALUE);
        p.append(uneven, Long.MAX_VALUE);
        byte[] all = concat(bytes("head"), data);
        assertEquals(all.length, p.length());
        assertEquals(md5(all), p.md5Hex());
        assertArrayEquals(all, read(s, p.commit()));
    }

    @Test
    void anAppendFailingAfterManyBlocksLeavesOnlyTheEarlierBytes() throws Exception {
        BlobStore s = store();
        byte[] keep = random(3 * MiB, 8);
        BlobPut p = s.receive(new ByteArrayInputStream(keep), Long.MAX_VALUE);
        // after blocks and a part were written (and one is being written)
        assertThrows(IOException.class, () -> p.append(breaksAfter(6L * MiB), Long.MAX_VALUE));
        assertEquals(keep.length, p.length());
        p.append(new ByteArrayInputStream(bytes("!")), Long.MAX_VALUE);
        assertArrayEquals(concat(keep, bytes("!")), read(s, p.commit()));
    }

    @Test
    void anEmptyPutIsAnEmptyBlob() throws Exception {
        BlobStore s = store();
        String id = s.begin().commit();
        assertEquals(0, read(s, id).length);
    }

    @Test
    void copiesShareBytesButLiveIndependently() throws Exception {
        BlobStore s = store();
        String id = s.receive(new ByteArrayInputStream(bytes("shared")), 100).commit();
        String copy = s.copy(id);
        s.delete(id);
        assertArrayEquals(bytes("shared"), read(s, copy));
        assertThrows(NoSuchFileException.class, () -> s.copy(id));
    }

    @Test
    void sweepsOnlyWhatIsOldEnough() throws Exception {
        BlobStore s = store();
        BlobPut p = s.receive(new ByteArrayInputStream(bytes("half")), 100);
        assertEquals(0, s.sweepTemporary(Duration.ofHours(1)), "a put in progress is young");
        assertTrue(s.temporary().contains(p.name()));
        assertTrue(s.sweepTemporary(Duration.ZERO) >= 1);
        assertFalse(s.temporary().contains(p.name()));
    }

    @Test
    void committedSinceSeesNewBlobsOnly() throws Exception {
        BlobStore s = store();
        String id = s.receive(new ByteArrayInputStream(bytes("new")), 100).commit();
        assertTrue(s.committedSince(Instant.now().minus(Duration.ofMinutes(5))).contains(id));
        assertFalse(s.committedSince(Instant.now().plus(Duration.ofMinutes(5))).contains(id));
    }

    @Test
    void probeSaysTheStoreTakesBytes() throws Exception {
        long free = store().probe();
        assertTrue(free == -1 || free > 0, "free " + free);
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
                Arrays.fill(b, off, off + k, (byte) 'x');
                n += k;
                return k;
            }
        };
    }
}
