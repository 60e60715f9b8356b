package org.vosportal;

import io.netty.channel.ConnectTimeoutException;
import io.quarkus.oidc.OIDCException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.vosportal.portal.PortalErrors;
import org.vosportal.portal.PortalPaths;
import org.vosportal.portal.PortalRefusals;
import org.vosportal.service.rest.FaultMappers;
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
    Vertx vertx;

    @ConfigProperty(name = "quarkus.oidc.portal.auth-server-url")
    String realm;

    private HttpClient probes;
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
            if (oidc && (c instanceof ConnectException || c instanceof NoRouteToHostException
                    || c instanceof UnknownHostException || c instanceof TimeoutException
                    || c instanceof ConnectTimeoutException)) {
                return true;
            }
        }
        return false;
    }

    /** The service's answer: a VOSpace ServiceBusy fault (503, Retry-After). */
    static VosFault serviceFault() {
        return new VosFault(Fault.ServiceBusy, "the identity provider cannot be reached to check the token;"
                + " try again shortly");
    }

    /** The same answers from JAX-RS (an outage met while a resource injects its caller). */
    public static Response response(HttpServerRequest request) {
        return PortalPaths.isPortal(request.path())
                ? PortalErrors.unavailable(request, PORTAL_TITLE, PORTAL_MESSAGE, RETRY_AFTER)
                : FaultMappers.fault(serviceFault());
    }

    /** Failures of the authentication mechanisms themselves, and the start of a login. */
    void register(@Observes Router router) {
        probes = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2000).setIdleTimeout(5));
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

    /** Whether the realm answers (the same cached probe), for readiness. */
    public Future<Boolean> reachable() {
        return probes == null ? Future.succeededFuture(reachable) : probe();
    }

    /** Whether the realm's discovery document answers (cached for {@link #PROBE_MILLIS}). */
    Future<Boolean> probe() {
        if (System.currentTimeMillis() - probedAt < PROBE_MILLIS) {
            return Future.succeededFuture(reachable);
        }
        RequestOptions o = new RequestOptions()
                .setAbsoluteURI(realm.replaceAll("/+$", "") + "/.well-known/openid-configuration").setTimeout(3000);
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
        if (PortalPaths.isPortal(request.path())) {
            // a fresh start: a code brought back from Keycloak is stale by the time it is back
            portal.answer(request, 503, PORTAL_TITLE, PORTAL_MESSAGE, "/storage/login");
        } else {
            VosFault f = serviceFault();
            request.response().setStatusCode(f.status()).putHeader("Content-Type", "text/plain; charset=UTF-8")
                    .end(f.body());
        }
    }
}
