package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.vosportal.service.PermissionCases;
import org.vosportal.service.ServiceTestBase;
import org.vosportal.service.TrashPurge;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.Props;

/**
 * The trash through the portal, against the embedded service: a delete in one's home moves the
 * item into {@code /{user}/.trash} (still counted in the quota), the trash page lists it with where
 * it was, Restore puts it back with its date and bytes, Delete forever and Empty trash remove it,
 * and what is older than the retention is purged (by the service's schedule and by opening the
 * page). Someone else's file is never carried into the deleter's home.
 */
@QuarkusTest
class TrashTest extends ServiceTestBase {

    @Inject
    TrashPurge purge;

    static PortalSession alice() {
        return PortalSession.login(SERVER, "alice");
    }

    static HttpResponse<String> delete(PortalSession s, String path) {
        return s.post("/storage/vault/delete", Map.of("path", path), true);
    }

    static Document trashPage(PortalSession s) {
        HttpResponse<String> r = s.get("/storage/vault/trash");
        assertEquals(200, r.statusCode(), r::body);
        return Jsoup.parse(r.body());
    }

    /** The trash page's row of the item that was at {@code originalPath}. */
    static Element trashRow(Document trash, String originalPath) {
        String folder = originalPath.substring(0, originalPath.lastIndexOf('/'));
        String name = originalPath.substring(originalPath.lastIndexOf('/') + 1);
        return trash.select("tr.row").stream().filter(r -> r.attr("data-name").equals(name)
                && r.select("td.original").text().equals(folder)).findFirst().orElse(null);
    }

    /**
     * The row of the item that was at {@code originalPath}, on whichever page of the trash it is
     * (following the pages' "more" links), or null when it is on none.
     */
    static Element findInTrash(PortalSession s, String originalPath) {
        String url = "/storage/vault/trash";
        for (int pages = 0; url != null && pages < 10_000; pages++) {
            HttpResponse<String> r = s.get(url);
            assertEquals(200, r.statusCode(), r::body);
            Document page = Jsoup.parse(r.body());
            Element row = trashRow(page, originalPath);
            if (row != null) {
                return row;
            }
            Element more = page.selectFirst("p.trash-pages a.more");
            url = more == null ? null : more.attr("href");
        }
        return null;
    }

    static long homeBytes(String user) {
        return Long.parseLong(getNode(user, "/" + user + "?limit=0").value(Props.LENGTH));
    }

    static String md5(String path) {
        return getNode("alice", path).value(Props.MD5);
    }

    static HttpResponse<String> restore(PortalSession s, Element row) {
        return s.post("/storage/vault/trash/restore", Map.of("name", row.attr("data-trash-name")), true);
    }

