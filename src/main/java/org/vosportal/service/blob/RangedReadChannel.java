package org.vosportal.service.blob;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only {@link SeekableByteChannel} over ranged reads of a blob (an HTTP {@code Range}
 * GET on an object store). Small reads are served from one read-ahead window, so the FITS
 * views' 2,880-byte header blocks and short pixel runs cost one request per window, not one per
 * read; a read larger than the window goes straight into the caller's buffer.
 */
public final class RangedReadChannel implements SeekableByteChannel {

    /** Opens a stream of {@code length} bytes from {@code offset}. */
    @FunctionalInterface
    public interface RangeReader {
        InputStream open(long offset, long length) throws IOException;
    }

    private final RangeReader reader;
    private final long size;
    private final byte[] window;
    private long windowStart = -1;
    private int windowLength;
    private long position;
    private boolean open = true;
    private long requests;

    public RangedReadChannel(RangeReader reader, long size, int windowBytes) {
        this.reader = reader;
        this.size = size;
        this.window = new byte[windowBytes];
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (position >= size) {
            return -1;
        }
        int want = (int) Math.min(dst.remaining(), size - position);
        if (want == 0) {
            return 0;
        }
        if (!inWindow(position)) {
            if (want > window.length) { // a big read: no copy through the window
                fetch(position, want, dst);
                position += want;
                return want;
            }
            int len = (int) Math.min(window.length, size - position);
            try (InputStream in = reader.open(position, len)) {
                requests++;
                readFully(in, window, len);
            }
            windowStart = position;
            windowLength = len;
        }
        int from = (int) (position - windowStart);
        int n = Math.min(want, windowLength - from);
        dst.put(window, from, n);
        position += n;
        return n;
    }

    private boolean inWindow(long pos) {
        return windowStart >= 0 && pos >= windowStart && pos < windowStart + windowLength;
    }

    private void fetch(long from, int len, ByteBuffer dst) throws IOException {
        byte[] chunk = new byte[Math.min(len, 1 << 16)];
        try (InputStream in = reader.open(from, len)) {
            requests++;
            for (int left = len; left > 0; ) {
                int n = in.read(chunk, 0, Math.min(chunk.length, left));
                if (n < 0) {
                    throw new EOFException("the blob ended " + left + " bytes early");
                }
                dst.put(chunk, 0, n);
                left -= n;
            }
        }
    }

    private static void readFully(InputStream in, byte[] into, int len) throws IOException {
        int got = in.readNBytes(into, 0, len);
        if (got < len) {
            throw new EOFException("the blob ended " + (len - got) + " bytes early");
        }
    }

    /** How many ranged reads this channel made (the tests and benches count them). */
    public long requests() {
        return requests;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long s) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
