package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vosportal.service.ServiceTestBase;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.Props;

/**
 * Every state-changing portal request (forms, htmx, the streamed upload routes, logout) without
 * this session's CSRF token, with a wrong one, with a value planted in the cookie, with another
 * session's or user's token, or from another site: 403 in plain words, no request reaches the
 * VOSpace service, nothing changes in storage. With the right token each still works.
 */
@QuarkusTest
class PortalCsrfTest extends ServiceTestBase {

    static final String FORM_EXPIRED = "This form expired or came from another site. Reload the page and try again.";
    static final String CROSS_SITE = "This request came from another site, so it was refused."
            + " Use the storage pages themselves to change anything.";

    /** One unsafe portal request, built with a token (null: none) and extra headers. */
    record Attempt(String what, Builder builder, Runnable unchanged) {
    }

    interface Builder {
        HttpRequest build(PortalSession s, String token, String... headers);
    }

    static Builder form(String path, Map<String, String> fields) {
        return (s, token, headers) -> {
            Map<String, String> all = new LinkedHashMap<>(fields);
            if (token != null) {
                all.put("csrf", token);
            }
            HttpRequest.Builder b = s.request(path).header("Content-Type", "application/x-www-form-urlencoded");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            return b.POST(HttpRequest.BodyPublishers.ofString(PortalSession.form(all))).build();
        };
    }

