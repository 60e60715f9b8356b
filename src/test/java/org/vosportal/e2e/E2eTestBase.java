package org.vosportal.e2e;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vosportal.service.ServiceTestBase;
import org.vosportal.testsupport.Chromium;

/**
 * Real-browser tests: headless Chromium against the application on the test port, logged in
 * through the real Keycloak's form. Storage state is checked through {@code /vault} with real
 * tokens (ServiceTestBase). Browsers are quit after each test; on failure they are photographed
 * first (target/e2e-screenshots/).
 */
@ExtendWith(ScreenshotOnFailure.class)
abstract class E2eTestBase extends ServiceTestBase {

    /** A fresh browser with no session. */
    static Browser browser(String label) {
        return new Browser(Chromium.open(label), SERVER);
    }

    /** A fresh browser, logged in through Keycloak's login form. */
    static Browser loggedIn(String user) {
        Browser b = browser(user);
        b.login(user, user + "-pw");
        return b;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** URL path segment encoding as the portal's links use it (spaces as %20). */
    static String enc(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @AfterEach
    void quitBrowsers() {
        Chromium.quitAll();
    }

    @AfterAll
    static void quitEverything() {
        Chromium.quitAll();
    }
}