    @Test
    void deleteMovesIntoTheTrashAndRestoreBringsItBackIntact() throws Exception {
        PortalSession s = alice();
        String dir = PortalTest.folder(s);
        String file = dir + "/a.txt";
        assertEquals(201, s.upload(file, "alpha".getBytes(StandardCharsets.UTF_8), true).statusCode());
        Node before = getNode("alice", file);
        long bytesBefore = homeBytes("alice");
        Thread.sleep(20); // dates are whole milliseconds: a move that dated the node would show

        HttpResponse<String> r = delete(s, file);
        assertEquals(303, r.statusCode(), r::body);
        Document listing = Jsoup.parse(s.follow(r).body());
        assertEquals("Moved 'a.txt' to the trash.", listing.selectFirst("#flash p.ok").text());
        assertTrue(listing.select("tr.row[data-name=a.txt]").isEmpty(), "gone from the listing");
        assertEquals(404, as("alice").get(BASE + "/nodes" + file).statusCode());
        assertEquals(bytesBefore, homeBytes("alice"), "the trash is in the home: its bytes still count in the quota");

        // the trash is not a row of the home, but a link in the pathbar with its count
        Document home = Jsoup.parse(s.get("/storage/vault/list/alice").body());
        assertTrue(home.select("tr.row[data-name=.trash]").isEmpty(), "the trash folder is hidden");
        Element link = home.selectFirst("a.trash-link");
        assertNotNull(link, "Trash link");
        assertEquals("/storage/vault/trash", link.attr("href"));
        assertTrue(link.text().matches("Trash \\((\\d+|99\\+)\\)"), link.text());

        Document trash = trashPage(s);
        Element row = trashRow(trash, file);
        assertNotNull(row, "in the trash with its original location: " + trash.select("tr.row"));
        assertEquals("/storage/vault/list" + dir, row.selectFirst("td.original a").attr("href"));
        assertEquals("5 B", row.selectFirst("td.num").text());
        assertFalse(row.selectFirst("td.date").text().isBlank(), "deleted date");
        Node folder = getNode("alice", "/alice/.trash?limit=0");
        assertFalse("true".equals(folder.value(Props.IS_PUBLIC)), "the trash is private");
        String groups = folder.value(Props.GROUP_READ);
        assertTrue(groups == null || groups.isBlank(), "the trash is private: " + groups);
        Node trashed = getNode("alice", "/alice/.trash/" + row.attr("data-trash-name"));
        assertEquals(file, trashed.value(Props.TRASH_ORIGINAL_PATH));
        Instant deletedAt = Instant.parse(trashed.value(Props.TRASH_DELETED_AT));
        assertTrue(Duration.between(deletedAt, Instant.now()).abs().toMinutes() < 5, "deleted just now: " + deletedAt);

        HttpResponse<String> back = restore(s, row);
        assertEquals(303, back.statusCode(), back::body);
        assertEquals("/storage/vault/trash", back.headers().firstValue("Location").orElse(""));
        Document after = Jsoup.parse(s.follow(back).body());
        assertEquals("Restored 'a.txt' to " + dir + ".", after.selectFirst("#flash p.ok").text());
        assertNull(findInTrash(s, file), "no longer in the trash");
        Node restored = getNode("alice", file);
        assertEquals(before.value(Props.MD5), restored.value(Props.MD5));
        assertEquals(before.value(Props.LENGTH), restored.value(Props.LENGTH));
        assertEquals(before.value(Props.DATE), restored.value(Props.DATE), "the date is the content's, kept");
        assertNull(restored.value(Props.TRASH_ORIGINAL_PATH), "the trash's marks are gone");
        assertNull(restored.value(Props.TRASH_DELETED_AT));
        assertEquals("alpha", download("alice", file).asString());
        assertTrue(Jsoup.parse(s.get("/storage/vault/list" + dir).body()).select("tr.row[data-name=a.txt]").size() == 1);
    }

    @Test
    void restoreOntoATakenNameKeepsBothAndAGoneFolderIsMadeAgain() {
        PortalSession s = alice();
        String dir = PortalTest.folder(s);
        s.upload(dir + "/a.txt", "one".getBytes(StandardCharsets.UTF_8), true);
        assertEquals(303, delete(s, dir + "/a.txt").statusCode());
        s.upload(dir + "/a.txt", "two".getBytes(StandardCharsets.UTF_8), true);
        HttpResponse<String> r = restore(s, findInTrash(s, dir + "/a.txt"));
        assertEquals(303, r.statusCode(), r::body);
        assertEquals("Restored 'a.txt' to " + dir + " as 'a (1).txt', because 'a.txt' is taken there.",
                Jsoup.parse(s.follow(r).body()).selectFirst("#flash p.ok").text());
        assertEquals("two", download("alice", dir + "/a.txt").asString(), "what is there now is not replaced");
        assertEquals("one", download("alice", dir + "/a%20(1).txt").asString());

        s.post("/storage/vault/mkdir", Map.of("parent", dir, "name", "sub"), true);
        s.upload(dir + "/sub/x.txt", "x".getBytes(StandardCharsets.UTF_8), true);
        assertEquals(303, delete(s, dir + "/sub/x.txt").statusCode());
        as("alice").delete(BASE + "/nodes" + dir + "/sub").then().statusCode(200); // its folder goes for good
        HttpResponse<String> again = restore(s, findInTrash(s, dir + "/sub/x.txt"));
        assertEquals(303, again.statusCode(), again::body);
        assertEquals("Restored 'x.txt' to " + dir + "/sub. The folder did not exist any more and was made again.",
                Jsoup.parse(s.follow(again).body()).selectFirst("#flash p.ok").text());
        assertEquals("x", download("alice", dir + "/sub/x.txt").asString());
    }

