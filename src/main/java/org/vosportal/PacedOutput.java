package org.vosportal;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a worker that streams a large response from running ahead of its connection. The
 * response stream waits while Vert.x says the connection's write queue is full, but that flag is
 * only updated on the event loop: a worker's writes are queued as tasks for the loop, and while
 * the loop is busy (a loaded machine) the flag stays "writable" and a whole package can pile up
 * in direct memory (the soak filled 256 MiB this way; H2 then failed to write and closed the
 * database). The service's packages, listings and FITS views and the portal's archives and
 * cutouts write through it. Every {@link #STRIDE} bytes this stream therefore waits until the loop has run
 * everything queued before it, so the flag is true again before more is written: at most one
 * stride per response is ever queued unseen.
 */
public final class PacedOutput extends FilterOutputStream {

    static final int STRIDE = 256 * 1024;
    /** A loop that does not get to us in this time is stuck; the write deadline handles that. */
    private static final long MAX_WAIT_SECONDS = 30;

    private final Context loop;
    private long sinceSync;

    private PacedOutput(OutputStream out, Context loop) {
        super(out);
        this.loop = loop;
    }

    /** {@code out} paced against the event loop of the calling request, or {@code out} itself outside one. */
    public static OutputStream around(OutputStream out) {
        Context c = Vertx.currentContext();
        return c == null || !c.isEventLoopContext() ? out : new PacedOutput(out, c);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        advance(1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        advance(len);
    }

    private void advance(int n) throws IOException {
        sinceSync += n;
        if (sinceSync >= STRIDE) {
            sinceSync = 0;
            out.flush();
            CountDownLatch ran = new CountDownLatch(1);
            loop.runOnContext(v -> ran.countDown());
            try {
                ran.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the connection caught up", e);
            }
        }
    }
}
