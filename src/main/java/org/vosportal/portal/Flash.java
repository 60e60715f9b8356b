package org.vosportal.portal;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * What an action just did, said once on the page it redirects to: a sealed one-shot cookie set
 * with the redirect and cleared by the page that shows it. Not a query parameter, so a crafted
 * link cannot make the portal say "Deleted 'anything'"; sealed with the portal's key, so a cookie
 * written by a sibling host is ignored.
 */
@RequestScoped
public class Flash {

    static final String COOKIE = "portal-flash";

    /** The words to show, and the background job they are about (its status is polled), or null. */
    public record Message(String text, String job) {
    }

    @Inject
    HttpServerRequest request;

    @Inject
    CsrfTokens keys;

    private Message taken;
    private boolean read;

    /** Sets the message the next page shows. */
    public void say(String text, String job) {
        say(text, job, 60);
    }

    /** Sets the message the next page shows, waiting {@code seconds} for it (longer across a login). */
    public void say(String text, String job, int seconds) {
        String value = encode(text) + "." + encode(job == null ? "" : job) + "." + keys.mac(seal(text, job));
        request.response().addCookie(cookie(value).setMaxAge(seconds));
    }

    /** The message set by the previous response, once: the cookie is cleared as it is read. */
    public Message take() {
        if (!read) {
            read = true;
            Cookie c = request.getCookie(COOKIE);
            if (c != null) {
                taken = open(c.getValue());
                request.response().addCookie(cookie("").setMaxAge(0));
            }
        }
        return taken;
    }

    private Message open(String value) {
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            String text = decode(parts[0]);
            String job = parts[1].isEmpty() ? null : decode(parts[1]);
            byte[] expected = keys.mac(seal(text, job)).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))
                    ? new Message(text, job) : null;
        } catch (IllegalArgumentException e) {
            return null; // not base64: not ours
        }
    }

    private Cookie cookie(String value) {
        return Cookie.cookie(COOKIE, value).setPath(PortalUrls.home()).setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX).setSecure(CsrfTokens.isSecure(request));
    }

    private static String seal(String text, String job) {
        return "flash|" + text + "|" + (job == null ? "" : job);
    }

    private static String encode(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String s) {
        return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
    }
}