    @Test
    void theConfirmationNamesTheItemsAndCountsTheFilesOfAFolder() {
        PortalSession s = alice();
        String dir = PortalTest.folder(s);
        s.upload(dir + "/a.txt", "a".getBytes(StandardCharsets.UTF_8), true);
        s.post("/storage/vault/mkdir", Map.of("parent", dir, "name", "full"), true);
        s.post("/storage/vault/mkdir", Map.of("parent", dir + "/full", "name", "deeper"), true);
        for (String f : List.of("/full/1.txt", "/full/2.txt", "/full/3.txt", "/full/deeper/4.txt")) {
            s.upload(dir + f, "x".getBytes(StandardCharsets.UTF_8), true);
        }
        JsonObject q = question(s, dir + "/full", dir + "/a.txt");
        assertEquals("Move 'full' (a folder with 4 files), 'a.txt' to the trash? You can restore them for 30 days.",
                q.getString("question"));
        assertEquals("Move to trash", q.getString("ok"));
        assertEquals("Move 'a.txt' to the trash? You can restore it for 30 days.",
                question(s, dir + "/a.txt").getString("question"));
        // inside the trash, deleting is for good
        assertEquals(303, delete(s, dir + "/a.txt").statusCode());
        String inTrash = "/alice/.trash/" + findInTrash(s, dir + "/a.txt").attr("data-trash-name");
        JsonObject forGood = question(s, inTrash);
        assertTrue(forGood.getString("question").contains("permanently"), forGood.encode());
        assertEquals("Delete permanently", forGood.getString("ok"));

        // a whole folder goes to the trash and comes back with everything in it
        assertEquals(303, delete(s, dir + "/full").statusCode());
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/full").statusCode());
        assertEquals(303, restore(s, findInTrash(s, dir + "/full")).statusCode());
        assertEquals("x", download("alice", dir + "/full/deeper/4.txt").asString());
    }

    static JsonObject question(PortalSession s, String... paths) {
        StringBuilder q = new StringBuilder("/storage/vault/delete-question?");
        for (String p : paths) {
            q.append("path=").append(URLEncoder.encode(p, StandardCharsets.UTF_8)).append('&');
        }
        HttpResponse<String> r = s.get(q.toString());
        assertEquals(200, r.statusCode(), r::body);
        return new JsonObject(r.body());
    }

    @Test
    void deleteForeverAndEmptyTrashFreeTheQuota() {
        PortalSession s = alice();
        String dir = PortalTest.folder(s);
        byte[] kb = new byte[4096];
        s.upload(dir + "/one.bin", kb, true);
        s.upload(dir + "/two.bin", kb, true);
        s.post("/storage/vault/mkdir", Map.of("parent", dir, "name", "three"), true);
        s.upload(dir + "/three/in.bin", kb, true);
        for (String f : List.of("/one.bin", "/two.bin", "/three")) {
            assertEquals(303, delete(s, dir + f).statusCode());
        }
        long withAll = homeBytes("alice");
        Element one = findInTrash(s, dir + "/one.bin");
        assertEquals("Delete 'one.bin' permanently? This cannot be undone.",
                one.selectFirst("button[data-confirm]").attr("data-confirm"));
        HttpResponse<String> r = s.post("/storage/vault/trash/delete", Map.of("name", one.attr("data-trash-name")), true);
        assertEquals(303, r.statusCode(), r::body);
        Document after = Jsoup.parse(s.follow(r).body());
        assertEquals("Deleted 'one.bin' permanently.", after.selectFirst("#flash p.ok").text());
        assertNull(findInTrash(s, dir + "/one.bin"));
        assertNotNull(findInTrash(s, dir + "/two.bin"), "the others stay");
        assertEquals(withAll - 4096, homeBytes("alice"), "deleted for good: no longer counted");

        int items = after.select("tr.row").size();
        String emptyQuestion = after.selectFirst("form.empty-trash button").attr("data-confirm");
        if (after.selectFirst("p.trash-pages a.more") == null) {
            assertEquals("Delete all " + items + " items in the trash permanently? This cannot be undone.", emptyQuestion);
        } else { // the page does not hold the whole trash (other tests' items): no count it cannot know
            assertEquals("Delete everything in the trash permanently, not only the items on this page? This cannot be"
                    + " undone.", emptyQuestion);
        }
        HttpResponse<String> empty = s.post("/storage/vault/trash/empty", Map.of(), true);
        assertEquals(303, empty.statusCode(), empty::body);
        Document emptied = Jsoup.parse(s.follow(empty).body());
        assertEquals("The trash is empty now.", emptied.selectFirst("#flash p.ok").text());
        assertEquals("The trash is empty.", emptied.selectFirst("p.empty").text());
        assertTrue(emptied.select("tr.row").isEmpty());
        assertEquals(withAll - 3 * 4096, homeBytes("alice"));
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/two.bin").statusCode(), "not restored either");
        // and the trash is made again on the next delete
        s.upload(dir + "/four.bin", kb, true);
        assertEquals(303, delete(s, dir + "/four.bin").statusCode());
        assertNotNull(findInTrash(s, dir + "/four.bin"));
    }

