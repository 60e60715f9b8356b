package org.vosportal.portal;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vosportal.BodyLimits;

/**
 * Uploads and archives hold a connection to the service (and an archive a worker thread) for as
 * long as the browser sends or reads: each user may have only so many at once
 * ({@code portal.limits.streams-per-user}; anonymous visitors counted per address), the next one
 * is refused with 429 and plain words. So one user cannot take what everyone else needs.
 */
@ApplicationScoped
public class PortalStreamLimits {

    /** After authentication (-200), before the upload routes (-100) and JAX-RS. */
    static final int ORDER = -150;

    @Inject
    PortalConfig config;

    @Inject
    PortalRefusals refusals;

    private final Map<String, Integer> active = new ConcurrentHashMap<>();

    void register(@Observes Router router) {
        router.putWithRegex("/storage/[^/]+/uploads?/.+").order(ORDER).handler(ctx -> limit(ctx, true));
        router.postWithRegex("/storage/[^/]+/selection/(archive|assemble)").order(ORDER).handler(ctx -> limit(ctx, false));
    }

    void limit(RoutingContext ctx, boolean upload) {
        ctx.request().pause(); // nothing is read until we know whose request it is
        Context here = Vertx.currentContext();
        QuarkusHttpUser.getSecurityIdentity(ctx, null).subscribe().with(
                identity -> here.runOnContext(v -> admit(ctx, whoIs(identity, ctx), upload)),
                err -> here.runOnContext(v -> ctx.next())); // the route itself answers a dead session
    }

    private static String whoIs(SecurityIdentity identity, RoutingContext ctx) {
        String user = PortalUser.nameOf(identity);
        return user != null ? "user:" + user : "anonymous:" + ctx.request().remoteAddress().hostAddress();
    }

    private void admit(RoutingContext ctx, String who, boolean upload) {
        int perUser = config.limits().streamsPerUser();
        if (active.merge(who, 1, Integer::sum) > perUser) {
            release(who);
            ctx.response().putHeader("Retry-After", "10");
            boolean http1 = ctx.request().version() != io.vertx.core.http.HttpVersion.HTTP_2;
            if (http1) {
                ctx.response().putHeader("Connection", "close");
            }
            PortalMessages msg = Messages.get();
            String words = upload ? msg.tooManyUploads(perUser) : msg.tooManyDownloads(perUser);
            refusals.answer(ctx.request(), 429, msg.titleTooMany(), words, upload)
                    .onComplete(done -> {
                        if (http1) {
                            BodyLimits.closeAfterLinger(ctx);
                        } else {
                            ctx.request().resume(); // dropped: no handler reads it
                        }
                    });
            return;
        }
        ctx.addEndHandler(done -> release(who));
        ctx.next();
    }

    private void release(String who) {
        active.computeIfPresent(who, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Streams {@code user} has open now (for tests). */
    public int active(String user) {
        return active.getOrDefault("user:" + user, 0);
    }
}
