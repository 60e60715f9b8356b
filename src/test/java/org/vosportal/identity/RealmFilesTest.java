package org.vosportal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The realm files in deploy/realm: the settings that keep them safe, checked before any import. */
class RealmFilesTest {

    static JsonObject realm(String file) throws IOException {
        Path dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        return new JsonObject(Files.readString(dir.resolve("deploy/realm").resolve(file)));
    }

    static JsonObject client(JsonObject realm, String id) {
        return realm.getJsonArray("clients").stream().map(JsonObject.class::cast)
                .filter(c -> id.equals(c.getString("clientId"))).findFirst().orElseThrow(() -> new AssertionError(id));
    }

    static boolean hasVospaceAudience(JsonObject client) {
        JsonArray mappers = client.getJsonArray("protocolMappers", new JsonArray());
        return mappers.stream().map(JsonObject.class::cast).anyMatch(m -> "oidc-audience-mapper".equals(m.getString("protocolMapper"))
                && "vospace".equals(m.getJsonObject("config").getString("included.custom.audience"))
                && "true".equals(m.getJsonObject("config").getString("access.token.claim")));
    }

    static void assertCommon(JsonObject r) {
        assertEquals("external", r.getString("sslRequired"));
        assertEquals(Boolean.TRUE, r.getBoolean("bruteForceProtected"));
        assertEquals(Boolean.FALSE, r.getBoolean("registrationAllowed"));
        JsonObject portal = client(r, "vospace-portal");
        assertEquals("S256", portal.getJsonObject("attributes").getString("pkce.code.challenge.method"));
        assertEquals(Boolean.FALSE, portal.getBoolean("directAccessGrantsEnabled"));
        assertEquals(Boolean.FALSE, portal.getBoolean("implicitFlowEnabled"));
        List<String> uris = portal.getJsonArray("redirectUris").stream().map(String.class::cast).toList();
        assertFalse(uris.isEmpty());
        for (String u : uris) {
            assertFalse(u.contains("*"), "no wildcard redirect URI: " + u);
            assertTrue(u.endsWith("/storage/login"), u);
        }
        String logout = portal.getJsonObject("attributes").getString("post.logout.redirect.uris");
        assertFalse(logout.contains("*") || logout.equals("+"), logout);
        assertTrue(hasVospaceAudience(portal));
        assertTrue(hasVospaceAudience(client(r, "vos-cli")));
    }

    @Test
    void theDevelopmentRealm() throws IOException {
        JsonObject r = realm("vospace-realm.json");
        assertCommon(r);
        for (Object u : client(r, "vospace-portal").getJsonArray("redirectUris")) {
            assertTrue(((String) u).startsWith("http://127.0.0.1:") || ((String) u).startsWith("http://localhost:"), (String) u);
        }
        assertFalse(hasVospaceAudience(client(r, "other-app")), "other-app stands for a client the service does not serve");
    }

    @Test
    void theProductionRealm() throws IOException {
        JsonObject r = realm("vospace-production.json");
        assertCommon(r);
        assertEquals(0, r.getJsonArray("users", new JsonArray()).size(), "no demo users");
        assertTrue(r.getString("passwordPolicy", "").contains("length("));
        for (Object o : r.getJsonArray("clients")) {
            JsonObject c = (JsonObject) o;
            assertNull(c.getString("secret"), "no fixed secret: Keycloak generates it at import");
            assertEquals(Boolean.FALSE, c.getBoolean("directAccessGrantsEnabled"), c.getString("clientId"));
        }
        for (Object u : client(r, "vospace-portal").getJsonArray("redirectUris")) {
            assertTrue(((String) u).startsWith("https://"), (String) u);
        }
        assertEquals("true", client(r, "vos-cli").getJsonObject("attributes").getString("oauth2.device.authorization.grant.enabled"));
    }
}
