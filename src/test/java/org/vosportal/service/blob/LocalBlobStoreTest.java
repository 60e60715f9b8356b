package org.vosportal.service.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreTest extends BlobStoreContract {

    @TempDir
    Path dir;

    @Override
    protected BlobStore store() throws IOException {
        return new LocalBlobStore(dir);
    }

    /** Another instance on the same disk. */
    @Override
    protected BlobStore sameStorageElsewhere() throws IOException {
        return new LocalBlobStore(dir);
    }

    /** A LocalBlobStore whose disk fills up after {@code room} more bytes (as the kernel says it: ENOSPC). */
    static final class FillingDisk extends LocalBlobStore {
        final AtomicLong room;

        FillingDisk(Path dir, long room) throws IOException {
            super(dir);
            this.room = new AtomicLong(room);
        }

        @Override
        protected int write(FileChannel out, ByteBuffer block, long position) throws IOException {
            if (room.addAndGet(-block.remaining()) < 0) {
                throw new IOException("No space left on device");
            }
            return super.write(out, block, position);
        }
    }

    /** A full disk is told apart from other failures, keeps nothing, and the store works on once there is room. */
    @Test
    void aFullDiskIsStorageFullAndLeavesNothingBehind() throws Exception {
        FillingDisk s = new FillingDisk(dir, 300 * 1024);
        byte[] big = new byte[1024 * 1024];
        StorageFullException e = assertThrows(StorageFullException.class,
                () -> s.receive(new ByteArrayInputStream(big), Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("no space left"), e.getMessage());
        try (var tmp = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, tmp.count(), "a partial upload was left in tmp");
        }
        assertEquals(java.util.Set.of(), s.list());

        // a segment that hits the full disk leaves the earlier segments as they were
        s.room.set(Long.MAX_VALUE);
        BlobPut put = s.receive(new ByteArrayInputStream(bytes("first segment")), Long.MAX_VALUE);
        s.room.set(100);
        assertThrows(StorageFullException.class, () -> put.append(new ByteArrayInputStream(big), Long.MAX_VALUE));
        assertEquals(put.length(), Files.size(((LocalBlobPut) put).file()));

        // room again: the same upload goes on
        s.room.set(Long.MAX_VALUE);
        put.append(new ByteArrayInputStream(bytes(", second")), Long.MAX_VALUE);
        String id = put.commit();
        try (InputStream in = s.open(id)) {
            assertArrayEquals(bytes("first segment, second"), in.readAllBytes());
        }
        assertEquals(md5(bytes("first segment, second")), put.md5Hex());
    }

    /** Local blobs are files: sent zero-copy, copied as hard links. */
    @Test
    void blobsAreLocalFilesAndCopiesAreHardLinks() throws Exception {
        LocalBlobStore s = new LocalBlobStore(dir);
        String id = s.receive(new ByteArrayInputStream(bytes("linked")), 100).commit();
        Path file = s.capability(LocalFiles.class).orElseThrow().file(id);
        assertArrayEquals(bytes("linked"), Files.readAllBytes(file));
        String copy = s.capability(ServerSideCopy.class).orElseThrow().copy(id);
        assertEquals(Files.getAttribute(file, "unix:ino"), Files.getAttribute(s.file(copy), "unix:ino"));
        assertTrue(s.capability(PresignedDownloads.class).isEmpty());
    }

    /** Bytes past the state's length (an append that died with its instance) are not the put's: the next append overwrites them. */
    @Test
    void aResumedPutGoesOnAtItsLengthWhateverFollowsInTheFile() throws Exception {
        BlobStore s = store();
        BlobPut p = s.beginResumable();
        p.append(new ByteArrayInputStream(bytes("kept")), 100);
        String state = p.suspend();
        p.release();
        Files.write(((LocalBlobPut) p).file(), bytes("half an append"), java.nio.file.StandardOpenOption.APPEND);
        BlobPut q = sameStorageElsewhere().resume(state);
        assertEquals(4, q.length());
        q.append(new ByteArrayInputStream(bytes("!")), 100);
        assertArrayEquals(bytes("kept!"), s.open(q.commit()).readAllBytes());

        BlobPut short_ = s.beginResumable();
        short_.append(new ByteArrayInputStream(bytes("four")), 100);
        String longer = short_.suspend().replace("length=4", "length=9");
        assertThrows(IOException.class, () -> s.resume(longer), "a file shorter than its state is refused");
    }

    @Test
    void otherWriteFailuresAreNotStorageFull() {
        assertEquals(false, StorageFullException.isStorageFull(new IOException("Input/output error")));
        assertTrue(StorageFullException.isStorageFull(new IOException("x", new IOException("Disk quota exceeded"))));
    }
}
