package org.vosportal.portal;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.vosportal.vospace.client.UpstreamException;

/**
 * Turns portal errors into plain words: an error page for normal requests, a message swapped into
 * the page's flash region for htmx requests. Never a stack trace.
 */
public class PortalErrors {

    private static final Logger LOG = Logger.getLogger(PortalErrors.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(String title, String message, String loginHref, String errorId);

        /** The same words swapped into a page's flash region (htmx requests). */
        static native TemplateInstance error$flash(String title, String message, String loginHref, String errorId);
    }

    @Inject
    PortalUser user;

    @ServerExceptionMapper
    public Response portal(PortalException e, HttpServerRequest request) {
        return respond(request, e.status(), titleFor(e.status()), e.getMessage(), e.status() == 401);
    }

    @ServerExceptionMapper
    public Response upstream(UpstreamException e, HttpServerRequest request) {
        boolean anonymous = user.isAnonymous();
        String svc = serviceName(request.path());
        int status = e.status();
        if (anonymous && (status == 401 || status == 403) && ExpiredSessions.wasLoggedIn(request)) {
            return ExpiredSessions.relogin(request); // the session ran out, not the permission
        }
        PortalMessages msg = Messages.get();
        String message = switch (status) {
            case 401, 403 -> anonymous ? msg.privateLogIn() : msg.noPermission();
            case 404 -> msg.notFound();
            case 409 -> msg.somethingThere();
            case 413 -> msg.overQuota();
            case 423 -> msg.locked();
            case 400 -> msg.serviceRefused(e.detail());
            case 429 -> msg.serviceBusy();
            case 507 -> msg.serviceFull();
            default -> msg.serviceBroken(svc);
        };
        if ("ServiceUnreachable".equals(e.fault())) {
            // down or restarting, not broken: 503 tells browsers and proxies to come back
            LOG.warnf("storage service %s unreachable: %s", svc, e.getMessage());
            return unavailable(request, titleFor(503), msg.serviceUnreachable(svc), "30");
        }
        if (status >= 500 && status != 507) {
            LOG.warnf("upstream failure from %s: %s", svc, e.getMessage());
            status = 502;
        }
        return respond(request, status, titleFor(status), message, anonymous && (status == 401 || status == 403));
    }

    /** 503 with {@code Retry-After}: something the portal needs is away for a while. */
    public static Response unavailable(HttpServerRequest request, String title, String message, String retryAfter) {
        return Response.fromResponse(respond(request, 503, title, message, false)).header("Retry-After", retryAfter)
                .build();
    }

    /**
     * A bug (org.vosportal.UnexpectedFailures sends the portal's here): the stack trace goes to
     * the log under a short id, the user gets plain words and that id to quote, status 500.
     */
    public static Response unexpected(RuntimeException e, HttpServerRequest request) {
        String id = Long.toString(ID_SOURCE.nextLong() & Long.MAX_VALUE, 36);
        LOG.errorf(e, "unexpected failure, error id %s, on %s %s", id, request.method(), request.path());
        PortalMessages msg = Messages.get();
        return respond(request, 500, msg.titleBug(), msg.bug(), false, id);
    }

    /** The error as the fragment htmx swaps into the page's flash region. */
    static String fragment(String title, String message, String errorId, String loginHref) {
        return Templates.error$flash(title, message, loginHref, errorId).render();
    }

    private static final java.security.SecureRandom ID_SOURCE = new java.security.SecureRandom();

    private static String serviceName(String path) {
        String[] parts = path.split("/");
        return parts.length > 2 ? parts[2] : "storage";
    }

    static String titleFor(int status) {
        PortalMessages msg = Messages.get();
        return switch (status) {
            case 400 -> msg.titleBadRequest();
            case 401, 403 -> msg.titleDenied();
            case 404 -> msg.titleNotFound();
            case 409 -> msg.titleConflict();
            case 413 -> msg.titleQuota();
            case 423 -> msg.titleLocked();
            case 429 -> msg.titleBusy();
            case 507 -> msg.titleStorageFull();
            default -> msg.titleUnavailable();
        };
    }

    private static Response respond(HttpServerRequest request, int status, String title, String message,
            boolean login) {
        return respond(request, status, title, message, login, null);
    }

    private static Response respond(HttpServerRequest request, int status, String title, String message,
            boolean login, String errorId) {
        if (status == 401) {
            return org.vosportal.AuthenticationFailures.respond(request); // the one re-login path
        }
        // the login comes back to the page the user is on (a fragment's or a form's page too)
        String loginHref = login ? PortalUrls.loginThenBack(ReturnAddress.of(request)) : null;
        if (request.getHeader("HX-Request") != null) {
            // HX-Reselect: the caller's hx-select (#listing, .info) would find nothing in this
            // fragment and swap in an empty flash
            String html = fragment(title, message, errorId, loginHref);
            return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html)
                    .header("HX-Retarget", "#flash").header("HX-Reswap", "innerHTML").header("HX-Reselect", "p.error")
                    .build();
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(title, message, loginHref, errorId)).build();
    }
}
