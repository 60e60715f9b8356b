package org.vosportal.portal;

import io.quarkus.arc.Arc;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;

/**
 * A portal session that stopped working must not look like a permission problem (a page that
 * still says "alice · Log out" and a flash saying "This is private"). It shows in three ways: the
 * session cookie is there but its tokens can no longer be refreshed (Quarkus raises
 * AuthenticationFailedException), the service refuses the access token (401), or the browser
 * dropped the expired cookie and the request arrives anonymous. The last one is told from a real
 * anonymous visit by a small marker cookie the login sets and the logout clears.
 *
 * <p>Each way ends here: the dead session's cookies are dropped and the browser goes through the
 * login back to the page it was on. A form post is not replayed (its CSRF token belonged to the
 * old session, and repeating a move or delete unasked is worse than asking): the page it came
 * from says so after the login.
 */
public final class ExpiredSessions {

    /** Set at login, cleared at logout: this browser had a session. Carries nothing else. */
    static final String MARKER = "portal-session";
    /** How long the flash about an action not carried out waits for the login to come back (a password typed). */
    static final int LOGIN_SECONDS = 15 * 60;

    /** The portal's session cookies (Quarkus OIDC, tenant "portal", tokens split in three). */
    static final String[] SESSION_COOKIES = {"q_session_portal", "q_session_at_portal", "q_session_rt_portal"};

    private ExpiredSessions() {
    }

    /** After a login: remember that this browser has a session. */
    static void markLoggedIn(HttpServerRequest request) {
        request.response().addCookie(cookie(request, MARKER, "1"));
    }

    /** At logout: a later refusal is a plain one again, with a Log in button. */
    static void forget(HttpServerRequest request) {
        request.response().addCookie(cookie(request, MARKER, "").setMaxAge(0));
    }

    /** This browser had a session that is gone now (it arrives anonymous with the marker). */
    public static boolean wasLoggedIn(HttpServerRequest request) {
        return request.getCookie(MARKER) != null;
    }

    private static boolean hasSessionCookie(HttpServerRequest request) {
        return request.getCookie(SESSION_COOKIES[0]) != null;
    }

    /**
     * Through the login back to the page the request came from ({@link ReturnAddress}): a 303, or
     * for htmx a 401 with {@code HX-Redirect} (never a login page swapped into a fragment). The
     * session's cookies are dropped, or the login would fail the same way again. Also for a
     * visitor who was never logged in and needs to be (then without the notice).
     */
    public static Response relogin(HttpServerRequest request) {
        boolean ended = wasLoggedIn(request) || hasSessionCookie(request);
        // "Log out" on a page whose session has ended: that is done already
        String next = request.path().equals(PortalUrls.logout()) ? PortalUrls.home()
                : PortalUrls.loginThenBack(ReturnAddress.of(request));
        Response.ResponseBuilder b = request.getHeader("HX-Request") != null
                ? Response.status(401).header("HX-Redirect", next)
                : Response.status(Response.Status.SEE_OTHER).header("Location", next);
        for (String name : SESSION_COOKIES) {
            b.header("Set-Cookie", name + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
        }
        forget(request);
        if (ended && !isSafe(request) && !next.equals(PortalUrls.home())) {
            // said by the page the login comes back to (the mappers calling this are not beans)
            Arc.container().instance(Flash.class).get().say(Messages.get().sessionEndedRepeat(), null, LOGIN_SECONDS);
        }
        return b.header("Cache-Control", "no-store").build();
    }

    private static boolean isSafe(HttpServerRequest request) {
        return CrossSiteRequests.SAFE.contains(request.method());
    }

    private static Cookie cookie(HttpServerRequest request, String name, String value) {
        return Cookie.cookie(name, value).setPath(PortalUrls.home()).setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX).setSecure(CsrfTokens.isSecure(request));
    }
}
