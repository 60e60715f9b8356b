package org.vosportal.portal;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The portal's CSRF tokens, bound to whoever is using the page: for a logged-in user an HMAC of
 * the Keycloak session ({@code sid} of the ID token) under a server key, for an anonymous visitor
 * an HMAC of a random value in a {@code __Host-} cookie (plain {@code portal-csrf} on plain-http
 * development hosts, where the prefix cannot be used). A value a same-site page planted in a
 * cookie is therefore never a valid token, and a token taken from one session is refused in
 * another. The one check every unsafe request passes ({@link CsrfFilter} for the JAX-RS resources,
 * {@link UploadRoute} for the streamed uploads).
 */
@ApplicationScoped
public class CsrfTokens {

    public static final String HEADER = "X-CSRF-Token";
    public static final String FIELD = "csrf";
    static final String COOKIE = "portal-csrf";
    static final String SECURE_COOKIE = "__Host-portal-csrf";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /**
     * The key is {@code portal.csrf-key} when configured, else derived from the session-encryption
     * secret (already shared by every instance behind a load balancer and kept secret), else random
     * for this run (open pages then need a reload after a restart).
     */
    CsrfTokens(@ConfigProperty(name = "portal.csrf-key") Optional<String> configured,
            @ConfigProperty(name = "quarkus.oidc.portal.token-state-manager.encryption-secret") Optional<String> sessionSecret) {
        byte[] material;
        if (configured.isPresent()) {
            material = configured.get().getBytes(StandardCharsets.UTF_8);
        } else if (sessionSecret.isPresent()) {
            material = hmac(sessionSecret.get().getBytes(StandardCharsets.UTF_8), "vosportal portal csrf key v1");
        } else {
            material = new byte[32];
            RANDOM.nextBytes(material);
        }
        this.key = new SecretKeySpec(material, "HmacSHA256");
    }

    /**
     * The token pages of this request carry, or null for an anonymous visitor without the cookie
     * yet (see {@link #issueCookie}).
     */
    public String expected(HttpServerRequest request, SecurityIdentity identity) {
        String session = sessionOf(identity);
        if (session != null) {
            return mac("session|" + session);
        }
        Cookie c = request.getCookie(cookieName(request));
        return c == null || c.getValue().length() < 32 ? null : mac("anonymous|" + c.getValue());
    }

    /** True if {@code sent} is this request's token (compared in constant time). */
    public boolean accepts(HttpServerRequest request, SecurityIdentity identity, String sent) {
        String expected = expected(request, identity);
        return expected != null && sent != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                sent.getBytes(StandardCharsets.UTF_8));
    }

    /** Gives an anonymous visitor the random cookie their token is derived from; returns the token. */
    public String issueCookie(HttpServerRequest request) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        boolean secure = isSecure(request);
        // __Host-: Secure, Path=/ and no Domain, so no other host (a sibling sub-domain) can set it
        request.response().addCookie(Cookie.cookie(cookieName(request), value).setPath(secure ? "/" : "/storage")
                .setHttpOnly(true).setSameSite(CookieSameSite.LAX).setSecure(secure));
        return mac("anonymous|" + value);
    }

    /** The request arrived over TLS, directly or through a trusted proxy ({@code quarkus.http.proxy.*}). */
    static boolean isSecure(HttpServerRequest request) {
        return request.isSSL() || "https".equalsIgnoreCase(request.scheme());
    }

    static String cookieName(HttpServerRequest request) {
        return isSecure(request) ? SECURE_COOKIE : COOKIE;
    }

    /**
     * What binds a token to a login: the Keycloak session id of the ID token (it stays the same
     * when tokens are refreshed and changes with every login), with the subject; null when anonymous.
     */
    static String sessionOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object sid = jwt.getClaim("sid");
            return jwt.getSubject() + "|" + (sid != null ? "sid:" + sid : "auth_time:" + jwt.getClaim("auth_time"));
        }
        return "name:" + identity.getPrincipal().getName();
    }

    /** A keyed digest of {@code data} under the portal's key (also seals the one-shot flash, {@link Flash}). */
    String mac(String data) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(m.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
