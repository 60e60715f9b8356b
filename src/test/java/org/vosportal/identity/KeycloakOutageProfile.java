package org.vosportal.identity;

import io.quarkus.test.junit.QuarkusTestProfile;
import org.vosportal.testsupport.KeycloakServer;
import org.vosportal.testsupport.TcpRelay;

/**
 * The application reaches Keycloak through a {@link TcpRelay} that {@link KeycloakOutageTest}
 * takes down and brings back; the relay is down when the application starts.
 */
public class KeycloakOutageProfile implements QuarkusTestProfile {

    static final TcpRelay RELAY = new TcpRelay(KeycloakServer.host(), KeycloakServer.port());

    /** alice's token issued through the relay before the outage (as a client holding one has). */
    static final String ALICE_TOKEN;

    static {
        if (Boolean.getBoolean("fast-lane")) {
            ALICE_TOKEN = null; // loaded there only to read the test's tag (KeycloakTestResource)
        } else {
            KeycloakServer.ensureRunning();
            RELAY.up();
            try {
                ALICE_TOKEN = KeycloakServer.fetchToken(issuer() + "/protocol/openid-connect/token",
                        KeycloakServer.CLI_CLIENT_ID, "alice", "alice-pw");
            } finally {
                RELAY.down(); // the application starts while Keycloak is away
            }
        }
    }

    /** The realm's issuer as the application sees it: through the relay. */
    public static String issuer() {
        return "http://127.0.0.1:" + RELAY.port() + "/realms/" + KeycloakServer.REALM;
    }
}
