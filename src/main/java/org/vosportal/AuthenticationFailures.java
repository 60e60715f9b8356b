package org.vosportal;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.vosportal.portal.ExpiredSessions;
import org.vosportal.portal.PortalPaths;

/**
 * Credentials that stopped working (a bad or expired bearer token, a damaged or expired portal
 * session). Authentication is lazy, so the failure surfaces while a request is handled; what the
 * caller needs depends on who it is: a VOSpace client gets the {@code NotAuthenticated} fault, a
 * browser goes through the login back to the page it was on ({@link ExpiredSessions}).
 */
public class AuthenticationFailures {

    @ServerExceptionMapper
    public Response failed(AuthenticationFailedException e, HttpServerRequest request) {
        return respond(request);
    }

    public static Response respond(HttpServerRequest request) {
        if (PortalPaths.isPortal(request.path())) {
            return ExpiredSessions.relogin(request); // through the login, back to the same page
        }
        return Response.status(401).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .header("WWW-Authenticate", "Bearer")
                .entity("NotAuthenticated: the bearer token is invalid or expired\n").build();
    }
}
