package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.vosportal.service.ServiceTestBase;

/**
 * The Shares page (links the user shared: expiry, copy, revoke; what others shared with the
 * user's groups) and the details dialog's share links, against the embedded service.
 */
@QuarkusTest
class SharesPageTest extends ServiceTestBase {

    /** Makes a 1-day share link in the details page; returns its URL. */
    static String shareLink(PortalSession s, String path) {
        HttpResponse<String> shared = s.post("/storage/vault/share" + path, Map.of("ttl", "1d"), true);
        assertEquals(200, shared.statusCode(), shared.body());
        Document d = Jsoup.parse(shared.body());
        Element field = d.selectFirst("input#new-share-link");
        assertNotNull(field, shared.body());
        Element copy = d.selectFirst("button[data-copy=new-share-link]");
        assertNotNull(copy, "a copy button next to the new link");
        assertEquals("Copied", copy.attr("data-copied"));
        return field.val();
    }

    static Element linkRow(Document page, String url) {
        for (Element row : page.select("#my-links tr.share-link")) {
            Element field = row.selectFirst("input.link");
            if (field != null && field.val().equals(url)) {
                return row;
            }
        }
        return null;
    }

    @Test
    void theSharesPageListsMyLinkWithCopyAndRevokesIt() {
        PortalSession s = PortalTest.alice();
        String dir = PortalTest.folder(s);
        String path = dir + "/report.txt";
        s.upload(path, "report".getBytes(StandardCharsets.UTF_8), true);
        String url = shareLink(s, path);
        assertEquals(200, Recipient.status(url));

        // reachable from the listing's header
        Document listing = Jsoup.parse(s.get("/storage/vault/list" + dir).body());
        assertEquals("/storage/vault/shares", listing.selectFirst("header a.shares-nav").attr("href"));

        Document page = Jsoup.parse(s.get("/storage/vault/shares").body());
        assertEquals("Shares", page.selectFirst("h1").text());
        Element row = linkRow(page, url);
        assertNotNull(row, page.html());
        assertEquals(path, row.selectFirst("td a").text());
        assertEquals("/storage/vault/info" + path, row.selectFirst("td a").attr("href"));
        assertTrue(row.selectFirst("td.expires").text().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC"),
                row.selectFirst("td.expires").text());
        Element field = row.selectFirst("input.link");
        assertEquals(field.id(), row.selectFirst("button[data-copy]").attr("data-copy"), "the copy button names its field");
        Element revoke = row.selectFirst("form.revoke");
        assertEquals("/storage/vault/shares/revoke", revoke.attr("action"));
        assertTrue(revoke.selectFirst("button").attr("data-confirm").startsWith("Revoke the link to " + path + "?"));
        assertNotNull(page.selectFirst("dialog#confirm"), "the confirmation dialog is in the page");

        HttpResponse<String> done = s.post("/storage/vault/shares/revoke",
                Map.of("id", revoke.selectFirst("input[name=id]").val()), true);
        assertEquals(303, done.statusCode(), done.body());
        assertEquals("/storage/vault/shares", done.headers().firstValue("Location").orElseThrow());
        Document after = Jsoup.parse(s.follow(done).body());
        assertEquals("Share link revoked: it no longer works.", after.selectFirst("#flash").text());
        assertNull(linkRow(after, url), "no longer listed");
        assertEquals(410, Recipient.status(url));
        // without the CSRF token nothing is revoked
        assertEquals(403, s.post("/storage/vault/shares/revoke", Map.of("id", "x"), false).statusCode());
        HttpResponse<String> unknown = s.post("/storage/vault/shares/revoke", Map.of("id", "no-such-link"), true);
        assertEquals(404, unknown.statusCode());
        assertTrue(!unknown.body().contains("Exception"), unknown.body());
    }

