package org.vosportal.service.auth;

import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vosportal.service.ServiceTestBase;
import org.vosportal.testsupport.KeycloakServer;

/**
 * The service takes only tokens issued for it ({@code aud} contains {@code vospace}): a valid
 * token that another application of the same realm obtained for the same user is refused, so
 * that application cannot act on the user's files.
 */
@QuarkusTest
class TokenAudienceTest extends ServiceTestBase {

    private static String otherAppToken(String user) {
        return KeycloakServer.accessToken(KeycloakServer.OTHER_CLIENT_ID, user, user + "-pw");
    }

    @Test
    void aTokenOfAnotherClientOfTheRealmIsRefused() {
        String other = otherAppToken("alice");
        String claims = new String(Base64.getUrlDecoder().decode(other.split("\\.")[1]), StandardCharsets.UTF_8);
        // a genuine token of this realm for alice: only its audience is wrong
        assertEquals(true, claims.contains("\"iss\":\"" + KeycloakServer.issuer() + "\""), claims);
        assertEquals(true, claims.contains("\"preferred_username\":\"alice\""), claims);
        assertFalse(claims.contains("\"vospace\""), claims);

        anonymous().header("Authorization", "Bearer " + other).get(BASE + "/nodes/alice?limit=0").then()
                .statusCode(401).body(startsWith("NotAuthenticated"));
        String path = "/alice/aud-" + UUID.randomUUID().toString().substring(0, 8);
        anonymous().header("Authorization", "Bearer " + other).contentType("text/xml").body(containerDoc(path))
                .put(BASE + "/nodes" + path).then().statusCode(401).body(startsWith("NotAuthenticated"));
        // nothing was created
        as("alice").get(BASE + "/nodes" + path).then().statusCode(404);
    }

    @Test
    void theSameUsersTokenForTheServiceIsAccepted() {
        as("alice").get(BASE + "/nodes/alice?limit=0").then().statusCode(200);
    }
}
