package org.vosportal.service.blob;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * One put transaction of a {@link BlobStore}: bytes appended in one or more pieces (the segments
 * of a resumable upload), hashed and counted on the way, made visible by {@link #commit} or
 * dropped by {@link #abort}. Not thread-safe: one append at a time (callers serialise).
 */
public interface BlobPut {

    /** Bytes received so far. */
    long length();

    /** A clone of the running MD5 (hashing may continue from it). */
    MessageDigest digest();

    default byte[] md5() {
        return digest().digest();
    }

    default String md5Hex() {
        return HexFormat.of().formatHex(md5());
    }

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

    /** Drops the bytes (a failed, refused or abandoned upload). Never throws; harmless twice or after commit. */
    void abort();

    /** The name of what holds the bytes meanwhile (as {@link BlobStore#temporary} lists it). */
    String name();

    /** A fresh MD5 digest. */
    static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clone of {@code md} (the JDK's MD5 is cloneable). */
    static MessageDigest copyOf(MessageDigest md) {
        try {
            return (MessageDigest) md.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("MD5 digest not cloneable", e);
        }
    }
}
