package org.vosportal.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Makes every @QuarkusTest run against the real Keycloak of {@code deploy/} (started once if it
 * is not answering yet): tokens in the tests are real tokens, verified by the application.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        KeycloakServer.ensureRunning();
        return Map.of("quarkus.oidc.auth-server-url", KeycloakServer.issuer());
    }

    @Override
    public void stop() {
        // Keycloak stays up for the next test run; deploy/keycloak.sh stop ends it
    }
}
