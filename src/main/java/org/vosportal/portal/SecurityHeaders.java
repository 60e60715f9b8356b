package org.vosportal.portal;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Browser-facing headers for every portal response (CSP without inline script but the import map, no sniffing). */
public class SecurityHeaders {

    /** Scripts from the portal itself, plus the inline import map and theme line (by their hashes, see PortalAssets). */
    static final String CSP = "default-src 'self'; script-src 'self' " + PortalAssets.IMPORT_MAP_HASH
            + " " + PortalAssets.THEME_SCRIPT_HASH
            + "; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private final String csp;

    /**
     * {@code form-action} also names the identity provider's origin: browsers apply it to the
     * redirects that follow a form submission, and "Log out" (a POST) redirects to Keycloak's
     * end-session endpoint. Found by the real-browser suite: with {@code 'self'} alone Chromium
     * silently blocked the logout.
     */
    SecurityHeaders(@ConfigProperty(name = "quarkus.oidc.portal.auth-server-url") String authServerUrl) {
        this.csp = CSP + originOf(authServerUrl);
    }

    static String originOf(String url) {
        try {
            URI u = URI.create(url.strip());
            if (u.getScheme() == null || u.getHost() == null) {
                return "";
            }
            return " " + u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext req, ContainerResponseContext res) {
        if (!req.getUriInfo().getPath().startsWith("/storage")) {
            return;
        }
        var h = res.getHeaders();
        h.putSingle("Content-Security-Policy", csp);
        h.putSingle("X-Content-Type-Options", "nosniff");
        h.putSingle("Referrer-Policy", "same-origin");
        h.putSingle("X-Frame-Options", "DENY");
        if (!h.containsKey("Cache-Control")) {
            h.putSingle("Cache-Control", "no-store");
        }
    }
}
