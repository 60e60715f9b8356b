package org.vosportal;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.regex.Pattern;
import org.vosportal.portal.PortalRefusals;
import org.vosportal.service.ServiceConfig;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.VosFault;

/**
 * Every request body but the uploads' is small, and is refused with 413 before it is read.
 * {@code quarkus.http.limits.max-body-size} has to stay huge because uploads stream; without this
 * route a JAX-RS parameter such as {@code String body} read 600 MB into the heap before anything
 * looked at it. A declared {@code Content-Length} over the limit is refused at once; a chunked
 * body is read here (never more than the limit) and refused as soon as it passes it. The refused
 * connection is closed after a short linger, so the rest of the body is never read.
 *
 * <p>Not Vert.x's {@code BodyHandler}: it keeps reading (and dropping) a refused body to its end
 * and answers through Quarkus' error page instead of a VOSpace fault or the portal's words.
 */
@ApplicationScoped
public class BodyLimits {

    /** Before authentication (-200) and every other route: a refusal costs nothing. */
    static final int ORDER = -1000;

    /** What a refused connection still reads (so the client sees the answer) before it is closed. */
    static final long LINGER_BYTES = 4L * 1024 * 1024;
    static final long LINGER_MILLIS = 1000;

    /** The byte endpoints: the service's pre-authorised PUT and the portal's upload routes. */
    private static final Pattern UPLOADS = Pattern.compile("/vault/preauth/.*|/storage/[^/]+/uploads?/.+");

    @Inject
    ServiceConfig config;

    @Inject
    PortalRefusals portal;

    /** Where {@link #check} leaves the limit of a body JAX-RS has to count itself. */
    static final String LIMIT_KEY = BodyLimits.class.getName() + ".limit";

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
        // after Quarkus' body-size route (order -2), before every resource
        router.route().order(-1).handler(ctx -> {
            Long limit = ctx.get(LIMIT_KEY);
            if (limit != null) {
                ctx.put("io.quarkus.max-request-size", limit);
            }
            ctx.next();
        });
    }

    /** The largest body {@code ctx}'s request may carry, or -1 for an upload (no limit here). */
    long limitFor(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        // the path the router matches routes with, so no spelling of a path can pick another limit
        if (req.method() == HttpMethod.PUT && UPLOADS.matcher(ctx.normalizedPath()).matches()) {
            return -1;
        }
        String type = req.getHeader("Content-Type");
        type = type == null ? "" : type.toLowerCase(Locale.ROOT);
        boolean form = type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/");
        return form ? config.maxFormBytes() : config.maxXmlBytes();
    }

    void check(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        long limit = limitFor(ctx);
        if (limit < 0 || req.isEnded()) {
            ctx.next();
            return;
        }
        String length = req.getHeader("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = Long.MAX_VALUE; // Vert.x refuses it anyway; never read it
            }
            if (declared > limit) {
                tooLarge(ctx, limit);
            } else {
                ctx.next(); // the connection delivers exactly that many bytes
            }
            return;
        }
        boolean http1 = req.version() != HttpVersion.HTTP_2;
        String coding = req.getHeader("Transfer-Encoding");
        if (http1 && (coding == null || !coding.toLowerCase(Locale.ROOT).contains("chunked"))) {
            ctx.next(); // neither a length nor chunks: no body
            return;
        }
        if (!http1) {
            // HTTP/2 without a length: a body read here would end the request, and JAX-RS then
            // fails on it (Http2ServerRequest refuses a pause after the end). JAX-RS's own input
            // stream counts instead, against Quarkus' key (413 and close when passed); set again
            // after Quarkus' own route has set it to max-body-size. Browsers and the VOSpace
            // clients send the length of these small bodies anyway.
            ctx.put(LIMIT_KEY, limit);
            ctx.next();
            return;
        }
        // chunked: counted (and kept, at most the limit) here; JAX-RS reads the kept body
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        req.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                refused[0] = true;
                tooLarge(ctx, limit);
            } else {
                body.appendBuffer(chunk);
            }
        });
        req.endHandler(v -> {
            if (!refused[0]) {
                ((RoutingContextInternal) ctx).setBody(body);
                ctx.next();
            }
        });
        req.resume();
    }

    private void tooLarge(RoutingContext ctx, long limit) {
        refuse(ctx, 413, "request body larger than " + limit + " bytes", "Too large",
                "What you sent is larger than " + limit / 1024 + " KiB, more than this form accepts. Nothing was changed.");
    }

    /** Answers {@code status} (VOSpace fault text on /vault, the portal's page on /storage) and closes. */
    private void refuse(RoutingContext ctx, int status, String detail, String title, String words) {
        HttpServerRequest req = ctx.request();
        if (ctx.response().headWritten()) {
            req.connection().close();
            return;
        }
        boolean http1 = req.version() != HttpVersion.HTTP_2;
        if (http1) {
            ctx.response().putHeader("Connection", "close");
        }
        io.vertx.core.Future<Void> sent = ctx.normalizedPath().startsWith("/storage")
                ? portal.answer(req, status, title, words, false)
                : ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end(new VosFault(status == 413 ? Fault.RequestEntityTooLarge : Fault.InvalidArgument,
                                detail).body());
        // HTTP/2: the other streams of the connection live on; the rest of this body is dropped
        sent.onComplete(done -> {
            if (http1) {
                closeAfterLinger(ctx);
            } else if (!req.isEnded()) {
                req.handler(dropped -> {
                });
                req.resume();
            }
        });
    }

    /**
     * Closes a refused request's connection once the answer is sent, after reading a little more
     * of its body into nothing: a connection closed with unread bytes is reset, and a reset can
     * destroy the answer before the client reads it.
     */
    public static void closeAfterLinger(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        if (req.isEnded()) {
            req.connection().close();
            return;
        }
        long[] dropped = {0};
        long timer = ctx.vertx().setTimer(LINGER_MILLIS, t -> req.connection().close());
        req.handler(chunk -> {
            dropped[0] += chunk.length();
            if (dropped[0] > LINGER_BYTES) {
                ctx.vertx().cancelTimer(timer);
                req.connection().close();
            }
        });
        req.endHandler(v -> {
            ctx.vertx().cancelTimer(timer);
            req.connection().close();
        });
        req.resume();
    }
}
