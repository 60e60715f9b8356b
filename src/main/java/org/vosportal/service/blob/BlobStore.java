package org.vosportal.service.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Immutable content blobs behind one backend-neutral seam (the shape of opencadc's
 * {@code StorageAdapter} and SFTPGo's {@code vfs.Fs}). A blob is named by an opaque id that
 * only its store interprets. Bytes arrive through a {@link BlobPut} (the put transaction: MD5 and
 * length computed while streaming) and become visible only when it commits, so an interrupted
 * upload never replaces anything. Committed blobs never change, so copies may share bytes.
 *
 * <p>What only some backends can do is an optional capability found by type through
 * {@link #capability}: {@link LocalFiles} (zero-copy sending of a local file),
 * {@link ServerSideCopy}, {@link PresignedDownloads}. Every implementation passes
 * {@code BlobStoreContract}.
 */
public interface BlobStore {

    /**
     * Starts a put transaction: nothing is visible until {@link BlobPut#commit}. Its MD5 is the
     * fast one, so {@link BlobPut#suspend} saves only its value: resumed elsewhere it can be
     * committed, undone or aborted but takes no more bytes.
     */
    BlobPut begin() throws IOException;

    /**
     * Starts a put that any instance sharing this store can go on with after {@link BlobPut#suspend}
     * (a segmented upload): its MD5 state is saved too, at about half the hashing speed.
     */
    BlobPut beginResumable() throws IOException;

    /**
     * The put {@code state} ({@link BlobPut#suspend}) describes, on this instance: as it was then,
     * whatever an append that failed since left behind. An IOException (a NoSuchFileException)
     * when its bytes are gone (swept, aborted, committed); an IllegalArgumentException saying
     * what is wrong when {@code state} is no such text (another backend's, damaged, junk).
     */
    BlobPut resume(String state) throws IOException;

    /**
     * A put of the whole of {@code in}, at most {@code maxBytes} ({@link BlobTooLargeException}
     * beyond, and nothing is kept). The caller commits or aborts it.
     */
    default BlobPut receive(InputStream in, long maxBytes) throws IOException {
        BlobPut put = begin();
        try {
            put.append(in, maxBytes);
            return put;
        } catch (IOException | RuntimeException e) {
            put.abort();
            throw e;
        }
    }

    /**
     * Streams {@code length} bytes of a committed blob from {@code offset} ({@code length < 0}:
     * to its end). A missing blob is a {@link java.nio.file.NoSuchFileException} here, before a
     * byte is read, so a caller can refuse before it answers.
     */
    InputStream open(String blobId, long offset, long length) throws IOException;

    default InputStream open(String blobId) throws IOException {
        return open(blobId, 0, -1);
    }

    /**
     * Random access to a committed blob (the FITS views read headers and pixel runs from it).
     * Backends without a local file answer through ranged reads ({@link RangedReadChannel}).
     */
    SeekableByteChannel channel(String blobId) throws IOException;

    /** Deletes a committed blob; a missing one is ignored. Never throws. */
    void delete(String blobId);

    /** A new blob with the same bytes: server-side where the backend can, else streamed through a put. */
    default String copy(String blobId) throws IOException {
        Optional<ServerSideCopy> direct = capability(ServerSideCopy.class);
        if (direct.isPresent()) {
            return direct.get().copy(blobId);
        }
        try (InputStream in = open(blobId)) {
            BlobPut put = receive(in, Long.MAX_VALUE);
            return put.commit();
        }
    }

    /** Every committed blob id: the consistency check's full inventory (costly on object stores). */
    Set<String> list() throws IOException;

    /**
     * The ids of blobs committed from {@code from} up to {@code until}, both included (at least
     * those; a backend may answer more). The orphan sweep looks only at these: a blob can be
     * orphaned only by a crash between its commit and the database's, so old blobs need no look.
     */
    Set<String> committedBetween(Instant from, Instant until) throws IOException;

    /** The ids of blobs committed at or after {@code since}. */
    default Set<String> committedSince(Instant since) throws IOException {
        return committedBetween(since, Instant.MAX);
    }

    /**
     * What readiness reports: whether bytes can be stored now (an IOException saying why not), and
     * the space left in bytes (-1 when the backend cannot tell).
     */
    long probe() throws IOException;

    /**
     * Removes what interrupted puts older than {@code olderThan} left (temporary files, unfinished
     * multipart uploads); younger ones may belong to an upload in progress, on this or another
     * instance. Returns how many were removed.
     */
    default int sweepTemporary(Duration olderThan) throws IOException {
        return sweepTemporary(olderThan, Set.of());
    }

    /**
     * The same, sparing the names in {@code spared} (of {@link #temporary()}): those the open
     * upload transactions' suspended puts hold ({@link #heldBy}), whatever their age. An object
     * store dates a multipart upload by its start, so a long transaction looks old while it lives.
     */
    int sweepTemporary(Duration olderThan, Set<String> spared) throws IOException;

    /** Names of what puts in progress (or interrupted ones) hold. */
    Set<String> temporary() throws IOException;

    /**
     * The names of {@link #temporary()} that the suspended put {@code state} ({@link BlobPut#suspend})
     * holds; IllegalArgumentException when the state is not one of this backend's.
     */
    Set<String> heldBy(String state);

    /** An optional capability of this backend, e.g. {@code capability(LocalFiles.class)}. */
    default <T> Optional<T> capability(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }
}