    @Test
    void theDetailsDialogListsTheFilesLinksAndRevokesOne() {
        PortalSession s = PortalTest.alice();
        String dir = PortalTest.folder(s);
        String path = dir + "/data.csv";
        s.upload(path, "a,b".getBytes(StandardCharsets.UTF_8), true);
        String first = shareLink(s, path);
        String second = shareLink(s, path);

        Document info = Jsoup.parse(s.htmx("/storage/vault/info" + path).body());
        var items = info.select(".info ul.share-links li.share-link");
        assertEquals(2, items.size(), info.html());
        Element item = items.stream().filter(li -> li.selectFirst("input.link").val().equals(first)).findFirst()
                .orElseThrow();
        assertNotNull(item.selectFirst("button[data-copy]"));
        Element form = item.selectFirst("form.revoke");
        assertEquals(path, form.selectFirst("input[name=path]").val(), "comes back to the dialog");

        HttpResponse<String> done = s.post("/storage/vault/shares/revoke",
                Map.of("id", form.selectFirst("input[name=id]").val(), "path", path), true);
        assertEquals(303, done.statusCode(), done.body());
        assertEquals("/storage/vault/info" + path, done.headers().firstValue("Location").orElseThrow());
        Document back = Jsoup.parse(s.follow(done).body());
        assertEquals("Share link revoked: it no longer works.", back.selectFirst(".info .flash").text());
        var left = back.select(".info ul.share-links li.share-link input.link");
        assertEquals(1, left.size());
        assertEquals(second, left.first().val());
        assertEquals(410, Recipient.status(first));
        assertEquals(200, Recipient.status(second));
        assertNull(back.selectFirst(".info ul.share-links .badge.blocked"));

        // replaced: the link serves nothing any more, and the dialog says so
        s.upload(path, "c,d".getBytes(StandardCharsets.UTF_8), true);
        Document replaced = Jsoup.parse(s.htmx("/storage/vault/info" + path).body());
        assertEquals("no longer works: the file was moved or replaced",
                replaced.selectFirst(".info ul.share-links li.share-link .badge.blocked").text());
        assertEquals(404, Recipient.status(second));
    }

    @Test
    void sharedWithMeShowsAFolderOfAliceToBobNotToCarol() {
        PortalSession alice = PortalTest.alice();
        String dir = PortalTest.folder(alice);
        alice.post("/storage/vault/permissions" + dir, Map.of("readGroups", "survey-team", "recursive", "on"), true);

        Document bobs = Jsoup.parse(PortalSession.login(SERVER, "bob").get("/storage/vault/shares").body());
        Element row = null;
        for (Element r : bobs.select("#shared-with-me tr.shared-node")) {
            if (r.selectFirst("td a").text().equals(dir)) {
                row = r;
            }
        }
        assertNotNull(row, bobs.html());
        assertEquals("/storage/vault/list" + dir, row.selectFirst("td a").attr("href"));
        var cells = row.select("td");
        assertEquals("alice", cells.get(1).text());
        assertEquals("survey-team", cells.get(2).text());
        assertEquals("read", cells.get(3).text());

        Document carols = Jsoup.parse(PortalSession.login(SERVER, "carol").get("/storage/vault/shares").body());
        assertTrue(carols.select("#shared-with-me td a").stream().noneMatch(a -> a.text().equals(dir)));
        // other tests may have left carol links of her own: none of them is alice's folder
        assertTrue(carols.select("a").stream().noneMatch(a -> a.text().equals(dir)), "nothing of alice's for carol");
    }

    @Test
    void anonymousVisitorsAreSentToTheLogin() {
        PortalSession anonymous = new PortalSession(SERVER);
        HttpResponse<String> r = anonymous.get("/storage/vault/shares");
        assertEquals(303, r.statusCode());
        assertTrue(r.headers().firstValue("Location").orElseThrow().startsWith("/storage/login?next="),
                r.headers().toString());
        Document listing = Jsoup.parse(anonymous.get("/storage/vault/list").body());
        assertNull(listing.selectFirst("a.shares-nav"), "no Shares link when logged out");
    }

    /** Plain HTTP status of a URL, without a session (what a link's recipient gets). */
    static final class Recipient {
        static int status(String url) {
            try {
                return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
