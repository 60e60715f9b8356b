package org.vosportal.portal;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Refusals answered by the portal's Vert.x routes before any JAX-RS resource runs (a body too
 * large, too many uploads at once): the same words and page as {@link PortalErrors}, the flash
 * fragment for htmx, plain text for the upload script.
 */
@ApplicationScoped
public class PortalRefusals {

    /** Ends {@code request}'s response with {@code status}; the caller decides about the connection. */
    public io.vertx.core.Future<Void> answer(HttpServerRequest request, int status, String title, String message,
            boolean plainText) {
        return answer(request, status, title, message, plainText, null);
    }

    /** As an HTML page or fragment with a "Log in" button to {@code loginHref}. */
    public io.vertx.core.Future<Void> answer(HttpServerRequest request, int status, String title, String message,
            String loginHref) {
        return answer(request, status, title, message, false, loginHref);
    }

    private io.vertx.core.Future<Void> answer(HttpServerRequest request, int status, String title, String message,
            boolean plainText, String loginHref) {
        HttpServerResponse res = request.response().setStatusCode(status)
                .putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff");
        if (plainText) {
            return res.putHeader("Content-Type", "text/plain; charset=utf-8").end(message);
        }
        res.putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Content-Security-Policy", SecurityHeaders.CSP).putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "same-origin");
        if (request.getHeader("HX-Request") != null) {
            return res.putHeader("HX-Retarget", "#flash").putHeader("HX-Reswap", "innerHTML")
                    .putHeader("HX-Reselect", "p.error").end(PortalErrors.fragment(title, message, null, loginHref));
        }
        // the one error page, rendered as PortalErrors renders it
        return res.end(PortalErrors.Templates.error(title, message, loginHref, null).render());
    }
}
