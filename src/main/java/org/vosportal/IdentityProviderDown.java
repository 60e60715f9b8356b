package org.vosportal;

import io.quarkus.oidc.OIDCException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.vosportal.portal.PortalRefusals;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.VosFault;

/**
 * Keycloak cannot be reached (stopped, restarting, not yet up when the application started).
 * What needs no call to it keeps working: anonymous access, and tokens and portal sessions whose
 * keys are already known. What needs it (checking a token before the realm's keys were fetched,
 * starting a login, exchanging the code on the way back) answers 503 with {@code Retry-After},
 * in words, instead of Quarkus' 500 or a login loop; Quarkus retries the realm on the next
 * request, so the service recovers without a restart.
 */
@ApplicationScoped
public class IdentityProviderDown {

    private static final Logger LOG = Logger.getLogger(IdentityProviderDown.class);
    static final String RETRY_AFTER = "30";
    static final String PORTAL_TITLE = "Login unavailable";
    static final String PORTAL_MESSAGE = "The login service cannot be reached right now, so you cannot log in or"
            + " refresh your session. Public folders still open without logging in. Please try again in a minute.";

    @Inject
    PortalRefusals portal;

    @Inject
    io.vertx.core.Vertx vertx;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.oidc.portal.auth-server-url")
    String realm;

    private io.vertx.core.http.HttpClient probes;
    /** The last probe's answer and when it was got: a login start looks at most once a few seconds. */
    private volatile long probedAt;
    private volatile boolean reachable = true;
    public static final long PROBE_MILLIS = 3000;

    /**
     * Whether {@code e} is an identity-provider outage, not a bad credential: Quarkus says the
     * server "is not available", or an OIDC failure was caused by a connection that could not be
     * made. An {@link OIDCException} alone is not enough: an opaque or forged token raises one too.
     */
    public static boolean isOutage(Throwable e) {
        boolean oidc = false;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c.getMessage() != null && c.getMessage().contains("OIDC Server is not available")) {
                return true;
            }
            oidc |= c instanceof OIDCException;
            if (oidc && (c instanceof java.net.ConnectException || c instanceof java.net.NoRouteToHostException
                    || c instanceof java.net.UnknownHostException || c instanceof java.util.concurrent.TimeoutException
                    || c instanceof io.netty.channel.ConnectTimeoutException)) {
                return true;
            }
        }
        return false;
    }

    /** The service's answer: a VOSpace ServiceBusy fault (503, Retry-After). */
    public static VosFault serviceFault() {
        return new VosFault(Fault.ServiceBusy, "the identity provider cannot be reached to check the token;"
                + " try again shortly");
    }

    /** Failures of the authentication mechanisms themselves, and the start of a login. */
    void register(@Observes Router router) {
        probes = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setConnectTimeout(2000)
                .setIdleTimeout(5));
        // Quarkus answers a login it cannot send to Keycloak, and a return from Keycloak whose code
        // it cannot exchange, with a bare 401: look first
        router.get("/storage/login").order(-250).handler(ctx -> {
            probe().onComplete(up -> {
                if (up.succeeded() && up.result()) {
                    ctx.next();
                } else {
                    answer(ctx.request());
                }
            });
        });
        router.route().order(-400).failureHandler(ctx -> {
            if (ctx.response().headWritten() || !isOutage(ctx.failure())) {
                ctx.next();
                return;
            }
            LOG.warnf("identity provider unreachable on %s %s: %s", ctx.request().method(), ctx.request().path(),
                    ctx.failure().toString());
            answer(ctx.request());
        });
    }

    /** Whether the realm's discovery document answers (cached for {@link #PROBE_MILLIS}). */
    io.vertx.core.Future<Boolean> probe() {
        long now = System.currentTimeMillis();
        if (now - probedAt < PROBE_MILLIS) {
            return io.vertx.core.Future.succeededFuture(reachable);
        }
        java.net.URI u = java.net.URI.create(realm.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        io.vertx.core.http.RequestOptions o = new io.vertx.core.http.RequestOptions().setAbsoluteURI(u.toString())
                .setTimeout(3000);
        return probes.request(o).compose(req -> req.send()).map(res -> {
            res.body(); // drain; the status is all that matters
            return res.statusCode() == 200;
        }).otherwise(false).onSuccess(up -> {
            reachable = up;
            probedAt = System.currentTimeMillis();
        });
    }

    void answer(HttpServerRequest request) {
        request.response().putHeader("Retry-After", RETRY_AFTER);
        if (request.path().equals("/storage") || request.path().startsWith("/storage/")) {
            // a fresh start: a code brought back from Keycloak is stale by the time it is back
            portal.answer(request, 503, PORTAL_TITLE, PORTAL_MESSAGE, "/storage/login");
        } else {
            VosFault f = serviceFault();
            request.response().setStatusCode(f.status()).putHeader("Content-Type", "text/plain; charset=UTF-8")
                    .end(f.body());
        }
    }
}