    @Test
    void itemsOlderThanTheRetentionArePurged() {
        PortalSession s = alice();
        String dir = PortalTest.folder(s);
        for (String f : List.of("/old.txt", "/older.txt", "/new.txt")) {
            s.upload(dir + f, "x".getBytes(StandardCharsets.UTF_8), true);
            assertEquals(303, delete(s, dir + f).statusCode());
        }
        String old = "/alice/.trash/" + findInTrash(s, dir + "/old.txt").attr("data-trash-name");
        String older = "/alice/.trash/" + findInTrash(s, dir + "/older.txt").attr("data-trash-name");
        String recent = "/alice/.trash/" + findInTrash(s, dir + "/new.txt").attr("data-trash-name");
        String longAgo = Instant.now().minus(Duration.ofDays(31)).toString();
        PermissionCases.setProps("alice", old, "vos:DataNode", prop(Props.TRASH_DELETED_AT, longAgo));
        PermissionCases.setProps("alice", older, "vos:DataNode", prop(Props.TRASH_DELETED_AT, longAgo));

        // the service's scheduled purge, run now: only what is older than 30 days goes
        assertTrue(purge.purge(Instant.now()) >= 2);
        assertEquals(404, as("alice").get(BASE + "/nodes" + old).statusCode());
        assertEquals(404, as("alice").get(BASE + "/nodes" + older).statusCode());
        assertEquals(200, as("alice").get(BASE + "/nodes" + recent).statusCode(), "a recent item stays");
        // ... and, run as if 31 days had passed, the recent one too
        assertTrue(purge.purge(Instant.now().plus(Duration.ofDays(31))) >= 1);
        assertEquals(404, as("alice").get(BASE + "/nodes" + recent).statusCode());

        // the trash page purges too (for services without the embedded schedule)
        s.upload(dir + "/lazy.txt", "x".getBytes(StandardCharsets.UTF_8), true);
        assertEquals(303, delete(s, dir + "/lazy.txt").statusCode());
        String lazy = "/alice/.trash/" + findInTrash(s, dir + "/lazy.txt").attr("data-trash-name");
        PermissionCases.setProps("alice", lazy, "vos:DataNode", prop(Props.TRASH_DELETED_AT, longAgo));
        Document opened = trashPage(s);
        assertEquals("1 item was in the trash longer than 30 days and was removed for good.",
                opened.selectFirst("#flash p.ok").text());
        assertNull(findInTrash(s, dir + "/lazy.txt"));
        assertEquals(404, as("alice").get(BASE + "/nodes" + lazy).statusCode());
    }

