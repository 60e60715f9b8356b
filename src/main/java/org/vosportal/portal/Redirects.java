package org.vosportal.portal;

import jakarta.ws.rs.core.Response;

/**
 * The portal's redirects. A portal path stays relative in {@code Location}: JAX-RS would make it
 * absolute from the request's {@code Host} header, which a client can set to any host.
 */
final class Redirects {

    private Redirects() {
    }

    /** 303 to a path of the portal (from {@link PortalUrls}). */
    static Response seeOther(String portalPath) {
        if (!portalPath.startsWith("/") || portalPath.startsWith("//") || portalPath.startsWith("/\\")) {
            throw new IllegalArgumentException("not a portal path: " + portalPath);
        }
        return Response.status(Response.Status.SEE_OTHER).header("Location", portalPath).build();
    }

    /** 303 to an absolute URL handed out by a storage service or the identity provider. */
    static Response seeOtherAbsolute(String url) {
        return Response.status(Response.Status.SEE_OTHER).header("Location", url).header("Cache-Control", "no-store")
                .build();
    }
}
