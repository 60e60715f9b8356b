package org.vosportal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The production start-up check's decision: which configured secrets are published ones. */
class BuiltInSecretsTest {

    static final String REAL = "k7Hq2vN9xR4mT1pW8zL3cF6bJ0sD5gYa";

    /** The settings as application.properties gives them without any environment variable. */
    static Map<String, String> shipped() {
        Map<String, String> m = new HashMap<>();
        m.put(BuiltInSecrets.CLIENT_SECRET, "vospace-portal-secret");
        m.put(BuiltInSecrets.SESSION_SECRET, "change-me-portal-session-secret-32-chars-min");
        m.put(BuiltInSecrets.STATE_SECRET, "change-me-portal-session-secret-32-chars-min");
        return m;
    }

    static List<String> problems(Map<String, String> settings) {
        return BuiltInSecrets.problems(k -> Optional.ofNullable(settings.get(k)));
    }

    @Test
    void theShippedDefaultsAreAllRefusedAndNamedWithTheirVariables() {
        List<String> p = problems(shipped());
        assertEquals(3, p.size(), p::toString);
        String all = String.join("\n", p);
        for (String variable : List.of("PORTAL_CLIENT_SECRET", "PORTAL_SESSION_SECRET", "PORTAL_STATE_SECRET")) {
            assertTrue(all.contains(variable), all);
        }
    }

    @Test
    void ownSecretsPass() {
        Map<String, String> m = shipped();
        m.put(BuiltInSecrets.CLIENT_SECRET, "a-secret-generated-by-keycloak");
        m.put(BuiltInSecrets.SESSION_SECRET, REAL);
        m.put(BuiltInSecrets.STATE_SECRET, REAL);
        assertEquals(List.of(), problems(m));
        m.put(BuiltInSecrets.PREAUTH_SECRET, REAL + "-preauth");
        assertEquals(List.of(), problems(m));
    }

    @Test
    void eachBuiltInValueIsCaughtAlone() {
        Map<String, String> m = shipped();
        m.put(BuiltInSecrets.CLIENT_SECRET, "own");
        m.put(BuiltInSecrets.SESSION_SECRET, REAL);
        m.put(BuiltInSecrets.STATE_SECRET, " Change-Me-please-with-32-characters-x ");
        assertEquals(1, problems(m).size(), problems(m)::toString);
        assertTrue(problems(m).get(0).contains("PORTAL_STATE_SECRET"));

        m.put(BuiltInSecrets.STATE_SECRET, REAL);
        m.put(BuiltInSecrets.PREAUTH_SECRET, "vospace-portal-secret");
        assertTrue(problems(m).get(0).contains("VOSPACE_SERVICE_PREAUTH_SECRET"), problems(m)::toString);

        m.put(BuiltInSecrets.PREAUTH_SECRET, "");
        m.put(BuiltInSecrets.CLIENT_SECRET, "vospace-portal-secret");
        assertTrue(problems(m).get(0).contains("PORTAL_CLIENT_SECRET"), problems(m)::toString);
    }

    @Test
    void shortSessionKeysAreRefused() {
        Map<String, String> m = shipped();
        m.put(BuiltInSecrets.CLIENT_SECRET, "own");
        m.put(BuiltInSecrets.SESSION_SECRET, "short-but-not-built-in");
        m.put(BuiltInSecrets.STATE_SECRET, REAL);
        assertEquals(1, problems(m).size());
        assertTrue(problems(m).get(0).contains("shorter than 32"), problems(m)::toString);
    }
}