    /**
     * More items than a page ({@code %test.portal.trash.page-size=4}): the pages follow each other
     * by "more" links, the last deleted first, and every item is reached once; Restore and Delete
     * forever work from a later page and come back to it.
     */
    @Test
    void aTrashLargerThanAPageIsPagedAndEveryItemCanBeRestoredOrDeleted() {
        PortalSession s = alice();
        String dir = PortalTest.folder(s);
        List<String> deleted = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String f = dir + "/p" + i + ".txt";
            s.upload(f, ("page " + i).getBytes(StandardCharsets.UTF_8), true);
            assertEquals(303, delete(s, f).statusCode());
            deleted.add(f);
        }
        // walk the pages: this test's items come newest first, each once, four per page at most
        List<String> seen = new java.util.ArrayList<>();
        List<String> pageUrls = new java.util.ArrayList<>();
        String url = "/storage/vault/trash";
        Document first = null;
        while (url != null) {
            pageUrls.add(url);
            Document page = Jsoup.parse(s.get(url).body());
            first = first == null ? page : first;
            assertTrue(page.select("tr.row").size() <= 4, "a page holds at most page-size items: " + page.select("tr.row").size());
            for (Element row : page.select("tr.row")) {
                String path = row.selectFirst("td.original").text() + "/" + row.attr("data-name");
                if (path.startsWith(dir + "/")) {
                    seen.add(path);
                }
            }
            Element more = page.selectFirst("p.trash-pages a.more");
            url = more == null ? null : more.attr("href");
            if (url != null) {
                assertTrue(url.startsWith("/storage/vault/trash?after="), url);
            }
            assertTrue(pageUrls.size() < 1000, "the pages end");
        }
        List<String> newestFirst = new java.util.ArrayList<>(deleted);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen, "every item once, the last deleted first");
        assertTrue(pageUrls.size() >= 3, "10 items make at least 3 pages of 4: " + pageUrls);
        assertEquals(newestFirst.subList(0, 4), first.select("tr.row").stream()
                .map(r -> r.selectFirst("td.original").text() + "/" + r.attr("data-name")).toList(),
                "the first page: the last four deleted");
        assertNull(first.selectFirst("p.trash-pages a.first"), "the first page links to no first page");
        assertEquals("Delete everything in the trash permanently, not only the items on this page? This cannot be undone.",
                first.selectFirst("form.empty-trash button").attr("data-confirm"), "a page does not count the whole trash");

        // from the second page: Restore comes back to that page, and the item is back with its bytes
        Document second = Jsoup.parse(s.get(pageUrls.get(1)).body());
        assertEquals("/storage/vault/trash", second.selectFirst("p.trash-pages a.first").attr("href"));
        Element row = trashRow(second, deleted.get(5));
        assertNotNull(row, "p5 is on the second page: " + second.select("tr.row"));
        assertEquals(pageUrls.get(1), PortalUrls.trash("vault", row.selectFirst("input[name=after]").attr("value")),
                "its form carries the page's start");
        HttpResponse<String> r = s.post("/storage/vault/trash/restore", Map.of("name", row.attr("data-trash-name"),
                "after", row.selectFirst("input[name=after]").attr("value")), true);
        assertEquals(303, r.statusCode(), r::body);
        assertEquals(pageUrls.get(1), r.headers().firstValue("Location").orElse(""), "back to the page it was on");
        Document back = Jsoup.parse(s.follow(r).body());
        assertEquals("Restored 'p5.txt' to " + dir + ".", back.selectFirst("#flash p.ok").text());
        assertNull(trashRow(back, deleted.get(5)));
        assertNotNull(trashRow(back, deleted.get(4)), "the rest of the page is still there");
        assertEquals("page 5", download("alice", deleted.get(5)).asString());

        // the oldest, on the last page: Delete forever
        Element oldest = findInTrash(s, deleted.get(0));
        assertNotNull(oldest, "the oldest item is reached through the pages");
        HttpResponse<String> gone = s.post("/storage/vault/trash/delete", Map.of("name", oldest.attr("data-trash-name")), true);
        assertEquals(303, gone.statusCode(), gone::body);
        assertEquals("Deleted 'p0.txt' permanently.", Jsoup.parse(s.follow(gone).body()).selectFirst("#flash p.ok").text());
        assertNull(findInTrash(s, deleted.get(0)));
        assertEquals(404, as("alice").get(BASE + "/nodes/alice/.trash/" + oldest.attr("data-trash-name")).statusCode());

        // a page after something that cannot be a name is refused in words, not a 500
        HttpResponse<String> bad = s.get("/storage/vault/trash?after=..%2Fx");
        assertEquals(400, bad.statusCode(), bad::body);
        assertTrue(bad.body().contains("not an item of your trash"), bad.body());
    }

    @Test
    void anotherUsersFileInAGroupWritableFolderIsDeletedForGoodNotTakenIntoTheDeletersHome() {
        PortalSession s = alice();
        String dir = PortalTest.folder(s);
        PermissionCases.setProps("alice", dir, "vos:ContainerNode", prop(Props.GROUP_WRITE, PermissionCases.GROUP));
        String file = dir + "/theirs-" + dir.substring(dir.lastIndexOf('-') + 1) + ".txt";
        s.upload(file, "alice's".getBytes(StandardCharsets.UTF_8), true);
        PortalSession bob = PortalSession.login(SERVER, "bob");
        JsonObject q = question(bob, file);
        String name = file.substring(file.lastIndexOf('/') + 1);
        assertEquals("Delete '" + name + "' permanently? It is not in your home, so there is no trash for it:"
                + " this cannot be undone.", q.getString("question"));
        assertEquals("Delete permanently", q.getString("ok"));
        HttpResponse<String> r = delete(bob, file);
        assertEquals(303, r.statusCode(), r::body);
        assertEquals("Deleted '" + name + "' permanently.",
                Jsoup.parse(bob.follow(r).body()).selectFirst("#flash p.ok").text());
        assertEquals(404, as("alice").get(BASE + "/nodes" + file).statusCode());
        for (String user : List.of("bob", "alice")) {
            io.restassured.response.Response t = as(user).get(BASE + "/nodes/" + user + "/.trash?limit=10000");
            assertTrue(t.statusCode() == 404 || !t.asString().contains(name), user + "'s trash has no copy of it");
        }
        assertTrue(Jsoup.parse(bob.get("/storage/vault/trash").body()).select("tr.row[data-name=" + name + "]").isEmpty());
    }

    @Test
    void theTrashItselfIsNotDeletedFromTheListingAndNeedsALogin() {
        PortalSession s = alice();
        String dir = PortalTest.folder(s);
        s.upload(dir + "/t.txt", "t".getBytes(StandardCharsets.UTF_8), true);
        assertEquals(303, delete(s, dir + "/t.txt").statusCode()); // the trash exists
        HttpResponse<String> r = delete(s, "/alice/.trash");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("open the trash and use Empty trash"), r.body());
        assertEquals(200, as("alice").get(BASE + "/nodes/alice/.trash?limit=0").statusCode(), "still there");
        // with other items (a "select all" of the home) it is left out
        s.upload(dir + "/u.txt", "u".getBytes(StandardCharsets.UTF_8), true);
        HttpResponse<String> both = s.send(s.request("/storage/vault/delete")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("csrf=" + s.csrf() + "&path="
                        + URLEncoder.encode("/alice/.trash", StandardCharsets.UTF_8) + "&path="
                        + URLEncoder.encode(dir + "/u.txt", StandardCharsets.UTF_8))).build());
        assertEquals(303, both.statusCode(), both::body);
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/u.txt").statusCode());
        assertNotNull(findInTrash(s, dir + "/u.txt"), "in the trash, which is still there");
        HttpResponse<String> bad = s.post("/storage/vault/trash/restore", Map.of("name", "../x"), true);
        assertEquals(400, bad.statusCode(), bad::body);
        HttpResponse<String> gone = s.post("/storage/vault/trash/restore", Map.of("name", "no-such-item"), true);
        assertEquals(404, gone.statusCode(), gone::body);
        assertTrue(gone.body().contains("not an item of your trash"), gone.body());
        assertEquals(403, s.post("/storage/vault/trash/empty", Map.of(), false).statusCode(), "CSRF checked");
        HttpResponse<String> anonymous = new PortalSession(SERVER).get("/storage/vault/trash");
        assertTrue(anonymous.statusCode() == 302 || anonymous.statusCode() == 303 || anonymous.statusCode() == 401,
                "an anonymous visitor goes to the login: " + anonymous.statusCode());
    }
}
