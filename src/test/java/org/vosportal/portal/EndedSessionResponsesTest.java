package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.vosportal.service.ServiceTestBase;
import org.vosportal.vospace.UriCodec;

/**
 * What the portal answers a browser whose session has ended (ExpiredSessions), over HTTP: a trip
 * through the login back to the page it was on, for a page, an htmx fragment and a form; a form
 * is not replayed but asked for again, once. A visitor who never logged in still gets the plain
 * refusal with its Log in button.
 */
@QuarkusTest
class EndedSessionResponsesTest extends ServiceTestBase {

    static final String[] SESSION_COOKIES = {"q_session_portal", "q_session_at_portal", "q_session_rt_portal"};

    /** alice logged in, then her browser dropped the session cookies (their Max-Age ran out). */
    static PortalSession droppedSession() {
        PortalSession s = PortalTest.alice();
        assertEquals("1", s.jar.value(SERVER, "portal-session"), "the login marks the browser");
        s.csrf(); // the token of the pages still open
        for (String name : SESSION_COOKIES) {
            s.jar.put(URI.create(SERVER), Map.of("Set-Cookie", List.of(name + "=; Max-Age=0")));
        }
        return s;
    }

    static String loginBackTo(String path) {
        return "/storage/login?next=" + UriCodec.encodeQueryValue(path);
    }

    static String location(HttpResponse<?> r) {
        return r.headers().firstValue("Location").orElse(null);
    }

    static boolean clears(HttpResponse<?> r, String cookie) {
        return r.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith(cookie + "=;")
                && c.contains("Max-Age=0"));
    }

    @Test
    void aPageOpenedAfterTheCookieWasDroppedGoesThroughTheLoginBackToThatPage() {
        String dir = freshFolder("alice");
        String page = "/storage/vault/list" + dir + "?sort=size&order=desc";
        PortalSession s = droppedSession();
        HttpResponse<String> r = s.get(page);
        assertEquals(303, r.statusCode(), r::body);
        assertEquals(loginBackTo(page), location(r));
        assertTrue(clears(r, "portal-session"), "the marker goes with the session");
        // Keycloak's single sign-on session is alive: straight back, logged in, on that page
        HttpResponse<String> back = s.follow(r);
        assertEquals(200, back.statusCode());
        assertEquals(page, back.uri().getRawPath() + "?" + back.uri().getRawQuery());
        assertEquals("alice", Jsoup.parse(back.body()).select(".account .who").text());
    }

    @Test
    void aFragmentComesBackToThePageItWasAskedFrom() {
        String dir = freshFolder("alice");
        mkdir("alice", dir + "/sub");
        PortalSession s = droppedSession();
        String page = "/storage/vault/list" + dir;
        HttpResponse<String> r = s.send(s.request("/storage/vault/info" + dir + "/sub").header("HX-Request", "true")
                .header("HX-Current-URL", SERVER + page).GET().build());
        assertEquals(401, r.statusCode(), r::body);
        assertEquals(loginBackTo(page), r.headers().firstValue("HX-Redirect").orElse(null));
        assertFalse(r.body().contains("private"), "no permission words swapped into the page");
        // only ever a path of this portal, whatever the header says
        HttpResponse<String> hostile = droppedSession().send(s.request("/storage/vault/info" + dir + "/sub")
                .header("HX-Request", "true").header("HX-Current-URL", "http://evil.example//evil.example/x").GET().build());
        assertEquals("/storage/login", hostile.headers().firstValue("HX-Redirect").orElse(null));
    }

    @Test
    void aFormSentAfterTheSessionEndedIsAskedForAgainOnceNotReplayed() {
        String dir = freshFolder("alice");
        String page = "/storage/vault/list" + dir;
        PortalSession s = droppedSession();
        String staleToken = s.csrf();
        HttpResponse<String> r = s.send(s.request("/storage/vault/mkdir").header("HX-Request", "true")
                .header("HX-Current-URL", SERVER + page).header("X-CSRF-Token", staleToken)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(PortalSession.form(Map.of("parent", dir, "name", "late"))))
                .build());
        assertEquals(401, r.statusCode(), r::body);
        assertEquals(loginBackTo(page), r.headers().firstValue("HX-Redirect").orElse(null));
        assertFalse(r.body().contains("This form expired"), "not taken for a forged form");
        assertNotNull(s.jar.value(SERVER, "portal-flash"), "a flash waits for the page after the login");
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/late").statusCode(), "nothing was done");

        HttpResponse<String> back = s.follow(s.get(r.headers().firstValue("HX-Redirect").orElseThrow()));
        assertEquals(page, back.uri().getRawPath());
        Document d = Jsoup.parse(back.body());
        assertEquals("Your session had expired, so your last action was not carried out. You are logged in again:"
                + " please repeat it.", d.select("#flash p").text());
        assertNull(s.jar.value(SERVER, "portal-flash"), "said once");
        assertTrue(Jsoup.parse(s.get(page).body()).select("#flash p").isEmpty(), "not again");

        // without JavaScript the form's page is its Referer
        PortalSession plain = droppedSession();
        HttpResponse<String> noJs = plain.send(plain.request("/storage/vault/mkdir").header("Referer", SERVER + page)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(PortalSession.form(Map.of("parent", dir, "name", "late",
                        "csrf", staleToken)))).build());
        assertEquals(303, noJs.statusCode(), noJs::body);
        assertEquals(loginBackTo(page), location(noJs));
    }

    @Test
    void aDamagedSessionCookieGoesThroughTheLoginBackToThePage() {
        String dir = freshFolder("alice");
        String page = "/storage/vault/list" + dir;
        PortalSession s = PortalTest.alice();
        s.jar.put(SERVER, "q_session_portal", "damaged-or-expired");
        HttpResponse<String> r = s.get(page);
        assertEquals(303, r.statusCode(), r::body);
        assertEquals(loginBackTo(page), location(r));
        assertTrue(clears(r, "q_session_portal"), "the dead session is dropped");
    }

    @Test
    void logOutOnAPageWhoseSessionEndedIsDone() {
        PortalSession s = droppedSession();
        HttpResponse<String> r = s.post("/storage/logout", Map.of("csrf", "from-the-old-page"), false);
        assertEquals(303, r.statusCode(), r::body);
        assertEquals("/storage", location(r));
        assertNull(s.jar.value(SERVER, "portal-flash"), "nothing to repeat");
    }

    @Test
    void aVisitorWhoNeverLoggedInStillGetsThePlainRefusal() {
        String dir = freshFolder("alice");
        String page = "/storage/vault/list" + dir;
        PortalSession anonymous = new PortalSession(SERVER);
        HttpResponse<String> r = anonymous.get(page);
        assertEquals(403, r.statusCode());
        Document d = Jsoup.parse(r.body());
        assertEquals("Permission denied", d.select(".error-page h1").text());
        assertEquals(loginBackTo(page), d.select(".error-page a.button.primary").attr("href"));
        HttpResponse<String> forged = anonymous.post("/storage/vault/mkdir", Map.of("parent", dir, "name", "x",
                "csrf", "forged"), false);
        assertEquals(403, forged.statusCode());
        assertNotNull(Jsoup.parse(forged.body()).selectFirst(".error-page"), "the refusal page, not a login");
    }
}
