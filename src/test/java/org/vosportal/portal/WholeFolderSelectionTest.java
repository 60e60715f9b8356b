package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.vosportal.service.PermissionCases;
import org.vosportal.service.ServiceTestBase;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.Props;

/**
 * "Select all N in this folder": the selection form's {@code all=} (with the filter {@code q})
 * stands for every child of the folder, listed by the server beyond the rows a page loaded
 * (page size 3 in tests); the folder's item count from the service's {@code core#childCount};
 * and the action bar as a plain form for pages without JavaScript.
 */
@QuarkusTest
class WholeFolderSelectionTest extends ServiceTestBase {

    static final List<String> NAMES = List.of("a1.txt", "a2.txt", "a3.txt", "b1.csv", "b2.csv");

    /** A folder of alice's with five small files: more than one page of the listing. */
    static String fiveFiles() {
        String dir = freshFolder("alice");
        NAMES.forEach(n -> uploadOk("alice", dir + "/" + n, "content of " + n));
        return dir;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static HttpResponse<byte[]> post(PortalSession s, String path, String body) {
        return s.sendBytes(PortalTest.form(s, path)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("csrf=" + s.csrf() + body)).build());
    }

    @Test
    void theServiceCountsAFoldersChildrenForThoseWhoMayListIt() {
        String dir = fiveFiles();
        assertEquals("5", getNode("alice", dir + "?limit=0").value(Props.CHILD_COUNT));
        assertEquals("5", getNode("alice", dir + "?limit=1").value(Props.CHILD_COUNT), "not the page's size");
        Node listed = getNode("alice", dir);
        assertTrue(listed.children().stream().allMatch(c -> c.value(Props.CHILD_COUNT) == null), "only on the folder asked");
        // a file has none; bob, who may not list alice's folder, learns nothing
        assertNull(getNode("alice", dir + "/a1.txt").value(Props.CHILD_COUNT));
        assertEquals(403, as("bob").get(BASE + "/nodes" + dir + "?limit=0").statusCode());
    }

