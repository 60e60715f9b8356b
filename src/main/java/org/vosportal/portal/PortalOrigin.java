package org.vosportal.portal;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Locale;

/**
 * The portal's own origin: {@code portal.public-url} when it is configured (production), else the
 * request's scheme and host (what a developer's browser sent). Absolute links and the same-origin
 * check of unsafe requests both come from here, so a spoofed {@code Host} header can neither put
 * another host into a page nor make another origin look like the portal's own.
 */
@ApplicationScoped
public class PortalOrigin {

    private final String configured;

    PortalOrigin(PortalConfig config) {
        this.configured = config.publicUrl().map(PortalOrigin::originOf).orElse(null);
    }

    /** {@code scheme://host[:port]} of a URL, lower case, default ports left out. */
    static String originOf(String url) {
        URI u = URI.create(url.strip());
        if (u.getScheme() == null || u.getHost() == null) {
            throw new IllegalArgumentException("portal.public-url must be an absolute http(s) URL: " + url);
        }
        return origin(u.getScheme(), u.getHost(), u.getPort());
    }

    private static String origin(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port < 0 || (s.equals("http") && port == 80) || (s.equals("https") && port == 443);
        return s + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** The origin pages of this request are served from. */
    public String of(HttpServerRequest request) {
        if (configured != null) {
            return configured;
        }
        HostAndPort a = request.authority();
        return a == null ? origin(request.scheme(), "localhost", -1) : origin(request.scheme(), a.host(), a.port());
    }

    /** An absolute URL for a path of the portal ({@code /storage/...}). */
    public String absolute(HttpServerRequest request, String path) {
        return of(request) + path;
    }

    /** True if an {@code Origin} header names the portal's own origin ({@code null} never does). */
    public boolean isOwn(HttpServerRequest request, String originHeader) {
        try {
            return originOf(originHeader).equals(of(request));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