    static Builder put(String path, byte[] body) {
        return (s, token, headers) -> {
            HttpRequest.Builder b = s.request(path).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
            if (token != null) {
                b.header("X-CSRF-Token", token);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            return b.build();
        };
    }

    static void absent(String path) {
        assertEquals(404, as("alice").get(BASE + "/nodes" + path).statusCode(), path + " must not exist");
    }

    static List<Attempt> attempts(PortalSession alice, String dir) {
        String file = dir + "/f.txt";
        // a share link of alice's to revoke (made at the service; only the revoke goes through the portal)
        io.vertx.core.json.JsonObject link = new io.vertx.core.json.JsonObject(as("alice")
                .contentType("application/x-www-form-urlencoded").body("target="
                        + java.net.URLEncoder.encode(AUTH + file, StandardCharsets.UTF_8) + "&lifetime=PT1H")
                .post(BASE + "/shares").then().statusCode(201).extract().asString());
        return List.of(
                new Attempt("revoke share link", form("/storage/vault/shares/revoke", Map.of("id", link.getString("id"))),
                        () -> assertEquals(200, anonymous().get(link.getString("url")).statusCode(), "not revoked")),
                new Attempt("mkdir", form("/storage/vault/mkdir", Map.of("parent", dir, "name", "x")),
                        () -> absent(dir + "/x")),
                new Attempt("link", form("/storage/vault/link", Map.of("parent", dir, "name", "l",
                        "target", "https://example.org/")), () -> absent(dir + "/l")),
                new Attempt("delete", form("/storage/vault/delete", Map.of("path", file)),
                        () -> assertEquals("f", download("alice", file).asString())),
                new Attempt("rename", form("/storage/vault/selection", Map.of("action", "rename", "path", file,
                        "newname", "g.txt")), () -> absent(dir + "/g.txt")),
                new Attempt("url list", form("/storage/vault/selection", Map.of("action", "urls", "path", file)),
                        () -> { }),
                new Attempt("zip", form("/storage/vault/selection/archive", Map.of("action", "zip", "path", file)),
                        () -> { }),
                new Attempt("permissions", form("/storage/vault/permissions" + file, Map.of("public", "on")),
                        () -> assertNotEquals("true", getNode("alice", file).value(Props.IS_PUBLIC))),
                new Attempt("properties", form("/storage/vault/properties" + file, Map.of("newkey", "PLANTED",
                        "newvalue", "x")), () -> assertEquals(null, getNode("alice", file).value("PLANTED"))),
                new Attempt("share", form("/storage/vault/share" + file, Map.of("ttl", "1h")), () -> { }),
                new Attempt("open path", form("/storage/vault/open-path" + file, Map.of("audience", "public")),
                        () -> assertNotEquals("true", getNode("alice", dir + "?limit=0").value(Props.IS_PUBLIC))),
                new Attempt("upload session", form("/storage/vault/uploads", Map.of("path", dir + "/u.bin",
                        "size", "3")), () -> { }),
                new Attempt("upload", put("/storage/vault/upload" + dir + "/up.bin", "abc".getBytes(StandardCharsets.UTF_8)),
                        () -> absent(dir + "/up.bin")),
                new Attempt("logout", form("/storage/logout", Map.of()),
                        () -> assertEquals(200, alice.get("/storage/vault/list/alice").statusCode(), "still logged in")));
    }

    /** Sends a request that must be refused: 403, a readable page, no upstream call. */
    static HttpResponse<String> refused(PortalSession s, HttpRequest req, String expectedWords, String what) {
        long before = UpstreamCalls.count();
        HttpResponse<String> r = s.send(req);
        assertEquals(403, r.statusCode(), what + ": " + r.body());
        assertEquals(before, UpstreamCalls.count(), what + ": no request may reach the service");
        assertTrue(r.body().contains(expectedWords), () -> what + ": " + r.headers().map() + " " + r.body());
        // pages and fragments are HTML; the streamed upload routes answer the upload script in plain text
        assertTrue(r.headers().firstValue("Content-Type").orElse("").matches("text/(html|plain).*"), what);
        assertFalse(r.body().contains("Exception") || r.body().contains("at org."), what + ": no stack trace");
        return r;
    }

    @Test
    void everyUnsafeRequestNeedsThisSessionsToken() {
        PortalSession alice = PortalTest.alice();
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/f.txt", "f");
        String good = alice.csrf();
        String otherSession = PortalTest.alice().csrf();
        String bobs = PortalSession.login(SERVER, "bob").csrf();
        assertNotEquals(good, otherSession, "each login has its own token");
        assertNotEquals(good, bobs);
        // a same-site page can set a cookie the portal reads: any value it likes
        String planted = "p".repeat(43);
        alice.jar.put(SERVER, "portal-csrf", planted);
        alice.get("/storage/vault/list/alice"); // warm up: capabilities and the session are known
        for (Attempt a : attempts(alice, dir)) {
            refused(alice, a.builder().build(alice, null), FORM_EXPIRED, a.what() + " without a token");
            refused(alice, a.builder().build(alice, "w".repeat(43)), FORM_EXPIRED, a.what() + " wrong token");
            refused(alice, a.builder().build(alice, planted), FORM_EXPIRED, a.what() + " planted token");
            refused(alice, a.builder().build(alice, otherSession), FORM_EXPIRED, a.what() + " other session");
            refused(alice, a.builder().build(alice, bobs), FORM_EXPIRED, a.what() + " bob's token");
            // from another site, even with the right token (a page that somehow learned it)
            refused(alice, a.builder().build(alice, good, "Origin", "https://evil.example"),
                    CROSS_SITE, a.what() + " cross-site Origin");
            refused(alice, a.builder().build(alice, good, "Origin", "null"), CROSS_SITE,
                    a.what() + " opaque Origin");
            refused(alice, a.builder().build(alice, good, "Sec-Fetch-Site", "same-site"), CROSS_SITE,
                    a.what() + " from a sibling sub-domain");
            refused(alice, a.builder().build(alice, good, "Sec-Fetch-Site", "cross-site", "Origin", SERVER),
                    CROSS_SITE, a.what() + " Sec-Fetch-Site cross-site");
            a.unchanged().run();
        }
        // htmx requests get the refusal in the flash region, still before any upstream call
        HttpResponse<String> hx = refused(alice, form("/storage/vault/mkdir", Map.of("parent", dir, "name", "x"))
                .build(alice, null, "HX-Request", "true"), FORM_EXPIRED, "htmx");
        assertEquals("#flash", hx.headers().firstValue("HX-Retarget").orElse(null));
        absent(dir + "/x");

        // the right token works, from the portal's own origin too
        HttpResponse<String> made = alice.send(form("/storage/vault/mkdir", Map.of("parent", dir, "name", "x"))
                .build(alice, good, "Origin", SERVER, "Sec-Fetch-Site", "same-origin"));
        assertEquals(303, made.statusCode(), made.body());
        assertEquals("vos:ContainerNode", getNode("alice", dir + "/x?limit=0").type().xsiType());
        HttpResponse<String> up = alice.send(put("/storage/vault/upload" + dir + "/up.bin",
                "abc".getBytes(StandardCharsets.UTF_8)).build(alice, good));
        assertEquals(201, up.statusCode(), up.body());
        HttpResponse<String> perms = alice.send(form("/storage/vault/permissions" + dir + "/f.txt",
                Map.of("public", "on")).build(alice, good));
        assertEquals(303, perms.statusCode(), perms.body());
        assertEquals("true", getNode("alice", dir + "/f.txt").value(Props.IS_PUBLIC));
    }

    @Test
    void logoutIsAPostWithTheTokenAndNothingElseLogsOut() {
        PortalSession alice = PortalTest.alice();
        // a link or an image cannot log anyone out
        HttpResponse<String> get = alice.get("/storage/logout");
        assertEquals(405, get.statusCode(), get.body());
        refused(alice, form("/storage/logout", Map.of()).build(alice, null), FORM_EXPIRED, "logout");
        assertEquals(200, alice.get("/storage/vault/list/alice").statusCode(), "still logged in");
        HttpResponse<String> out = alice.send(form("/storage/logout", Map.of()).build(alice, alice.csrf()));
        assertEquals(303, out.statusCode(), out.body());
        String location = out.headers().firstValue("Location").orElse("");
        assertTrue(location.startsWith(org.vosportal.testsupport.KeycloakServer.issuer()
                + "/protocol/openid-connect/logout?"), location);
        assertTrue(location.contains("post_logout_redirect_uri=" + java.net.URLEncoder.encode(SERVER + "/storage",
                StandardCharsets.UTF_8)), location);
        assertEquals(403, alice.get("/storage/vault/list/alice").statusCode(), "the portal session is gone");
    }

    @Test
    void anonymousVisitorsTokensComeFromTheirOwnCookieNotFromAPlantedOne() {
        PortalSession anon = new PortalSession(SERVER);
        String token = anon.csrf();
        String cookie = anon.jar.value(SERVER, "portal-csrf");
        assertTrue(cookie != null && !cookie.equals(token), "the cookie is not the token itself");
        Builder mkdir = form("/storage/vault/mkdir", Map.of("parent", "/alice", "name", "anon-x"));
        // the right token gets past the check (and then the service says no)
        HttpResponse<String> passed = anon.send(mkdir.build(anon, token));
        assertFalse(passed.body().contains(FORM_EXPIRED), passed.body());
        // a cookie value chosen by another page, echoed in the form: refused
        anon.jar.put(SERVER, "portal-csrf", "q".repeat(43));
        refused(anon, mkdir.build(anon, "q".repeat(43)), FORM_EXPIRED, "planted anonymous cookie");
        refused(anon, mkdir.build(anon, token), FORM_EXPIRED, "token of the replaced cookie");
        absent("/alice/anon-x");
    }

    @Test
    void behindATlsProxyTheAnonymousCookieIsHostPrefixedAndSecure() {
        PortalSession anon = new PortalSession(SERVER);
        HttpResponse<String> page = anon.send(anon.request("/storage/vault/list").header("X-Forwarded-Proto", "https")
                .GET().build());
        List<String> cookies = page.headers().allValues("Set-Cookie");
        assertTrue(cookies.stream().anyMatch(c -> c.startsWith("__Host-portal-csrf=") && c.contains("Secure")
                && c.contains("Path=/;") && !c.toLowerCase().contains("domain=")), cookies.toString());
        assertFalse(cookies.stream().anyMatch(c -> c.startsWith("portal-csrf=")), cookies.toString());
        // over https the unprefixed cookie (which anyone on plain http could set) counts for nothing
        String token = PortalSession.tokenOf(page.body());
        String value = anon.jar.value(SERVER, "__Host-portal-csrf");
        anon.jar.put(SERVER, "portal-csrf", value);
        HttpResponse<String> r = anon.send(form("/storage/vault/mkdir", Map.of("parent", "/alice", "name", "y"))
                .build(anon, token, "X-Forwarded-Proto", "https"));
        assertFalse(r.body().contains(FORM_EXPIRED), "the __Host- cookie's token is accepted: " + r.body());
        Node unchanged = getNode("alice", "/alice?limit=0");
        assertEquals("vos:ContainerNode", unchanged.type().xsiType());
    }
}
