package org.vosportal.service.blob;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Bytes received but not yet committed. Holds the running digest so segments can be appended;
 * {@link #md5Hex()} reads a clone, leaving the running digest untouched.
 */
public final class PendingBlob {

    private final Path file;
    private final MessageDigest digest;
    private final long length;

    public PendingBlob(Path file, MessageDigest digest, long length) {
        this.file = file;
        this.digest = digest;
        this.length = length;
    }

    public Path file() {
        return file;
    }

    public long length() {
        return length;
    }

    /** A clone of the running digest (continue hashing from here). */
    public MessageDigest digestCopy() {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("MD5 digest not cloneable", e);
        }
    }

    public byte[] md5() {
        return digestCopy().digest();
    }

    public String md5Hex() {
        return HexFormat.of().formatHex(md5());
    }
}
