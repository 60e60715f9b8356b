package org.vosportal.service.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * Immutable content blobs. Bytes arrive into a temporary {@link PendingBlob} (MD5 and length
 * computed while streaming) that becomes visible only through {@link #commit}: an interrupted
 * upload never replaces anything. Committed blobs are never modified, so copies can share bytes.
 */
public interface BlobStore {

    /**
     * Streams {@code in} into a new temporary blob. Reading stops with {@link BlobTooLargeException}
     * once more than {@code maxBytes} arrive, and the temporary file is removed.
     */
    PendingBlob receive(InputStream in, long maxBytes) throws IOException;

    /** Starts an empty pending blob that segments are appended to (segmented upload). */
    PendingBlob begin() throws IOException;

    /** Appends to a pending blob, updating its running MD5 and length. */
    PendingBlob append(PendingBlob pending, InputStream in, long maxBytes) throws IOException;

    /** Truncates a pending blob back to an earlier state of itself (segment revert). */
    PendingBlob revert(PendingBlob pending, PendingBlob earlier) throws IOException;

    /** Makes a pending blob permanent and returns its blob id. */
    String commit(PendingBlob pending) throws IOException;

    /** Drops a pending blob (failed or aborted upload). Never throws. */
    void discard(PendingBlob pending);

    /** Where a committed blob's bytes are (for zero-copy sending). */
    Path path(String blobId);

    InputStream open(String blobId) throws IOException;

    /** Deletes a committed blob; missing blobs are ignored. */
    void delete(String blobId);

    /** A new blob id with the same bytes (a hard link where the file system allows). */
    String copy(String blobId) throws IOException;

    /** All committed blob ids (for the start-up sweep of orphans). */
    Set<String> list() throws IOException;

    /**
     * What readiness reports: whether bytes can be stored now (an IOException saying why not), and
     * the space left in bytes (-1 when the backend cannot tell).
     */
    long probe() throws IOException;

    /** Removes every temporary file left by interrupted uploads. Returns how many were removed. */
    int sweepTemporary() throws IOException;

    /** Names of the temporary files of uploads in progress (or left by interrupted ones). */
    Set<String> temporary() throws IOException;
}
