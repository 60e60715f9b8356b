package org.vosportal.service.auth;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verified bearer tokens are not verified again on every request (issue 13: the token check was a
 * third of a small request's CPU). quarkus-oidc checks a bearer token in service mode by its
 * signature against the realm's keys, then its issuer, audience and expiry, and parses its claims
 * twice; it has a token cache only for introspection and UserInfo answers, not for locally
 * verified JWTs. This bean sits on both sides of it:
 * <ul>
 * <li>as the first {@link IdentityProvider} of bearer tokens it answers a token it has seen
 * verified, with the same identity (the current request's routing context put in), and otherwise
 * passes (a null item: quarkus-oidc's provider then checks the token in full);</li>
 * <li>as a {@link SecurityIdentityAugmentor} it keeps what quarkus-oidc accepted: an identity whose
 * principal is the bearer token itself (not the portal's code-flow sessions, whose principal is
 * the ID token), in the tenant that accepted it.</li>
 * </ul>
 * A token is kept until its {@code exp} at most (and {@code vospace.auth.token-cache.max-age}),
 * so an expired token is never accepted: once past its expiry it is checked in full again and
 * refused. A token refused by quarkus-oidc (forged, another audience, expired) never gets in.
 * A revocation at Keycloak is not seen before {@code exp}, exactly as without the cache (the
 * service checks tokens locally, never by introspection). {@code max-entries=0} turns it off.
 */
@ApplicationScoped
public class CachedBearerTokens implements IdentityProvider<TokenAuthenticationRequest>, SecurityIdentityAugmentor {

    /** Marks an identity that came out of the cache (so it is not put back in). */
    static final String FROM_CACHE = "org.vosportal.token-cache";
    /**
     * Where quarkus-oidc keeps the tenant of a request: {@code tenant-id} (OidcUtils.TENANT_ID_ATTRIBUTE,
     * set once its provider resolved the tenant, and on the identity), and before that what its
     * static resolver found for the path: {@code static.tenant.id}, or {@code static.tenant.id.null}
     * for the default tenant ({@code Default}).
     */
    static final String TENANT_ID = "tenant-id";
    static final String STATIC_TENANT_ID = "static.tenant.id";
    static final String STATIC_DEFAULT_TENANT = "static.tenant.id.null";
    static final String DEFAULT_TENANT = "Default";

    @ConfigProperty(name = "vospace.auth.token-cache.max-entries", defaultValue = "1000")
    int maxEntries;

    @ConfigProperty(name = "vospace.auth.token-cache.max-age", defaultValue = "10M")
    Duration maxAge;

    /** DPoP proofs and certificate-bound tokens are checked per request: never answered from a cache. */
    @ConfigProperty(name = "quarkus.oidc.token.authorization-scheme", defaultValue = "Bearer")
    String scheme;

    @ConfigProperty(name = "quarkus.oidc.token.binding.certificate", defaultValue = "false")
    boolean certificateBound;

    VerifiedTokens tokens;

    @PostConstruct
    void init() {
        boolean perRequestProof = certificateBound || !"Bearer".equalsIgnoreCase(scheme);
        tokens = new VerifiedTokens(perRequestProof ? 0 : maxEntries, maxAge.toMillis(), System::currentTimeMillis);
    }

    /** The cache itself (tests look into it). */
    public VerifiedTokens tokens() {
        return tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /**
     * Before quarkus-oidc's provider (its priority is {@link IdentityProvider#SYSTEM_FIRST} + 1:
     * the higher goes first), and first among the augmentors.
     */
    @Override
    public int priority() {
        return 2 * IdentityProvider.SYSTEM_FIRST;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        String key = tokens.enabled() && rc != null && request.getToken().getClass() == AccessTokenCredential.class
                ? key(tenant(rc), request.getToken().getToken()) : null;
        SecurityIdentity known = key == null ? null : tokens.get(key);
        if (known == null) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(known)
                .addAttribute(RoutingContext.class.getName(), rc)
                .addAttribute(AuthenticationRequestContext.class.getName(),
                        rc.get(AuthenticationRequestContext.class.getName()))
                .addAttribute(FROM_CACHE, Boolean.TRUE).build());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return augment(identity, context, Map.of());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context,
            Map<String, Object> attributes) {
        if (tokens.enabled() && !identity.isAnonymous() && identity.getAttribute(FROM_CACHE) == null
                && identity.getPrincipal() instanceof JsonWebToken jwt) {
            AccessTokenCredential bearer = identity.getCredential(AccessTokenCredential.class);
            RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(identity);
            Object verifiedBy = identity.getAttribute(TENANT_ID);
            String tenant = rc == null ? null : tenant(rc);
            // the principal is the bearer token itself, verified by the tenant this request resolves to
            if (bearer != null && bearer.getToken() != null && bearer.getToken().equals(jwt.getRawToken())
                    && tenant != null && tenant.equals(verifiedBy)) {
                // without the request's own objects: a cached identity must not hold an old request
                SecurityIdentity kept = QuarkusSecurityIdentity.builder(identity)
                        .addAttribute(RoutingContext.class.getName(), null)
                        .addAttribute(AuthenticationRequestContext.class.getName(), null).build();
                tokens.put(key(tenant, bearer.getToken()), kept, jwt.getExpirationTime());
            }
        }
        return Uni.createFrom().item(identity);
    }

    private static String key(String tenant, String token) {
        return tenant == null || token == null ? null : VerifiedTokens.key(tenant, token);
    }

    /** The OIDC tenant of the request, as quarkus-oidc resolved it (null when it did not say). */
    static String tenant(RoutingContext rc) {
        Object t = rc.get(TENANT_ID);
        if (t == null) {
            t = rc.get(STATIC_TENANT_ID);
        }
        if (t == null && Boolean.TRUE.equals(rc.get(STATIC_DEFAULT_TENANT))) {
            t = DEFAULT_TENANT;
        }
        return t == null ? null : t.toString();
    }
}
