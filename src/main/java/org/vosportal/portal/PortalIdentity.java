package org.vosportal.portal;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Resolves the portal user's identity before a portal endpoint runs. Authentication is lazy (so
 * anonymous visitors browse public folders), and the endpoints run on the event loop, where a
 * lazily resolved identity cannot be waited for: once set here, {@link PortalUser} reads it without
 * blocking. A session that stopped working fails here as it did on first use before.
 */
public class PortalIdentity {

    @Inject
    CurrentIdentityAssociation identities;

    @ServerRequestFilter
    public Uni<Void> resolve(HttpServerRequest request) {
        if (!request.path().startsWith("/storage")) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity().invoke(identities::setIdentity).replaceWithVoid();
    }
}
