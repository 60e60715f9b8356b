package org.vosportal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.vosportal.portal.PortalSession;
import org.vosportal.service.ServiceTestBase;

/**
 * Keycloak stopped and started again while the application runs (and already stopped when it
 * starts): what needs no Keycloak keeps working (anonymous access, tokens and portal sessions
 * issued before), what needs it answers 503 in plain words with {@code Retry-After} (never a
 * stack trace, never a 500), and everything works again once Keycloak is back, without a restart.
 */
@QuarkusTest
@TestProfile(KeycloakOutageProfile.class)
class KeycloakOutageTest extends ServiceTestBase {

    @AfterAll
    static void relayDown() {
        KeycloakOutageProfile.RELAY.down();
    }

    static int bearer(String token) {
        return as(null).header("Authorization", "Bearer " + token).get(BASE + "/nodes/alice?limit=0").statusCode();
    }

    /** A 503 page of the portal: plain words, a retry hint, no stack trace. */
    static void unavailablePage(HttpResponse<String> r, String what) {
        assertEquals(503, r.statusCode(), what + ": " + r.body());
        assertTrue(r.headers().firstValue("Retry-After").isPresent(), what + ": Retry-After");
        assertTrue(r.body().contains("login service"), what + ": says what is missing: " + r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("at io."), what + ": no stack trace");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A login as soon as the portal has seen Keycloak back (it looks again every few seconds). */
    static PortalSession loginWithin(String user, int seconds) {
        for (int i = 0; ; i++) {
            try {
                return PortalSession.login(SERVER, user);
            } catch (AssertionError e) {
                if (i >= seconds * 2) {
                    throw e;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");

    @Test
    void anOutageStopsOnlyWhatNeedsKeycloakAndEndsWithoutARestart() {
        // 1. started while Keycloak is away
        assertEquals(200, anonymous().get(BASE + "/availability").statusCode());
        assertEquals(200, new PortalSession(SERVER).get("/storage/vault/list").statusCode(), "anonymous browsing");
        int early = bearer(KeycloakOutageProfile.ALICE_TOKEN);
        assertEquals(503, early, "a token that cannot be checked yet is not called invalid");
        unavailablePage(new PortalSession(SERVER).get("/storage/login"), "login while Keycloak is away");

        // 2. Keycloak is back: tokens and logins work, nothing restarted
        KeycloakOutageProfile.RELAY.up();
        assertEquals(200, bearer(KeycloakOutageProfile.ALICE_TOKEN), "recovered without a restart");
        PortalSession alice = loginWithin("alice", 10);
        assertEquals(200, alice.get("/storage/vault/list/alice").statusCode());

        // 3. away again: what was issued keeps working (the keys are known), logins say why they wait
        PortalSession late = new PortalSession(SERVER);
        HttpResponse<String> form = late.follow(late.get("/storage/login"));
        assertEquals(200, form.statusCode(), "Keycloak's login page");
        Matcher m = FORM_ACTION.matcher(form.body());
        assertTrue(m.find(), "Keycloak's login form: " + form.body());
        HttpResponse<String> toPortal = late.send(HttpRequest.newBuilder(URI.create(m.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(PortalSession.form(Map.of("username", "bob",
                        "password", "bob-pw")))).build());
        assertEquals(302, toPortal.statusCode(), "Keycloak sends the browser back with a code");
        KeycloakOutageProfile.RELAY.down();

        assertEquals(200, bearer(KeycloakOutageProfile.ALICE_TOKEN), "tokens issued before still work");
        assertEquals(200, alice.get("/storage/vault/list/alice").statusCode(), "sessions begun before still work");
        assertEquals(200, anonymous().get(BASE + "/availability").statusCode());
        sleep(org.vosportal.IdentityProviderDown.PROBE_MILLIS + 500); // the portal looks again
        unavailablePage(new PortalSession(SERVER).get("/storage/login"), "a new login");
        String back = toPortal.headers().firstValue("Location").orElseThrow();
        // the code cannot be exchanged: the page says why and offers a fresh login
        HttpResponse<String> returned = late.send(HttpRequest.newBuilder(URI.create(back)).GET().build());
        unavailablePage(returned, "the return from Keycloak (code exchange) during the outage");
        assertTrue(returned.body().contains("href=\"/storage/login\""), "a fresh login: " + returned.body());

        // 4. back again: the same browser logs in
        KeycloakOutageProfile.RELAY.up();
        PortalSession bob = loginWithin("bob", 10);
        assertEquals(200, bob.get("/storage/vault/list/bob").statusCode());
    }
}
