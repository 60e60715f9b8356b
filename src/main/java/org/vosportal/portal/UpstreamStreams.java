package org.vosportal.portal;

import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.vosportal.vospace.client.UpstreamException;

/**
 * Byte streams read from a service (package streams, files for the portal's own archives) and
 * copied into a response as they arrive. One pooled Vert.x client for all of them, so the
 * connections to a service are reused from one file to the next.
 */
@ApplicationScoped
public class UpstreamStreams {

    /** How long a service may take to start answering. */
    static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    Vertx vertx;

    /** The largest body chunk the client hands on (the server side's quarkus.http.limits.max-chunk-size). */
    static final int MAX_CHUNK = 64 * 1024;

    private volatile HttpClient client;

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    // archives of many files read several ahead, and several users download at once;
                    // bodies in chunks of up to 64 KiB (Netty's largest socket read) instead of the
                    // 8 KiB default: each chunk is one hand-off from the event loop to the copying
                    // worker, and at 8 KiB the hand-offs, not the bytes, set an archive's pace
                    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                            .setMaxChunkSize(MAX_CHUNK), new PoolOptions().setHttp1MaxSize(64));
                }
                c = client;
            }
        }
        return c;
    }

    /**
     * Sends GET {@code url} (with the bearer {@code token} when not null) and answers once the
     * headers are in, the body paused so that nothing flows before {@link #copy} asks for it.
     * Any status other than 200 becomes an {@link UpstreamException} with the service's message.
     */
    public CompletableFuture<HttpClientResponse> open(String url, String token, String what) {
        return open(url, token, what, null);
    }

    /**
     * As {@link #open}, asking for the first {@code bytes} bytes only ({@code Range}): a 206 is an
     * answer too, and so is a 200 (a service that ignores ranges; the caller stops reading).
     */
    public CompletableFuture<HttpClientResponse> openStart(String url, long bytes, String what) {
        return open(url, null, what, "bytes=0-" + (bytes - 1));
    }

    private CompletableFuture<HttpClientResponse> open(String url, String token, String what, String range) {
        RequestOptions opts = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .setFollowRedirects(token == null);
        if (token != null) {
            opts.addHeader("Authorization", "Bearer " + token);
        }
        if (range != null) {
            opts.addHeader("Range", range);
        }
        return client().request(opts).flatMap(req -> req.send())
                .invoke(HttpClientResponse::pause)
                .flatMap(resp -> {
                    if (resp.statusCode() == 200 || range != null && resp.statusCode() == 206) {
                        return io.smallrye.mutiny.Uni.createFrom().item(resp);
                    }
                    resp.resume();
                    return resp.body().map(body -> {
                        throw UpstreamException.fromBody(resp.statusCode(), body.toString());
                    });
                })
                .ifNoItem().after(HEADERS_TIMEOUT).failWith(() -> UpstreamException.unreachable(what, null))
                .subscribeAsCompletionStage();
    }

    /** Blocking: waits for {@link #open}, rethrowing the service's refusal as it came. */
    public HttpClientResponse await(CompletableFuture<HttpClientResponse> opening) {
        try {
            // the URL and the headers: each has its own timeout, this one is the last resort
            return opening.get(2 * HEADERS_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw UpstreamException.unreachable("the storage service", e.getCause());
        } catch (TimeoutException e) {
            discard(opening);
            throw UpstreamException.unreachable("the storage service", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discard(opening);
            throw UpstreamException.unreachable("the storage service", e);
        }
    }

    /**
     * Blocking: copies the (paused) body into {@code out} chunk by chunk, with back-pressure. If
     * the copy fails (the browser went away, the archive refused an entry), the upstream request
     * is reset, so its connection does not stay taken.
     */
    public static long copy(HttpClientResponse resp, OutputStream out) throws IOException {
        long n = 0;
        boolean complete = false;
        try {
            Iterator<Buffer> chunks = resp.toMulti().subscribe().asIterable().iterator();
            while (chunks.hasNext()) {
                byte[] b = chunks.next().getBytes();
                out.write(b);
                n += b.length;
            }
            complete = true;
            return n;
        } finally {
            if (!complete) {
                reset(resp);
            }
        }
    }

    /**
     * Blocking: at most {@code max} bytes of the (paused) body; when there are more, the rest is
     * not read (the upstream request is reset). {@code more[0]} says whether there were.
     */
    public static byte[] readAtMost(HttpClientResponse resp, int max, boolean[] more) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        boolean complete = false;
        try {
            Iterator<Buffer> chunks = resp.toMulti().subscribe().asIterable().iterator();
            while (chunks.hasNext()) {
                byte[] b = chunks.next().getBytes();
                int take = Math.min(b.length, max - out.size());
                out.write(b, 0, take);
                if (take < b.length || out.size() >= max && chunks.hasNext()) {
                    more[0] = true;
                    return out.toByteArray();
                }
            }
            complete = true;
            return out.toByteArray();
        } finally {
            if (!complete) {
                reset(resp);
            }
        }
    }

    /** Gives up on a response that will not be read to its end. */
    public static void reset(HttpClientResponse resp) {
        resp.request().reset();
    }

    /** Drops a response being opened that will not be read (an archive given up half way). */
    public static void discard(CompletableFuture<HttpClientResponse> opening) {
        opening.thenAccept(UpstreamStreams::reset);
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.closeAndForget();
        }
    }
}
