package org.vosportal.portal;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * Refuses an unsafe request under {@code /storage} that a browser says comes from another site
 * ({@code Sec-Fetch-Site} other than same-origin, or an {@code Origin} that is not the portal's),
 * with 403 and a page in plain words, before anything else happens: before the body is read,
 * before a login is looked at, before any upstream call, for the JAX-RS resources and the
 * streamed upload routes alike. Clients that send neither header (curl, scripts) are left to the
 * token check ({@link CsrfTokens}).
 */
@ApplicationScoped
public class CrossSiteRequests {

    static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Inject
    PortalOrigin origin;

    @Inject
    PortalRefusals refusals;

    void register(@Observes Router router) {
        router.route().order(-300).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        if (SAFE.contains(req.method()) || !(PortalPaths.isPortal(req.path()) || PortalPaths.isPortal(ctx.normalizedPath()))
                || !isCrossSite(req)) {
            ctx.next();
            return;
        }
        if (ctx.response().ended()) {
            return;
        }
        if (!req.isEnded()) {
            req.resume(); // the unread body is dropped with the connection
        }
        ctx.response().putHeader("Connection", "close");
        refusals.answer(req, 403, Messages.get().titleDenied(), Messages.get().crossSite(), false);
    }

    boolean isCrossSite(HttpServerRequest req) {
        String site = req.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return true; // same-site (a sibling sub-domain) is another site to the portal too
        }
        String o = req.getHeader("Origin");
        return o != null && !origin.isOwn(req, o);
    }
}
