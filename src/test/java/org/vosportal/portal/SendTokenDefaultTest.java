package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which configured services get the user's token: the embedded one by default, others only when told. */
class SendTokenDefaultTest {

    static final String EMBEDDED = "http://127.0.0.1:8080/vault";

    static PortalConfig.Service service(String capabilities, Boolean sendToken) {
        return new PortalConfig.Service() {
            public String capabilities() {
                return capabilities;
            }

            public Optional<String> title() {
                return Optional.empty();
            }

            public String home() {
                return "/{user}";
            }

            public String groupAuthority() {
                return "ivo://opencadc.org/gms";
            }

            public Optional<Boolean> sendToken() {
                return Optional.ofNullable(sendToken);
            }
        };
    }

    @Test
    void theEmbeddedServiceGetsTheTokenByDefault() {
        assertTrue(VosClients.sendsToken(service("http://127.0.0.1:8080/vault/capabilities", null), EMBEDDED));
    }

    @Test
    void anyOtherServiceOnlyWhenConfigured() {
        assertFalse(VosClients.sendsToken(service("https://ws-uv.canfar.net/vault/capabilities", null), EMBEDDED));
        assertFalse(VosClients.sendsToken(service("http://127.0.0.1:8099/vault/capabilities", null), EMBEDDED),
                "another port is another origin");
        assertTrue(VosClients.sendsToken(service("https://ws-uv.canfar.net/vault/capabilities", true), EMBEDDED));
        assertFalse(VosClients.sendsToken(service("http://127.0.0.1:8080/vault/capabilities", false), EMBEDDED));
    }
}
