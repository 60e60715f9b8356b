package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vosportal.service.ServiceTestBase;
import org.vosportal.testsupport.KeycloakServer;

/** The portal's login request: PKCE (S256) and the one redirect URI registered in the realm. */
@QuarkusTest
class PortalLoginTest extends ServiceTestBase {

    static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    @Test
    void theLoginAsksForPkceAndComesBackToTheLoginPage() {
        PortalSession s = new PortalSession(SERVER);
        HttpResponse<String> r = s.get("/storage/login");
        assertEquals(302, r.statusCode());
        URI to = URI.create(r.headers().firstValue("Location").orElseThrow());
        assertTrue(to.toString().startsWith(KeycloakServer.issuer() + "/protocol/openid-connect/auth?"), to::toString);
        Map<String, String> q = query(to);
        assertEquals("S256", q.get("code_challenge_method"), q::toString);
        assertTrue(q.getOrDefault("code_challenge", "").length() >= 43, q::toString);
        assertEquals(SERVER + "/storage/login", q.get("redirect_uri"), "one exact redirect URI, whatever page started the login");
        assertFalse(to.toString().contains("eyJ"), "no token in the URL");
        // and the whole flow works with it
        HttpResponse<String> home = PortalSession.login(SERVER, "alice").get("/storage/vault/list/alice");
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("class=\"who\">alice<"));
    }

    @Test
    void visitorsGetALandingPageThatNamesThePublicFoldersAndUsersTheirHome() {
        org.vosportal.service.PermissionCases.area(); // makes /alice public for the matrices
        try {
            HttpResponse<String> landing = new PortalSession(SERVER).get("/storage");
            assertEquals(200, landing.statusCode(), landing::body);
            org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(landing.body());
            assertEquals("Storage for astronomy data", page.selectFirst("h1").text());
            assertTrue(page.select(".public-folders a").eachAttr("href").contains("/storage/vault/list/alice"),
                    page.select(".public-folders").outerHtml());
            assertFalse(page.select(".public-folders a").eachAttr("href").contains("/storage/vault/list/bob"),
                    "a private home is not named");
            assertEquals("/storage/login", page.selectFirst(".account a").attr("href"));

            PortalSession alice = PortalSession.login(SERVER, "alice");
            HttpResponse<String> home = alice.get("/storage");
            assertEquals(303, home.statusCode());
            assertEquals("/storage/vault/list/alice", home.headers().firstValue("Location").orElse(null));
            // logging out: Keycloak sends the browser back to the landing page, which says so once
            HttpResponse<String> out = alice.post("/storage/logout", Map.of(), true);
            assertEquals(303, out.statusCode(), out::body);
            org.jsoup.nodes.Document after = org.jsoup.Jsoup.parse(alice.get("/storage").body());
            assertEquals("You are logged out.", after.select("#flash").text());
            assertEquals("", org.jsoup.Jsoup.parse(alice.get("/storage").body()).select("#flash").text(), "once");
        } finally {
            org.vosportal.service.PermissionCases.restoreHome();
        }
    }
}
