package org.vosportal;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.vosportal.portal.PortalErrors;
import org.vosportal.portal.PortalPaths;
import org.vosportal.service.rest.FaultMappers;

/**
 * Exceptions no other mapper knows (bugs, mostly), answered in the caller's language: under
 * {@code /storage} the portal's error page (an error fragment for htmx), elsewhere the service's
 * VOSpace {@code InternalFault}. One mapper for both sides, here between them, because JAX-RS
 * chooses a mapper by exception type only, never by path.
 */
public class UnexpectedFailures {

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, HttpServerRequest request) {
        if (e instanceof WebApplicationException wae) {
            return wae.getResponse();
        }
        if (IdentityProviderDown.isOutage(e)) {
            return IdentityProviderDown.response(request); // raised while injecting the caller
        }
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof AuthenticationFailedException) {
                return AuthenticationFailures.respond(request); // raised while injecting the caller
            }
        }
        return PortalPaths.isPortal(request.path())
                ? PortalErrors.unexpected(e, request) : FaultMappers.unexpected(e);
    }
}
