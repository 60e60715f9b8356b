package org.vosportal.portal;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The person using the portal in this request: anonymous, or logged in through Keycloak. The
 * access token stays on the server (in the encrypted session cookie Quarkus OIDC manages) and is
 * only ever sent to the VOSpace service.
 */
@RequestScoped
@Named("user") // templates: {inject:user.name}, {inject:user.loggedIn}
public class PortalUser {

    @Inject
    SecurityIdentity identity;

    /** A session that stopped working surfaces here as AuthenticationFailedException (see AuthenticationFailures). */
    public boolean isAnonymous() {
        return identity == null || identity.isAnonymous();
    }

    /** For templates: someone is logged in. */
    public boolean loggedIn() {
        return !isAnonymous();
    }

    public String name() {
        return isAnonymous() ? null : nameOf(identity);
    }

    /** The user name of an identity ({@code preferred_username}), or null when anonymous. */
    public static String nameOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("preferred_username") != null) {
            return jwt.getClaim("preferred_username").toString();
        }
        return identity.getPrincipal().getName();
    }

    /** The access token of an identity, or null when anonymous. */
    public static String accessTokenOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        AccessTokenCredential c = identity.getCredential(AccessTokenCredential.class);
        return c == null ? null : c.getToken();
    }

    /** The user's groups (for permission suggestions). */
    public Set<String> groups() {
        Set<String> g = new TreeSet<>();
        if (!isAnonymous()) {
            g.addAll(identity.getRoles());
            if (identity.getPrincipal() instanceof JsonWebToken jwt) {
                g.addAll(jwt.getGroups());
            }
        }
        return g;
    }

    /** The access token for upstream calls, or null when anonymous. */
    public String accessToken() {
        return isAnonymous() ? null : accessTokenOf(identity);
    }
}
