package org.vosportal.portal;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.vosportal.vospace.Xml;
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
        String message = switch (status) {
            case 401, 403 -> anonymous ? "This is private. Log in to see it, if it was shared with you."
                    : "You don't have permission for this. Ask the owner to give you (or one of your groups) access.";
            case 404 -> "Not found. It may have been moved or deleted.";
            case 409 -> "Something with that name already exists here.";
            case 413 -> "There is not enough space left in the quota for this.";
            case 423 -> "This item is locked. Unlock it first.";
            case 400 -> "The storage service refused the request: " + e.detail();
            case 429 -> "The storage service is busy with your other requests. Please try again in a moment.";
            case 507 -> "The storage service has run out of disk space. Nothing was changed; please try again"
                    + " later or tell the support team.";
            default -> "The storage service '" + svc + "' is not answering properly right now. Please try again in a moment.";
        };
        if ("ServiceUnreachable".equals(e.fault())) {
            // down or restarting, not broken: 503 tells browsers and proxies to come back
            LOG.warnf("storage service %s unreachable: %s", svc, e.getMessage());
            return unavailable(request, titleFor(503), "The storage service '" + svc + "' cannot be reached"
                    + " right now. Your files are safe; please try again in a moment.", "30");
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
        return respond(request, 500, "Something went wrong",
                "This is a fault in the storage portal, not something you did. Please try again in a moment;"
                        + " if it keeps happening, tell the support team the error id.", false, id);
    }

    static String fragment(String title, String message, String errorId, String loginHref) {
        return "<p class=\"error\" role=\"alert\"><strong>" + Xml.escape(title) + ":</strong> "
                + Xml.escape(message) + (errorId == null ? "" : " (error id " + errorId + ")")
                + (loginHref != null ? " <a class=\"button primary\" href=\"" + Xml.escape(loginHref) + "\">Log in</a>" : "")
                + "</p>";
    }

    private static final java.security.SecureRandom ID_SOURCE = new java.security.SecureRandom();

    private static String serviceName(String path) {
        String[] parts = path.split("/");
        return parts.length > 2 ? parts[2] : "storage";
    }

    static String titleFor(int status) {
        return switch (status) {
            case 400 -> "That did not work";
            case 401, 403 -> "Permission denied";
            case 404 -> "Not found";
            case 409 -> "Already exists";
            case 413 -> "Quota exceeded";
            case 423 -> "Locked";
            case 429 -> "Busy";
            case 507 -> "Storage full";
            default -> "Storage unavailable";
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
        // a page comes back to itself after the login; a form or a fragment to the user's home
        String loginHref = !login ? null
                : "GET".equals(request.method().name()) && request.getHeader("HX-Request") == null
                        ? PortalUrls.loginThenBack(request.uri()) : PortalUrls.login();
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
