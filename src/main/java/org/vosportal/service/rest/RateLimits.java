package org.vosportal.service.rest;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.vosportal.service.ServiceConfig;

/**
 * Minimum rates of the streams that hold a worker thread: upload bodies (see
 * {@link RequestBodyStream}) and package downloads. A package is written by a worker into a
 * blocking stream; a reader that takes nothing would hold that worker for as long as it keeps
 * the connection open. {@link #guard} closes the connection when one write stays blocked for a
 * whole window, which ends the write with an IOException and frees the worker.
 */
@ApplicationScoped
public class RateLimits {

    @Inject
    ServiceConfig config;

    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "write-deadlines");
        t.setDaemon(true);
        return t;
    });

    void start(@Observes StartupEvent ev) {
        RequestBodyStream.minimumRate(config.rates().uploadMinBytes(), config.rates().window().toMillis());
    }

    void stop(@Observes ShutdownEvent ev) {
        ticks.shutdownNow();
    }

    /**
     * {@code out} with a write deadline; {@link Guarded#stop} when the writing is over.
     * {@code connection} is the request's own (not a request-scoped proxy, which the tick thread
     * could not use).
     */
    public Guarded guard(OutputStream out, HttpConnection connection) {
        return new Guarded(out, connection, config.rates().window().toMillis());
    }

    /** An output whose connection is closed when a write blocks longer than the window. */
    public final class Guarded extends OutputStream {

        private final OutputStream out;
        private final long windowMillis;
        /** When the write in progress began (0: none); read by the tick thread. */
        private volatile long writeSince;
        private final ScheduledFuture<?> tick;

        Guarded(OutputStream out, HttpConnection connection, long windowMillis) {
            this.out = out;
            this.windowMillis = windowMillis;
            long period = Math.max(100, windowMillis / 4);
            this.tick = ticks.scheduleAtFixedRate(() -> {
                long since = writeSince;
                if (since != 0 && System.currentTimeMillis() - since >= windowMillis) {
                    connection.close(); // the blocked write fails, the worker is free
                }
            }, period, period, TimeUnit.MILLISECONDS);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writeSince = System.currentTimeMillis();
            try {
                out.write(b, off, len);
            } finally {
                writeSince = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            writeSince = System.currentTimeMillis();
            try {
                out.flush();
            } finally {
                writeSince = 0;
            }
        }

        /** Ends the deadline (the response's own stream is closed by its owner). */
        public void stop() {
            tick.cancel(false);
        }

        @Override
        public void close() throws IOException {
            stop();
            out.close();
        }
    }
}
