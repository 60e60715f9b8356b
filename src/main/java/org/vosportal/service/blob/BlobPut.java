package org.vosportal.service.blob;

import java.io.IOException;
import java.io.InputStream;

/**
 * One put transaction of a {@link BlobStore}: bytes appended in one or more pieces (the segments
 * of a resumable upload), hashed and counted on the way, made visible by {@link #commit} or
 * dropped by {@link #abort}. Not thread-safe: one append at a time (callers serialise).
 */
public interface BlobPut {

    /** Bytes received so far. */
    long length();

    /** The MD5 of the bytes so far. */
    byte[] md5();

    default String md5Hex() {
        return java.util.HexFormat.of().formatHex(md5());
    }

    /**
     * Whether {@link #append} can take more bytes: false only for a put resumed from the state of
     * a {@link BlobStore#begin} put (whose fast MD5 saved its value, not its running state).
     */
    boolean appendable();

    /**
     * Appends {@code in} to its end, while the total stays at most {@code maxBytes}
     * ({@link BlobTooLargeException}). When the append fails nothing of it is kept: the put is
     * as it was before.
     */
    void append(InputStream in, long maxBytes) throws IOException;

    /** Whether there is a last append to undo. */
    boolean canUndo();

    /** Removes the bytes of the last successful append (a segment revert); once per append. */
    void undoLastAppend() throws IOException;

    /** Makes the bytes a committed blob and returns its id; the put is finished. */
    String commit() throws IOException;

    /**
     * Drops the bytes (a failed, refused or abandoned upload). Never throws; harmless twice, after
     * commit, and after {@link #release} (then it drops nothing: the put is the resumer's).
     */
    void abort();

    /** The name of what holds the bytes meanwhile (as {@link BlobStore#temporary} lists it). */
    String name();

    /**
     * Saves what another instance needs to go on with this put and returns it as text for
     * {@link BlobStore#resume}: length, MD5 state, the state an undo returns to, and whatever the
     * backend keeps (the temporary file's name; on S3 the multipart upload, its parts, and the
     * spool's tail, which this uploads). The put stays usable here; the next append, undo, commit
     * or abort, here or on the instance that resumed it, makes this text stale. An
     * IllegalStateException once the put is finished or released.
     */
    String suspend() throws IOException;

    /**
     * Lets go of what this instance holds for the put (local spool files, open handles) and
     * nothing else: the put lives on where it was resumed from {@link #suspend}'s text. After it
     * {@link #append}, {@link #undoLastAppend}, {@link #commit} and {@link #suspend} are an
     * IllegalStateException and {@link #abort} does nothing.
     */
    void release();
}
