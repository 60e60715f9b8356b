package org.vosportal.service.blob;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.MD5Digest;

/**
 * The running MD5 of a put. Two kinds: {@link #fast()} (the JDK's, about twice as fast thanks to
 * its intrinsic, but its state cannot leave the JVM) and {@link #resumable()} (BouncyCastle's,
 * whose state {@link #state()} saves, so a segmented upload can go on on another instance, the way
 * opencadc's put transactions keep theirs). A fast digest saves only its value: restored, it can
 * still answer {@link #value()} but takes no more bytes.
 */
public abstract sealed class Md5 {

    private static final String RESUMABLE = "bc:";
    private static final String FINAL = "md5:";
    /** BouncyCastle's state of an empty digest; a running one adds 4 bytes per buffered word. */
    private static final int EMPTY_STATE_LENGTH = new MD5Digest().getEncodedState().length;

    public static Md5 fast() {
        try {
            return new Fast(MessageDigest.getInstance("MD5"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Md5 resumable() {
        return new Resumable(new MD5Digest());
    }

    /** The digest {@link #state()} saved; an IllegalArgumentException for any other text. */
    public static Md5 restore(String state) {
        try {
            if (state.startsWith(RESUMABLE)) {
                byte[] encoded = Base64.getDecoder().decode(state.substring(RESUMABLE.length()));
                int words = (encoded.length - EMPTY_STATE_LENGTH) / 4; // of the 16 of a block yet to be hashed
                if (encoded.length < EMPTY_STATE_LENGTH || (encoded.length - EMPTY_STATE_LENGTH) % 4 != 0 || words > 15) {
                    throw new IllegalArgumentException("wrong length");
                }
                return new Resumable(new MD5Digest(encoded));
            }
            if (state.startsWith(FINAL) && state.length() == FINAL.length() + 32) {
                return new Frozen(HexFormat.of().parseHex(state.substring(FINAL.length())));
            }
        } catch (RuntimeException e) { // BouncyCastle reads a short or odd state out of bounds
            throw new IllegalArgumentException("not a saved MD5 state: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("not a saved MD5 state");
    }

    /** Hashes {@code len} bytes of {@code b} from {@code off}. */
    public abstract void update(byte[] b, int off, int len);

    /** An independent copy (hashing may go on in either). */
    public abstract Md5 copy();

    /** The MD5 of the bytes so far; hashing may go on after it. */
    public abstract byte[] value();

    public String hex() {
        return HexFormat.of().formatHex(value());
    }

    /** Whether this digest can hash more bytes (all can but one restored from a fast digest's value). */
    public boolean takesBytes() {
        return true;
    }

    /** Whether more bytes can be hashed after {@link #restore} of this digest's {@link #state()}. */
    public boolean savesRunningState() {
        return false;
    }

    /** Text {@link #restore} makes an equal digest of: the running state, or for a fast digest its value. */
    public String state() {
        return FINAL + hex();
    }

    private static final class Fast extends Md5 {
        private final MessageDigest md;

        Fast(MessageDigest md) {
            this.md = md;
        }

        @Override
        public void update(byte[] b, int off, int len) {
            md.update(b, off, len);
        }

        @Override
        public Md5 copy() {
            return new Fast(running());
        }

        @Override
        public byte[] value() {
            return running().digest();
        }

        /** A copy of the running digest (the JDK's MD5 is cloneable). */
        private MessageDigest running() {
            try {
                return (MessageDigest) md.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("MD5 digest not cloneable", e);
            }
        }
    }

    private static final class Resumable extends Md5 {
        private final MD5Digest md;

        Resumable(MD5Digest md) {
            this.md = md;
        }

        @Override
        public void update(byte[] b, int off, int len) {
            md.update(b, off, len);
        }

        @Override
        public Md5 copy() {
            return new Resumable(new MD5Digest(md));
        }

        @Override
        public byte[] value() {
            byte[] out = new byte[16];
            new MD5Digest(md).doFinal(out, 0);
            return out;
        }

        @Override
        public boolean savesRunningState() {
            return true;
        }

        @Override
        public String state() {
            return RESUMABLE + Base64.getEncoder().encodeToString(md.getEncodedState());
        }
    }

    /** A fast digest restored on another instance: its value only. */
    private static final class Frozen extends Md5 {
        private final byte[] value;

        Frozen(byte[] value) {
            this.value = value;
        }

        @Override
        public void update(byte[] b, int off, int len) {
            if (len > 0) {
                throw new IllegalStateException("this put was resumed from its MD5 value alone: it takes no more bytes");
            }
        }

        @Override
        public Md5 copy() {
            return this;
        }

        @Override
        public boolean takesBytes() {
            return false;
        }

        @Override
        public byte[] value() {
            return value.clone();
        }
    }
}
