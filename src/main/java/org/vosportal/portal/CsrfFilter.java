package org.vosportal.portal;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * The one CSRF check of the portal's JAX-RS resources ({@link CsrfChecked}): every unsafe request
 * must carry this session's token in the {@code csrf} form field or the {@code X-CSRF-Token}
 * header, or it is refused with 403 before the resource method runs (so before any upstream
 * call). Cross-site requests were already refused by {@link CrossSiteRequests}.
 */
public class CsrfFilter {

    static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    CsrfTokens tokens;

    @Inject
    CurrentIdentityAssociation identities;

    @CsrfChecked
    @WithFormRead
    @ServerRequestFilter
    public Uni<Response> check(ResteasyReactiveContainerRequestContext context, HttpServerRequest request) {
        if (SAFE.contains(context.getMethod())) {
            return Uni.createFrom().nullItem();
        }
        String sent = sentToken(context);
        return identities.getDeferredIdentity().onItem().transformToUni(identity -> {
            if (tokens.accepts(request, identity, sent)) {
                return Uni.createFrom().nullItem();
            }
            if (identity.isAnonymous() && ExpiredSessions.wasLoggedIn(request)) {
                // the form is from a session that has ended since: not another site's
                return Uni.createFrom().item(ExpiredSessions.relogin(request));
            }
            return Uni.createFrom().failure(new PortalException(403, Messages.get().formExpired()));
        });
    }

    /** The form field if there is one (the form was read for this filter), else the header. */
    private static String sentToken(ResteasyReactiveContainerRequestContext context) {
        if (context.getServerRequestContext() instanceof ResteasyReactiveRequestContext rc
                && rc.getFormParameter(CsrfTokens.FIELD, true, false) instanceof String field && !field.isEmpty()) {
            return field;
        }
        return context.getHeaderString(CsrfTokens.HEADER);
    }
}
