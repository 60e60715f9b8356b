package org.vosportal.portal;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;

/**
 * The page a login started from request {@code r} should come back to: the page itself for a
 * plain GET, the page the user is on for an htmx request ({@code HX-Current-URL}: the request's
 * own URL is a fragment's) and for a form post (its {@code Referer}; the post is not repeated).
 * Only ever a path of this portal ({@link PortalUrls#sameSitePath}), never the login itself.
 */
final class ReturnAddress {

    private ReturnAddress() {
    }

    /** The portal path to come back to, or null (then the login goes to the user's home). */
    static String of(HttpServerRequest r) {
        String candidate;
        if (r.getHeader("HX-Request") != null) {
            candidate = pathOf(r.getHeader("HX-Current-URL"));
        } else if (r.method() == HttpMethod.GET || r.method() == HttpMethod.HEAD) {
            candidate = r.uri();
        } else {
            candidate = pathOf(r.getHeader("Referer"));
        }
        String back = PortalUrls.sameSitePath(candidate);
        return back == null || isLoginOrLogout(back) ? null : back;
    }

    /** Path and query of an absolute URL (a header's; only the path is kept, whatever host it names). */
    private static String pathOf(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI u = URI.create(url);
            return u.getRawPath() == null ? null : u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isLoginOrLogout(String path) {
        String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return p.equals(PortalUrls.login()) || p.equals(PortalUrls.logout());
    }
}
