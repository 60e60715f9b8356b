package org.vosportal.service.auth;

import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.vosportal.service.ServiceTestBase;
import org.vosportal.testsupport.KeycloakServer;

/**
 * Bearer tokens verified once are answered from {@link CachedBearerTokens} afterwards, with the
 * same user and groups; what quarkus-oidc refuses never gets in, however often it is sent.
 */
@QuarkusTest
class TokenCacheTest extends ServiceTestBase {

    @Inject
    CachedBearerTokens cached;

    private static String key(String token) {
        return VerifiedTokens.key("Default", token);
    }

    @Test
    void aVerifiedTokenIsCachedUntilItsExpiryAndGivesTheSameCaller() {
        String t = token("alice");
        cached.tokens().clear();
        anonymous().header("Authorization", "Bearer " + t).get(BASE + "/nodes/alice?limit=0").then().statusCode(200);
        SecurityIdentity kept = cached.tokens().get(key(t));
        assertNotNull(kept, "the token the service accepted is kept");
        JsonWebToken jwt = (JsonWebToken) kept.getPrincipal();
        assertEquals("alice", jwt.getClaim("preferred_username").toString());
        assertTrue(jwt.getExpirationTime() > System.currentTimeMillis() / 1000);
        assertTrue(kept.getRoles().stream().anyMatch(r -> r.contains("survey-team")), kept.getRoles().toString());
        assertNull(kept.getAttribute(io.vertx.ext.web.RoutingContext.class.getName()), "no request kept with it");
        int size = cached.tokens().size();
        long hits = cached.tokens().hits();
        // served from the cache: the caller is still alice (she writes into her home)
        String folder = "/alice/tc-" + System.nanoTime();
        anonymous().header("Authorization", "Bearer " + t).contentType("text/xml").body(containerDoc(folder))
                .put(BASE + "/nodes" + folder).then().statusCode(201);
        anonymous().header("Authorization", "Bearer " + t).get(BASE + "/nodes" + folder + "?limit=0").then()
                .statusCode(200);
        assertEquals(size, cached.tokens().size(), "the same token is one entry");
        assertTrue(cached.tokens().hits() >= hits + 2, "both requests were answered from the cache");
    }

    @Test
    void aTokenForAnotherAudienceIsRefusedEveryTimeAndNeverCached() {
        String good = token("alice");
        anonymous().header("Authorization", "Bearer " + good).get(BASE + "/nodes/alice?limit=0").then().statusCode(200);
        String other = KeycloakServer.accessToken(KeycloakServer.OTHER_CLIENT_ID, "alice", "alice-pw");
        for (int i = 0; i < 3; i++) {
            anonymous().header("Authorization", "Bearer " + other).get(BASE + "/nodes/alice?limit=0").then()
                    .statusCode(401).body(startsWith("NotAuthenticated"));
        }
        assertNull(cached.tokens().get(key(other)));
    }

    @Test
    void aTamperedCopyOfACachedTokenIsRefused() {
        String good = token("alice");
        anonymous().header("Authorization", "Bearer " + good).get(BASE + "/nodes/alice?limit=0").then().statusCode(200);
        assertNotNull(cached.tokens().get(key(good)));
        String[] parts = good.split("\\.");
        char last = parts[2].charAt(parts[2].length() - 2);
        String forged = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
        anonymous().header("Authorization", "Bearer " + forged).get(BASE + "/nodes/alice?limit=0").then()
                .statusCode(401);
        assertNull(cached.tokens().get(key(forged)));
    }
}
