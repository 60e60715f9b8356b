package org.vosportal.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real Keycloak of {@code deploy/keycloak.sh} for integration tests: realm {@code vospace},
 * users alice / bob / carol (passwords {@code <user>-pw}), alice and bob in group
 * {@code survey-team}. Host and port come from the system properties {@code keycloak.host} /
 * {@code keycloak.port} or the variables {@code KEYCLOAK_HOST} / {@code KEYCLOAK_PORT}
 * (default 127.0.0.1:8180).
 *
 * <pre>
 *   KeycloakServer.ensureRunning();
 *   String token = KeycloakServer.accessToken("alice");
 * </pre>
 */
public final class KeycloakServer {

    public static final String REALM = "vospace";
    /** Public client with direct access grants: what tests and CLIs use to get tokens. */
    public static final String CLI_CLIENT_ID = "vos-cli";
    /** Confidential client of the web portal (authorization code flow). */
    public static final String PORTAL_CLIENT_ID = "vospace-portal";
    public static final String PORTAL_CLIENT_SECRET = "vospace-portal-secret";
    /** Another public client of the realm, without the {@code vospace} audience: its tokens are not for the service. */
    public static final String OTHER_CLIENT_ID = "other-app";
    public static final String GROUP = "survey-team";

    private static final Duration TOKEN_CACHE_TIME = Duration.ofMinutes(1);
    private static final long START_TIMEOUT_SECONDS = 900; // the first run downloads ~160 MB
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private static final Map<String, CachedToken> TOKENS = new ConcurrentHashMap<>();
    private static final Map<String, Object> FETCH_LOCKS = new ConcurrentHashMap<>();
    private static volatile boolean running;

    private record CachedToken(String token, Instant fetched) {
    }

    private KeycloakServer() {
    }

    public static String host() {
        return DeployScript.setting("keycloak.host", "KEYCLOAK_HOST", "127.0.0.1");
    }

    public static int port() {
        return Integer.parseInt(DeployScript.setting("keycloak.port", "KEYCLOAK_PORT", "8180"));
    }

    /** {@code http://127.0.0.1:8180} */
    public static String baseUrl() {
        return "http://" + host() + ":" + port();
    }

    /** {@code http://127.0.0.1:8180/realms/vospace}: the {@code iss} of every token, the OIDC auth-server-url. */
    public static String issuer() {
        return baseUrl() + "/realms/" + REALM;
    }

    public static String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /** Starts Keycloak through {@code deploy/keycloak.sh start} unless it answers already (checked once per JVM). */
    public static synchronized void ensureRunning() {
        if (running) {
            return;
        }
        if (!answers()) {
            DeployScript.run("keycloak.sh",
                    Map.of("KEYCLOAK_HOST", host(), "KEYCLOAK_PORT", Integer.toString(port())),
                    START_TIMEOUT_SECONDS, "start");
            if (!answers()) {
                throw new IllegalStateException("deploy/keycloak.sh start succeeded but "
                        + issuer() + " does not answer");
            }
        }
        running = true;
    }

    /** An access token for a realm user whose password is {@code <user>-pw}. */
    public static String accessToken(String user) {
        return accessToken(user, user + "-pw");
    }

    /** An access token from a direct grant on {@code vos-cli}; cached per user for a minute. */
    public static String accessToken(String user, String password) {
        return accessToken(CLI_CLIENT_ID, user, password);
    }

    /** An access token from a direct grant on the public client {@code clientId}; cached for a minute. */
    public static String accessToken(String clientId, String user, String password) {
        String key = clientId + '\0' + user + '\0' + password;
        CachedToken cached = TOKENS.get(key);
        if (cached != null && cached.fetched().plus(TOKEN_CACHE_TIME).isAfter(Instant.now())) {
            return cached.token();
        }
        // One fetch per user at a time: Keycloak's brute-force detector refuses concurrent logins of one
        // user ("Invalid user credentials"), and tests start dozens of uploads at once.
        synchronized (FETCH_LOCKS.computeIfAbsent(key, k -> new Object())) {
            cached = TOKENS.get(key);
            if (cached != null && cached.fetched().plus(TOKEN_CACHE_TIME).isAfter(Instant.now())) {
                return cached.token();
            }
            ensureRunning();
            String token = fetchToken(tokenEndpoint(), clientId, user, password);
            TOKENS.put(key, new CachedToken(token, Instant.now()));
            return token;
        }
    }

    /**
     * A fresh access token from {@code endpoint} (the realm's token endpoint at some address: its
     * issuer is the address it was asked at), by a direct grant on the public client {@code clientId}.
     */
    public static String fetchToken(String endpoint, String clientId, String user, String password) {
        String form = "grant_type=password"
                + "&client_id=" + encode(clientId)
                + "&username=" + encode(user)
                + "&password=" + encode(password);
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request for " + user + " on " + clientId + " failed: HTTP "
                    + response.statusCode() + " " + response.body());
        }
        Matcher matcher = ACCESS_TOKEN.matcher(response.body());
        if (!matcher.find()) {
            throw new IllegalStateException("no access_token in the token response for " + user);
        }
        return matcher.group(1);
    }

    /** Forgets cached tokens (e.g. after a test changed a user's groups). */
    public static void clearTokenCache() {
        TOKENS.clear();
    }

    private static boolean answers() {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(issuer() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling " + request.uri(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
