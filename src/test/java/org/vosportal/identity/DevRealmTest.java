package org.vosportal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vosportal.testsupport.KeycloakServer;

/**
 * What the running development realm enforces for the portal's client (the realm JSON in
 * {@code deploy/realm} as Keycloak imported it): PKCE, exact redirect URIs, brute-force lockout.
 */
@Tag("servers") // a real Keycloak: the full suite, not the fast lane
class DevRealmTest {

    static final String REDIRECT = "http://127.0.0.1:8080/storage/login";
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void keycloak() {
        KeycloakServer.ensureRunning();
    }

    static HttpResponse<String> authorize(String redirectUri, boolean pkce) throws IOException, InterruptedException {
        String url = KeycloakServer.issuer() + "/protocol/openid-connect/auth?response_type=code&scope=openid"
                + "&client_id=" + KeycloakServer.PORTAL_CLIENT_ID + "&state=s1&redirect_uri="
                + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8)
                + (pkce ? "&code_challenge_method=S256&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" : "");
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePortalClientNeedsPkce() throws Exception {
        HttpResponse<String> with = authorize(REDIRECT, true);
        assertEquals(200, with.statusCode(), "the login form");
        assertTrue(with.body().contains("name=\"password\""));
        HttpResponse<String> without = authorize(REDIRECT, false);
        String location = without.headers().firstValue("Location").orElse("");
        assertEquals(302, without.statusCode(), without::body);
        assertTrue(location.startsWith(REDIRECT + "?error=invalid_request"), location);
        assertTrue(location.contains("code_challenge"), location);
        assertFalse(location.contains("code="), "no authorization code");
    }

    @Test
    void onlyTheExactRedirectUriIsAccepted() throws Exception {
        // each of these matched the old wildcard http://127.0.0.1:8080/*
        for (String other : new String[] {"http://127.0.0.1:8080/storage/vault/list/alice",
            "http://127.0.0.1:8080/vault/nodes/alice", REDIRECT + "/../../evil", REDIRECT + "x"}) {
            HttpResponse<String> r = authorize(other, true);
            assertEquals(400, r.statusCode(), other);
            assertTrue(r.headers().firstValue("Location").isEmpty(), "Keycloak does not redirect to " + other);
            assertTrue(r.body().contains("redirect_uri"), r::body);
        }
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountForAWhile() throws Exception {
        String user = "lockout-test";
        // the account exists and works (a lock left by a run of this test a minute ago expires first)
        HttpResponse<String> before = passwordGrant(user, user + "-pw");
        for (int wait = 0; before.statusCode() != 200 && wait < 18; wait++) {
            Thread.sleep(5000);
            before = passwordGrant(user, user + "-pw");
        }
        assertEquals(200, before.statusCode(), before::body);
        for (int i = 0; i < 10; i++) {
            assertEquals(401, passwordGrant(user, "wrong-" + i).statusCode());
        }
        HttpResponse<String> right = passwordGrant(user, user + "-pw");
        assertEquals(401, right.statusCode(), "the right password is refused while locked: " + right.body());
        assertFalse(right.body().contains("access_token"), right::body);
    }

    static HttpResponse<String> passwordGrant(String user, String password) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=" + KeycloakServer.CLI_CLIENT_ID + "&username="
                + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create(KeycloakServer.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
