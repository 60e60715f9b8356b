package org.vosportal.service.auth;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.vosportal.service.HomeProvisioner;

/**
 * Turns the request's verified bearer token into a {@link Caller}: user name from
 * {@code preferred_username}, group names from {@code groups} (Keycloak full paths without their
 * leading '/', so a sub-group stays {@code team/sub} and never merges with a group {@code sub}). An authenticated caller's
 * home container is created on first use.
 */
@RequestScoped
public class CallerProducer {

    @Inject
    SecurityIdentity identity;

    @Inject
    HomeProvisioner homes;

    /** Dependent scope (a record cannot be proxied): inject it only into request-scoped beans. */
    @Produces
    public Caller caller() {
        if (identity == null || identity.isAnonymous()) {
            return Caller.ANONYMOUS;
        }
        String user = identity.getPrincipal().getName();
        Set<String> groups = new HashSet<>();
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object preferred = jwt.getClaim("preferred_username");
            if (preferred != null && !preferred.toString().isBlank()) {
                user = preferred.toString();
            }
            jwt.getGroups().forEach(g -> groups.add(GroupUris.claimName(g)));
        }
        identity.getRoles().forEach(g -> groups.add(GroupUris.claimName(g)));
        Instant validUntil = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0
                ? Instant.ofEpochSecond(jwt.getExpirationTime()) : null;
        Caller caller = new Caller(user, groups, false, validUntil);
        homes.ensureHome(caller);
        return caller;
    }
}
