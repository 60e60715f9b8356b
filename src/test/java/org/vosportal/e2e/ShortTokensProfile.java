package org.vosportal.e2e;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import org.vosportal.service.ServiceTestBase;
import org.vosportal.testsupport.KeycloakAdmin;
import org.vosportal.testsupport.KeycloakServer;

/**
 * The portal logs in through a client of its own whose tokens live {@link #TOKEN_SECONDS}: a
 * session can then be made to end for real (tokens expired, refresh refused) within a test.
 */
public class ShortTokensProfile implements QuarkusTestProfile {

    static final String CLIENT_ID = "vospace-portal-short-tokens";
    static final int TOKEN_SECONDS = 10;

    static {
        if (!Boolean.getBoolean("fast-lane")) { // the fast lane loads this only to read the test's tag
            KeycloakAdmin.recreatePortalClient(CLIENT_ID, KeycloakServer.PORTAL_CLIENT_SECRET, TOKEN_SECONDS,
                    ServiceTestBase.SERVER + "/storage/login");
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.oidc.portal.client-id", CLIENT_ID);
    }
}
