package org.vosportal;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Credentials that stopped working (a bad or expired bearer token, a damaged or expired portal
 * session). Authentication is lazy, so the failure surfaces while a request is handled; what the
 * caller needs depends on who it is: a VOSpace client gets the {@code NotAuthenticated} fault, a
 * browser goes to the login (htmx requests through {@code HX-Redirect}, never a login page
 * swapped into a fragment).
 */
public class AuthenticationFailures {

    @ServerExceptionMapper
    public Response failed(AuthenticationFailedException e, HttpServerRequest request) {
        return respond(request);
    }

    /** The portal's session cookies (Quarkus OIDC, tenant "portal", tokens split in three). */
    static final String[] PORTAL_SESSION_COOKIES = {"q_session_portal", "q_session_at_portal", "q_session_rt_portal"};

    public static Response respond(HttpServerRequest request) {
        if (request.path().startsWith("/storage")) {
            // drop the session that no longer works, or the login would fail the same way again
            Response.ResponseBuilder b = request.getHeader("HX-Request") != null
                    ? Response.status(401).header("HX-Redirect", "/storage/login")
                    : Response.seeOther(URI.create("/storage/login"));
            for (String name : PORTAL_SESSION_COOKIES) {
                b.header("Set-Cookie", name + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
            }
            return b.build();
        }
        return Response.status(401).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .header("WWW-Authenticate", "Bearer")
                .entity("NotAuthenticated: the bearer token is invalid or expired\n").build();
    }
}
