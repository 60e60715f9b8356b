package org.vosportal.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Makes every @QuarkusTest run against the real Keycloak of {@code deploy/} (started once if it
 * is not answering yet): tokens in the tests are real tokens, verified by the application.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    private String profile;

    @Override
    public void setContext(Context context) {
        profile = context.testProfile();
    }

    @Override
    public Map<String, String> start() {
        if (Boolean.getBoolean("fast-lane")) {
            // JUnit loads the tagged-out Quarkus tests of the fast lane to read their tags, and
            // Quarkus starts global test resources as it loads them: none of them runs there
            return Map.of();
        }
        KeycloakServer.ensureRunning();
        // the outage tests reach the same Keycloak through a relay they can take down (its issuer
        // is the address it is asked at); this resource is global, so a profile cannot override it
        String issuer = org.vosportal.identity.KeycloakOutageProfile.class.getName().equals(profile)
                ? org.vosportal.identity.KeycloakOutageProfile.issuer()
                : KeycloakServer.issuer();
        return Map.of("quarkus.oidc.auth-server-url", issuer);
    }

    @Override
    public void stop() {
        // Keycloak stays up for the next test run; deploy/keycloak.sh stop ends it
    }
}
