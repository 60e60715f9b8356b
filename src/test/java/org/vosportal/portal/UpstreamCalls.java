package org.vosportal.portal;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test-only: counts the requests the embedded VOSpace service receives, so a portal test can
 * assert that a refused request made no upstream call at all (the portal reaches the service
 * only over HTTP, never in-process).
 */
@ApplicationScoped
public class UpstreamCalls {

    private static final AtomicLong COUNT = new AtomicLong();

    void register(@Observes Router router) {
        router.route().order(-1000).handler(ctx -> {
            if (ctx.request().path().startsWith("/vault")) {
                COUNT.incrementAndGet();
            }
            ctx.next();
        });
    }

    /** The number of service requests so far. */
    public static long count() {
        return COUNT.get();
    }
}
