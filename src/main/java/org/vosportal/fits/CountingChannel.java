package org.vosportal.fits;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only view of a seekable channel that counts the bytes read through it: the FITS views
 * promise to read only what they need (a header, the rows of a cutout), and this is how the
 * tests and the benchmarks check it. Any byte store that can answer ranged reads can stand
 * behind a {@link SeekableByteChannel}.
 */
public final class CountingChannel implements SeekableByteChannel {

    private final SeekableByteChannel in;
    private long read;

    public CountingChannel(SeekableByteChannel in) {
        this.in = in;
    }

    /** Bytes read so far. */
    public long bytesRead() {
        return read;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = in.read(dst);
        if (n > 0) {
            read += n;
        }
        return n;
    }

    /** Reads exactly {@code dst.remaining()} bytes at {@code pos}; a short file is a refusal, not a hang. */
    public void readFully(long pos, ByteBuffer dst) throws IOException {
        in.position(pos);
        while (dst.hasRemaining()) {
            if (read(dst) < 0) {
                throw new FitsRefusal("the file ends before its data does (truncated FITS file)");
            }
        }
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
        return in.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        in.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return in.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return in.isOpen();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
