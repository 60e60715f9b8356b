package org.vosportal.testsupport;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The admin REST API of the tests' Keycloak ({@link KeycloakServer}), as its bootstrap admin
 * ({@code KEYCLOAK_ADMIN_USER} / {@code KEYCLOAK_ADMIN_PASSWORD}, default admin / admin, as
 * {@code deploy/keycloak.sh} starts it): what a test needs to make a session end on the server
 * side, as an administrator or an idle timeout would.
 */
public final class KeycloakAdmin {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private KeycloakAdmin() {
    }

    /**
     * (Re)creates a confidential client of the realm like the portal's ({@code vospace-portal}:
     * secret, PKCE, groups and the {@code vospace} audience) whose tokens live only
     * {@code tokenSeconds}, coming back to {@code redirectUri}. Shared realm, so the portal's own
     * client is never touched: a test profile points the portal at this one.
     */
    public static void recreatePortalClient(String clientId, String secret, int tokenSeconds, String redirectUri) {
        String token = token();
        JsonArray existing = new JsonArray(send(request(token, "/clients?clientId=" + encode(clientId)).GET(), 200));
        for (int i = 0; i < existing.size(); i++) {
            send(request(token, "/clients/" + existing.getJsonObject(i).getString("id")).DELETE(), 204);
        }
        JsonObject client = new JsonObject().put("clientId", clientId).put("enabled", true)
                .put("protocol", "openid-connect").put("publicClient", false)
                .put("clientAuthenticatorType", "client-secret").put("secret", secret)
                .put("standardFlowEnabled", true).put("directAccessGrantsEnabled", false).put("fullScopeAllowed", true)
                .put("redirectUris", new JsonArray().add(redirectUri))
                .put("attributes", new JsonObject().put("pkce.code.challenge.method", "S256")
                        .put("access.token.lifespan", Integer.toString(tokenSeconds))
                        .put("post.logout.redirect.uris", "+"))
                .put("protocolMappers", new JsonArray()
                        .add(new JsonObject().put("name", "groups").put("protocol", "openid-connect")
                                .put("protocolMapper", "oidc-group-membership-mapper")
                                .put("config", new JsonObject().put("claim.name", "groups").put("full.path", "false")
                                        .put("id.token.claim", "true").put("access.token.claim", "true")
                                        .put("userinfo.token.claim", "true")))
                        .add(new JsonObject().put("name", "vospace-audience").put("protocol", "openid-connect")
                                .put("protocolMapper", "oidc-audience-mapper")
                                .put("config", new JsonObject().put("included.custom.audience", "vospace")
                                        .put("id.token.claim", "false").put("access.token.claim", "true"))));
        send(request(token, "/clients").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(client.encode())), 201);
    }

    /**
     * Ends, on the server, every session of {@code user} that {@code clientId} takes part in
     * (others' logins of the same user stay): its refresh token stops working at once.
     */
    public static int endSessions(String user, String clientId) {
        String token = token();
        JsonArray users = new JsonArray(send(request(token, "/users?exact=true&username=" + encode(user)).GET(), 200));
        String id = users.getJsonObject(0).getString("id");
        JsonArray sessions = new JsonArray(send(request(token, "/users/" + id + "/sessions").GET(), 200));
        int ended = 0;
        for (int i = 0; i < sessions.size(); i++) {
            JsonObject s = sessions.getJsonObject(i);
            JsonObject clients = s.getJsonObject("clients", new JsonObject());
            if (clients.getMap().containsValue(clientId)) {
                send(request(token, "/sessions/" + s.getString("id")).DELETE(), 204);
                ended++;
            }
        }
        return ended;
    }

    private static String token() {
        KeycloakServer.ensureRunning();
        String form = "grant_type=password&client_id=admin-cli&username="
                + encode(DeployScript.setting("keycloak.admin.user", "KEYCLOAK_ADMIN_USER", "admin"))
                + "&password=" + encode(DeployScript.setting("keycloak.admin.password", "KEYCLOAK_ADMIN_PASSWORD", "admin"));
        String body = send(HttpRequest.newBuilder(URI.create(KeycloakServer.baseUrl()
                + "/realms/master/protocol/openid-connect/token")).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)), 200);
        return new JsonObject(body).getString("access_token");
    }

    private static HttpRequest.Builder request(String token, String path) {
        return HttpRequest.newBuilder(URI.create(KeycloakServer.baseUrl() + "/admin/realms/" + KeycloakServer.REALM + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private static String send(HttpRequest.Builder request, int expected) {
        HttpRequest r = request.timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = HTTP.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != expected) {
                throw new IllegalStateException(r.method() + " " + r.uri() + ": HTTP " + response.statusCode() + " "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + r.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling " + r.uri(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
