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
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every BlobStore must do, said only through the seam (no files, no keys): implementations
 * extend this with their own {@link #store()}. Sizes cross S3's 5 MiB part size, so a backend
 * that cuts puts into parts is tested where parts meet.
 */
public abstract class BlobStoreContract {

    static final int MiB = 1024 * 1024;

    protected abstract BlobStore store() throws IOException;

    /**
     * Another instance over the storage of the last {@link #store()} (the shared disk, the same
     * bucket and prefix), with local state of its own (the S3 spool): where a suspended put goes on.
     */
    protected abstract BlobStore sameStorageElsewhere() throws IOException;

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

    // ---------------------------------------------------------------- puts resumed elsewhere

    /** A segmented upload goes on on another instance: more than a part in all, the same bytes and MD5 as one put. */
    @Test
    void aResumablePutGoesOnElsewhere() throws Exception {
        BlobStore here = store();
        BlobStore there = sameStorageElsewhere();
        byte[] first = random(3 * MiB + 11, 20);
        byte[] second = random(4 * MiB + 3, 21); // past the first part
        byte[] third = random(6 * MiB + 5, 22); // one more part, and a tail
        BlobPut p = here.beginResumable();
        p.append(new ByteArrayInputStream(first), Long.MAX_VALUE);
        p.append(new ByteArrayInputStream(second), Long.MAX_VALUE);
        String state = p.suspend();
        p.release();
        assertThrows(IllegalStateException.class, () -> p.append(new ByteArrayInputStream(bytes("x")), 100),
                "a released put takes nothing more");

        BlobPut q = there.resume(state);
        assertTrue(q.appendable());
        assertEquals(first.length + second.length, q.length());
        assertEquals(md5(concat(first, second)), q.md5Hex());
        q.append(new ByteArrayInputStream(third), Long.MAX_VALUE);
        byte[] all = concat(first, second, third);
        assertEquals(all.length, q.length());
        assertEquals(md5(all), q.md5Hex());
        String id = q.commit();
        assertArrayEquals(all, read(here, id), "read where the put began");
        assertArrayEquals(all, read(there, id));
        assertEquals(Set.of(), here.temporary(), "the commit left nothing behind");
        assertEquals(Set.of(), there.temporary(), "the commit left nothing behind");
    }

    /** A put may hop from instance to instance, suspended after each segment. */
    @Test
    void aPutHopsBackAndForth() throws Exception {
        BlobStore[] stores = {store(), sameStorageElsewhere()};
        BlobPut p = stores[0].beginResumable();
        byte[][] segments = {random(2 * MiB, 30), random(MiB + 7, 31), bytes("tiny"), random(4 * MiB, 32), new byte[0]};
        for (int i = 0; i < segments.length; i++) {
            p.append(new ByteArrayInputStream(segments[i]), Long.MAX_VALUE);
            String state = p.suspend();
            p.release();
            p = stores[(i + 1) % 2].resume(state);
        }
        byte[] all = concat(segments);
        assertEquals(md5(all), p.md5Hex());
        assertArrayEquals(all, read(stores[0], p.commit()));
    }

    /** Undo after resume returns to the undo point saved with the state: before and past a part boundary. */
    @Test
    void anUndoAfterResumeReturnsToTheSavedUndoPoint() throws Exception {
        for (int undone : new int[] {100_000, 6 * MiB}) { // within the tail; across a part
            BlobStore here = store();
            BlobStore there = sameStorageElsewhere();
            byte[] kept = random(4 * MiB + 1, 40);
            BlobPut p = here.beginResumable();
            p.append(new ByteArrayInputStream(kept), Long.MAX_VALUE);
            p.append(new ByteArrayInputStream(random(undone, 41)), Long.MAX_VALUE);
            String state = p.suspend();
            p.release();

            BlobPut q = there.resume(state);
            assertTrue(q.canUndo());
            q.undoLastAppend();
            assertEquals(kept.length, q.length());
            assertEquals(md5(kept), q.md5Hex(), "undone " + undone);
            assertFalse(q.canUndo());
            byte[] last = random(2 * MiB + 9, 42);
            q.append(new ByteArrayInputStream(last), Long.MAX_VALUE);
            byte[] all = concat(kept, last);
            assertEquals(md5(all), q.md5Hex());
            assertArrayEquals(all, read(here, q.commit()), "undone " + undone);
        }
    }

    /** The undo point survives more than one suspend, and a second resume. */
    @Test
    void anUndoPointSurvivesSuspendingTwice() throws Exception {
        BlobStore here = store();
        BlobStore there = sameStorageElsewhere();
        byte[] a = random(3 * MiB, 43);
        byte[] b = random(3 * MiB, 44); // crosses the first part
        BlobPut p = here.beginResumable();
        p.append(new ByteArrayInputStream(a), Long.MAX_VALUE);
        p.suspend();
        p.append(new ByteArrayInputStream(b), Long.MAX_VALUE);
        String state = p.suspend();
        p.release();
        BlobPut q = there.resume(state);
        String again = q.suspend(); // nothing changed: the same bytes and undo point
        q.release();
        BlobPut r = here.resume(again);
        r.undoLastAppend();
        assertEquals(md5(a), r.md5Hex());
        assertArrayEquals(a, read(here, r.commit()));
        assertEquals(Set.of(), there.temporary());
    }

    /**
     * A sweep spares what an open transaction's saved put holds, however old (an object store
     * dates a multipart upload by its start): the put resumes and commits after a sweep that
     * removed everything else, and the next sweep without it removes it.
     */
    @Test
    void aSweepSparesWhatASavedPutHolds() throws Exception {
        BlobStore here = store();
        BlobStore there = sameStorageElsewhere();
        byte[] first = random(6 * MiB + 1, 60); // a part and a tail on S3
        BlobPut p = here.beginResumable();
        p.append(new ByteArrayInputStream(first), Long.MAX_VALUE);
        String state = p.suspend();
        p.release();
        Set<String> held = here.heldBy(state);
        assertFalse(held.isEmpty(), "a suspended put holds something");
        assertTrue(here.temporary().containsAll(held), held + " in " + here.temporary());
        BlobPut stray = here.beginResumable(); // an interrupted put nobody will resume
        stray.append(new ByteArrayInputStream(bytes("stray")), 100);
        stray.suspend();

        assertTrue(there.sweepTemporary(java.time.Duration.ZERO, held) >= 1, "the stray put went");
        assertEquals(held, Set.copyOf(there.temporary().stream().filter(held::contains).toList()));
        BlobPut q = there.resume(state);
        q.append(new ByteArrayInputStream(bytes("end")), Long.MAX_VALUE);
        assertArrayEquals(concat(first, bytes("end")), read(here, q.commit()));

        BlobPut r = here.beginResumable();
        r.append(new ByteArrayInputStream(bytes("left")), 100);
        String leftState = r.suspend();
        r.release();
        there.sweepTemporary(java.time.Duration.ZERO);
        assertThrows(IOException.class, () -> here.resume(leftState), "spared no more, it went");
        assertThrows(IllegalArgumentException.class, () -> here.heldBy("not a state"));
    }

    /** An abort after resume removes everything either instance held, and commits nothing. */
    @Test
    void anAbortAfterResumeLeavesNothing() throws Exception {
        BlobStore here = store();
        BlobStore there = sameStorageElsewhere();
        Set<String> before = new HashSet<>(here.temporary());
        BlobPut p = here.beginResumable();
        p.append(new ByteArrayInputStream(random(6 * MiB, 50)), Long.MAX_VALUE);
        String state = p.suspend();
        Set<String> held = new HashSet<>(here.temporary());
        held.removeAll(before);
        assertFalse(held.isEmpty(), "a suspended put holds something");
        p.release();
        BlobPut q = there.resume(state);
        q.append(new ByteArrayInputStream(bytes("more")), Long.MAX_VALUE);
        q.abort();
        Set<String> left = new HashSet<>(here.temporary());
        left.addAll(there.temporary());
        left.retainAll(held);
        assertEquals(Set.of(), left, "the aborted put left these");
        assertFalse(there.temporary().contains(q.name()));
        assertTrue(here.list().isEmpty(), "nothing committed");
        assertThrows(IOException.class, () -> here.resume(state), "an aborted put's state");
    }

    @Test
    void theStateOfACommittedPutResumesNothing() throws Exception {
        BlobStore here = store();
        BlobPut p = here.beginResumable();
        p.append(new ByteArrayInputStream(bytes("done")), 100);
        String state = p.suspend();
        p.commit();
        assertThrows(IOException.class, () -> sameStorageElsewhere().resume(state));
        assertThrows(IllegalStateException.class, p::suspend, "a finished put has no state");
    }

    @Test
    void junkStatesAreRefused() throws Exception {
        BlobStore s = store();
        BlobPut p = s.beginResumable();
        p.append(new ByteArrayInputStream(bytes("abc")), 100);
        String state = p.suspend();
        for (String junk : new String[] {"", "hello", "vosput=1", "vosput=2\n" + state.substring(state.indexOf('\n') + 1),
                state + "\nextra=1", state.replaceFirst("length=3", "length=-3"),
                state.replaceFirst("length=3", "length=x"), state.replaceFirst("md5=", "md5=bc:AAAA"),
                state.replaceFirst("\nlength=3", ""), state + "\nmd5=md5:00000000000000000000000000000000",
                state.replaceFirst("store=[a-z0-9]+", "store=other")}) {
            assertThrows(IllegalArgumentException.class, () -> s.resume(junk), junk);
        }
        assertThrows(IllegalArgumentException.class, () -> s.resume(pathIn(state)), "a path for a name");
        p.abort();
    }

    /** {@code state} with its put's name (the file, the tail) turned into a path out of where it belongs. */
    private static String pathIn(String state) {
        return state.replaceAll("(?m)^(file|tail)=", "$1=../");
    }

    /** A fast put resumed elsewhere has its MD5 value only: it takes no more bytes, but commits. */
    @Test
    void aFastPutResumedElsewhereCommitsButTakesNoMore() throws Exception {
        BlobStore here = store();
        byte[] a = random(2 * MiB, 60);
        byte[] b = random(5 * MiB, 61);
        BlobPut p = here.begin();
        p.append(new ByteArrayInputStream(a), Long.MAX_VALUE);
        p.append(new ByteArrayInputStream(b), Long.MAX_VALUE);
        String state = p.suspend();
        p.release();
        BlobPut q = sameStorageElsewhere().resume(state);
        assertFalse(q.appendable());
        assertThrows(IllegalStateException.class, () -> q.append(new ByteArrayInputStream(bytes("x")), 100));
        assertEquals(md5(concat(a, b)), q.md5Hex());
        q.undoLastAppend(); // the undo point's MD5 value was saved too
        assertEquals(md5(a), q.md5Hex());
        assertArrayEquals(a, read(here, q.commit()));
    }

    /** A suspend does not stop the put where it was: it goes on there too, and its commit leaves nothing behind. */
    @Test
    void aSuspendedPutGoesOnWhereItWas() throws Exception {
        BlobStore here = store();
        BlobPut p = here.beginResumable();
        p.append(new ByteArrayInputStream(bytes("one")), 100);
        p.suspend();
        p.append(new ByteArrayInputStream(bytes(" two")), 100);
        assertEquals(md5(bytes("one two")), p.md5Hex());
        assertArrayEquals(bytes("one two"), read(here, p.commit()));
        assertEquals(Set.of(), here.temporary());
    }

    /** Released here and resumed elsewhere, the put commits there; the release dropped nothing it needs. */
    @Test
    void aReleasedPutCommitsElsewhere() throws Exception {
        BlobStore here = store();
        byte[] data = random(MiB, 70);
        BlobPut p = here.beginResumable();
        p.append(new ByteArrayInputStream(data), Long.MAX_VALUE);
        String state = p.suspend();
        p.release();
        p.abort(); // after a release an abort drops nothing: the put is the other instance's
        BlobPut q = sameStorageElsewhere().resume(state);
        assertEquals(md5(data), q.md5Hex());
        assertArrayEquals(data, read(here, q.commit()));
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
