package org.vosportal.portal;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Double-submit CSRF protection for the portal: a random token in an HttpOnly, SameSite=Lax
 * cookie, which every state-changing request must echo in the {@code csrf} form field or the
 * {@code X-CSRF-Token} header. A cross-site page can send the cookie but cannot read it.
 */
@RequestScoped
public class Csrf {

    public static final String COOKIE = "portal-csrf";
    public static final String HEADER = "X-CSRF-Token";
    public static final String FIELD = "csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    HttpServerRequest request;

    private String token;

    /** The token for this browser, creating (and setting the cookie) on first use. */
    public String token() {
        if (token == null) {
            Cookie c = request.getCookie(COOKIE);
            if (c != null && c.getValue().length() >= 32) {
                token = c.getValue();
            } else {
                byte[] b = new byte[32];
                RANDOM.nextBytes(b);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
                request.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/storage").setHttpOnly(true)
                        .setSameSite(CookieSameSite.LAX).setSecure(request.isSSL()));
            }
        }
        return token;
    }

    /** Throws {@link PortalException} (403) unless the request carries the cookie's token. */
    public void check(String formValue) {
        if (!matches(request, formValue)) {
            throw new PortalException(403, "Your form expired or came from another site. Reload the page and try again.");
        }
    }

    /** True if the form value (or else the header) equals the CSRF cookie; usable outside JAX-RS. */
    public static boolean matches(HttpServerRequest request, String formValue) {
        Cookie c = request.getCookie(COOKIE);
        String sent = formValue != null && !formValue.isEmpty() ? formValue : request.getHeader(HEADER);
        return c != null && sent != null && MessageDigest.isEqual(c.getValue().getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8));
    }
}
