package org.vosportal.service.rest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * An upload's body as a blocking stream for the worker thread, filled by the event loop up to
 * {@link #READ_AHEAD} bytes ahead of the reader. Quarkus REST's own body stream asks the event
 * loop for one chunk at a time, so the worker (MD5 and file write) and the socket took turns
 * instead of working at once; with a read-ahead they overlap. Back-pressure stays: the request
 * is paused while the read-ahead is full and resumed once the reader has taken half of it.
 * {@link #close} drops what an upload refused or failed half way did not read, so the connection
 * is not left paused with a body in it.
 *
 * <p>A body that arrives slower than a minimum rate ({@link #minimumRate}: fewer bytes than that
 * in a window while the reader waits for more, the read-ahead never full) is cut with
 * {@link SlowBodyException} (408), and its connection closed: a client trickling bytes would
 * otherwise hold a worker thread for as long as it likes.
 */
final class RequestBodyStream extends InputStream {

    /** Bytes the event loop may read ahead of the worker (chunks are at most 64 KiB). */
    static final long READ_AHEAD = 1024 * 1024;

    /** Longest wait for the next chunk: a client that stops sending fails the upload. */
    static final long IDLE_MILLIS = 60_000;

    /** The minimum rate: bytes per window (set once at start from the configuration). */
    private static volatile long minBytes = 64 * 1024;
    private static volatile long windowMillis = 30_000;

    static void minimumRate(long bytes, long millis) {
        minBytes = bytes;
        windowMillis = millis;
    }

    private final HttpServerRequest request;
    private long received;
    private long checkpointBytes;
    private long checkpointAt = System.currentTimeMillis();
    /** The read-ahead was full (the reader, not the client, was slow) since the checkpoint. */
    private boolean pausedSinceCheckpoint;
    private boolean cut;
    private final ArrayDeque<Buffer> chunks = new ArrayDeque<>();
    private long queued;
    private boolean paused;
    private boolean ended;
    private Throwable failure;
    private Buffer current;
    private int position;

    private RequestBodyStream(HttpServerRequest request) {
        this.request = request;
    }

    /** Starts reading the body of {@code request}; call once, before anything else reads it. */
    static RequestBodyStream of(HttpServerRequest request) {
        RequestBodyStream s = new RequestBodyStream(request);
        if (request.isEnded()) {
            s.ended = true; // no body (or an empty one)
            return s;
        }
        request.handler(s::arrived);
        request.exceptionHandler(s::failed);
        request.endHandler(v -> s.finished());
        request.resume();
        return s;
    }

    private synchronized void arrived(Buffer chunk) {
        if (chunk.length() == 0) {
            return;
        }
        chunks.add(chunk);
        queued += chunk.length();
        received += chunk.length();
        if (!paused && queued >= READ_AHEAD) {
            paused = true;
            pausedSinceCheckpoint = true;
            request.pause();
        }
        notifyAll();
    }

    private synchronized void finished() {
        ended = true;
        notifyAll();
    }

    private synchronized void failed(Throwable t) {
        failure = t;
        notifyAll();
    }

    /** Drops the queued chunks and reads the rest of the body into nothing. */
    @Override
    public void close() {
        synchronized (this) {
            chunks.clear();
            queued = 0;
            current = null;
            if (ended || failure != null) {
                return;
            }
            ended = true;
        }
        if (cut) {
            closeAfterAnswer();
            return;
        }
        try {
            if (!request.isEnded()) {
                request.handler(chunk -> {
                    // the rest of a body nobody reads
                });
                request.resume();
            }
        } catch (IllegalStateException endedMeanwhile) {
            // the body ended on the event loop between the check and here: nothing left to drop.
            // Never thrown on: a close must not turn an answered request into a failure.
        }
    }

    /**
     * A cut body is not read on: the answer goes out with {@code Connection: close}, and the
     * connection is closed at the first byte that still arrives after it (the idle timeout
     * closes it if none does).
     */
    private void closeAfterAnswer() {
        try {
            request.response().putHeader("Connection", "close");
            request.handler(chunk -> {
                if (request.response().ended()) {
                    request.connection().close();
                }
            });
            request.resume();
        } catch (IllegalStateException endedMeanwhile) {
            // nothing left to drop
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] dst, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!nextChunk()) {
            return -1;
        }
        int n = Math.min(len, current.length() - position);
        current.getBytes(position, position + n, dst, off);
        position += n;
        return n;
    }

    /** Makes {@link #current} a chunk with bytes left; false at the end of the body. */
    private synchronized boolean nextChunk() throws IOException {
        long deadline = System.currentTimeMillis() + IDLE_MILLIS;
        while (current == null || position == current.length()) {
            current = chunks.poll();
            position = 0;
            if (current != null) {
                queued -= current.length();
                if (paused && queued <= READ_AHEAD / 2) {
                    paused = false;
                    request.resume();
                }
                continue;
            }
            if (failure != null) {
                throw failure instanceof IOException io ? io : new IOException(failure);
            }
            if (ended) {
                return false;
            }
            if (request.response().closed()) {
                // the connection went away before this stream's handlers were attached (an early
                // route ran first), so no exception or end event will ever come: fail now
                throw new IOException("the client closed the connection");
            }
            long now = System.currentTimeMillis();
            long left = deadline - now;
            if (left <= 0) {
                throw new IOException("the client sent nothing for " + IDLE_MILLIS / 1000 + " s");
            }
            long window = windowMillis;
            if (now - checkpointAt >= window) {
                if (!pausedSinceCheckpoint && received - checkpointBytes < minBytes) {
                    cut = true;
                    throw new SlowBodyException(received - checkpointBytes, window);
                }
                checkpointAt = now;
                checkpointBytes = received;
                pausedSinceCheckpoint = paused;
            }
            try {
                // at most a second at a time: a closed connection is noticed soon (see above)
                wait(Math.max(1, Math.min(1000, Math.min(left, checkpointAt + window - now))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("upload interrupted");
            }
        }
        return true;
    }
}