    @Test
    void theZipOfTheWholeFolderHoldsEveryChildAndTheFilterNarrowsIt() {
        String dir = fiveFiles();
        PortalSession alice = PortalTest.alice();
        HttpResponse<byte[]> all = post(alice, "/storage/vault/selection/archive", "&action=zip&all=" + enc(dir)
                + "&path=" + enc(dir + "/a1.txt")); // the loaded rows come too: all= wins
        assertEquals(200, all.statusCode(), () -> new String(all.body(), StandardCharsets.UTF_8));
        assertEquals(Set.copyOf(NAMES), PortalPermissionMatrixTest.zipFiles(all.body()));

        HttpResponse<byte[]> csv = post(alice, "/storage/vault/selection/archive", "&action=zip&all=" + enc(dir) + "&q=.csv");
        assertEquals(200, csv.statusCode());
        assertEquals(Set.of("b1.csv", "b2.csv"), PortalPermissionMatrixTest.zipFiles(csv.body()));

        // the URL list too (one line per matching file)
        HttpResponse<byte[]> urls = post(alice, "/storage/vault/selection", "&action=urls&all=" + enc(dir) + "&q=a*");
        assertEquals(200, urls.statusCode());
        assertEquals(3, new String(urls.body(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).count());
    }

    @Test
    void deleteAndMoveOfTheWholeFolderActOnEveryMatchingChildAndRenameIsRefused() {
        String dir = fiveFiles();
        String dest = freshFolder("alice");
        PortalSession alice = PortalTest.alice();
        HttpResponse<byte[]> moved = post(alice, "/storage/vault/selection", "&action=move&all=" + enc(dir)
                + "&q=b&dest=" + enc(dest));
        assertEquals(303, moved.statusCode(), () -> new String(moved.body(), StandardCharsets.UTF_8));
        assertEquals(Set.of("b1.csv", "b2.csv"), PermissionCases.names(getNode("alice", dest).children()));

        HttpResponse<byte[]> rename = post(alice, "/storage/vault/selection", "&action=rename&all=" + enc(dir) + "&newname=x");
        assertEquals(400, rename.statusCode());
        assertTrue(new String(rename.body(), StandardCharsets.UTF_8).contains("one item"), "says why");

        HttpResponse<byte[]> deleted = post(alice, "/storage/vault/selection", "&action=delete&all=" + enc(dir));
        assertEquals(303, deleted.statusCode(), () -> new String(deleted.body(), StandardCharsets.UTF_8));
        assertEquals(0, getNode("alice", dir).children().size(), "every child, not only a page");

        // nothing left to select: a refusal in words, not an empty action
        HttpResponse<byte[]> none = post(alice, "/storage/vault/selection", "&action=delete&all=" + enc(dir));
        assertEquals(400, none.statusCode());
        // a folder bob may not list is refused for him, nothing is deleted
        HttpResponse<byte[]> bobs = post(PortalSession.login(SERVER, "bob"), "/storage/vault/selection",
                "&action=delete&all=" + enc(dest));
        assertEquals(403, bobs.statusCode());
        assertEquals(2, getNode("alice", dest).children().size());
    }

    @Test
    void withoutJavaScriptTheBarIsAPlainFormWithTheFolderCountNextToTheCrumbs() {
        String dir = fiveFiles();
        PortalSession alice = PortalTest.alice();
        Document page = Jsoup.parse(alice.get("/storage/vault/list" + dir).body());
        assertEquals(3, page.select("#rows tr.row").size(), "one page loaded");
        assertEquals("5 items", page.selectFirst(".pathbar .item-count").text());
        Element bar = page.selectFirst("form#selection #action-bar");
        assertNotNull(bar, "the bar sits in the selection form, above the rows");
        assertFalse(bar.hasAttr("hidden"), "shown without script");
        assertTrue(bar.elementSiblingIndex() < page.selectFirst("form#selection table.listing").elementSiblingIndex(), "above the table");
        assertNull(page.selectFirst("fieldset.selection-actions"), "the old fieldset is gone");
        for (String action : List.of("zip", "tar", "urls", "html", "move", "copy", "rename", "delete")) {
            assertNotNull(bar.selectFirst("button[name=action][value=" + action + "]"), action);
        }
        // the fields the plain form needs, marked for the script to hide
        assertTrue(bar.selectFirst("input[name=dest]").hasAttr("data-without-js"));
        assertTrue(bar.selectFirst("input[name=newname]").hasAttr("data-without-js"));
        // the whole-folder fields are there but off until the script chooses "all"
        Element all = bar.selectFirst("input[name=all]");
        assertEquals(dir, all.val());
        assertTrue(all.hasAttr("disabled"));
        assertTrue(bar.selectFirst("[data-select-folder]").text().contains("Select all 5 in this folder"));

        // filtered: "all matching"
        Document filtered = Jsoup.parse(alice.get("/storage/vault/list" + dir + "?q=csv").body());
        assertEquals("csv", filtered.selectFirst("#action-bar input[name=q]").val());
        assertTrue(filtered.selectFirst("[data-select-folder]").text().contains("matching “csv”"));

        // a reader who cannot write: downloads and copy, nothing that changes the folder
        as("alice").contentType("text/xml").body(containerDoc(dir).replace("<vos:properties/>", "<vos:properties>"
                + prop(Props.GROUP_READ, "ivo://opencadc.org/gms?survey-team") + "</vos:properties>"))
                .post(BASE + "/nodes" + dir).then().statusCode(200);
        Document forBob = Jsoup.parse(PortalSession.login(SERVER, "bob").get("/storage/vault/list" + dir).body());
        Element bobsBar = forBob.selectFirst("#action-bar");
        assertNotNull(bobsBar.selectFirst("button[value=zip]"));
        assertNotNull(bobsBar.selectFirst("button[value=copy]"));
        assertNull(bobsBar.selectFirst("button[value=move]"));
        assertNull(bobsBar.selectFirst("button[value=delete]"));
        assertNull(forBob.selectFirst("#context-menu [data-cmd=delete]"), "nor in the context menu");
        assertNull(forBob.selectFirst("#context-menu [data-cmd=cut]"));
        assertNotNull(forBob.selectFirst("#context-menu [data-cmd=copy]"));
        assertNull(forBob.selectFirst("[data-paste]"), "no paste into a folder he cannot write");
    }
}
