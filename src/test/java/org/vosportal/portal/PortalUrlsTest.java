package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.vosportal.service.ServiceTestBase;
import org.vosportal.vospace.Props;
import org.vosportal.vospace.UriCodec;
import org.vosportal.vospace.VosPath;

/**
 * Names that mean something in a URL ({@code ?}, {@code #}, {@code %41}, a space, non-ASCII):
 * every link and form action of the listing, its further pages, the folder picker and the
 * details page addresses that very node, read as a browser reads them; and the forms act on it
 * and on nothing else (decoys named what a wrong URL would reach stay untouched).
 */
@QuarkusTest
class PortalUrlsTest extends ServiceTestBase {

    static final List<String> NAMES = List.of("a?b", "c#d", "e%41f", "sp ace", "été ☃");
    /** What a URL written without encoding would reach instead. */
    static final List<String> DECOYS = List.of("a", "c", "eAf", "sp");

    static String enc(String name) {
        return UriCodec.encodeSegment(name);
    }

    /** The node a portal URL acts on, as a browser would send it: the raw path after the action. */
    static VosPath nodeOf(String url, String action) {
        String path = URI.create(url).getRawPath();
        String prefix = "/storage/vault/" + action;
        assertTrue(path.startsWith(prefix + "/") || path.equals(prefix), url + " is not a " + action + " URL");
        return UriCodec.parseRawPath(path.substring(prefix.length()));
    }

    static Document page(PortalSession s, String url) {
        HttpResponse<String> r = s.get(url);
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return Jsoup.parse(r.body(), SERVER);
    }

    /** Every row of a listing, following its further pages as the browser does. */
    static List<Element> allRows(PortalSession s, String listUrl) {
        Document first = page(s, listUrl);
        List<Element> rows = new ArrayList<>(first.select("tr.row"));
        Element more = first.selectFirst("tr.more");
        for (int i = 0; more != null; i++) {
            assertTrue(i < 10, "too many pages");
            String next = more.attr("hx-get");
            assertEquals(next, more.selectFirst("a").attr("href"));
            Document frag = Jsoup.parseBodyFragment(s.htmx(next).body().replace("<tr", "<table><tr")
                    .replace("</tr>", "</tr></table>"), SERVER);
            rows.addAll(frag.select("tr.row"));
            more = frag.selectFirst("tr.more");
        }
        return rows;
    }

    @Test
    void everyLinkAndFormActionAddressesTheNodeItNames() {
        PortalSession s = PortalTest.alice();
        String dir = freshFolder("alice");
        VosPath base = VosPath.parse(dir);
        for (String d : DECOYS) {
            uploadOk("alice", dir + "/" + enc(d), "decoy");
        }
        for (String n : NAMES) {
            mkdir("alice", dir + "/" + enc(n));
            uploadOk("alice", dir + "/" + enc(n) + "/" + enc(n), n);
        }

        // the listing and its further pages (3 rows a page in the test profile: "after" carries the names)
        Map<String, Element> rows = new LinkedHashMap<>();
        for (Element r : allRows(s, PortalUrls.list("vault", base))) {
            rows.put(r.attr("data-name"), r);
        }
        assertEquals(NAMES.size() + DECOYS.size(), rows.size(), rows.keySet().toString());
        for (String n : NAMES) {
            VosPath folder = base.child(n);
            Element row = rows.get(n);
            assertNotNull(row, n);
            String open = row.selectFirst("td.name > a").attr("href");
            assertEquals(folder, nodeOf(open, "list"), n);
            assertEquals(folder, nodeOf(row.selectFirst("a.details").attr("href"), "info"), n);
            assertEquals(folder.toString(), row.selectFirst("input[name=path]").val(), n);
            assertEquals(folder.toString(), row.selectFirst("button[formaction]").val(), n);

            // the folder opens as itself: its title, crumbs and rows
            Document inside = page(s, open);
            assertEquals(n, inside.selectFirst("#folder-title").text(), n);
            List<String> crumbs = inside.select("nav.crumbs a").eachAttr("href");
            assertEquals(folder, nodeOf(crumbs.get(crumbs.size() - 1), "list"), n);
            assertEquals(base, nodeOf(crumbs.get(crumbs.size() - 2), "list"), n);
            Element file = inside.selectFirst("tr.row");
            assertEquals(n, file.attr("data-name"));
            VosPath node = folder.child(n);
            assertEquals(node, nodeOf(file.selectFirst("td.name > a").attr("href"), "download"), n);
            String info = file.selectFirst("a.details").attr("href");
            assertEquals(node, nodeOf(info, "info"), n);

            // the details page: every form acts on this node; "back" is its folder
            Document details = page(s, info);
            assertEquals(folder, nodeOf(details.selectFirst("p.back a").attr("href"), "list"), n);
            assertEquals(node, nodeOf(details.selectFirst("form.meta").attr("action"), "properties"), n);
            assertEquals(node, nodeOf(details.selectFirst("form.perms").attr("action"), "permissions"), n);
            assertEquals(node, nodeOf(details.selectFirst("form.share").attr("action"), "share"), n);

            // and submitting them changes that node only
            HttpResponse<String> perms = s.post(details.selectFirst("form.perms").attr("action"),
                    Map.of("public", "on"), true);
            assertEquals(303, perms.statusCode(), perms.body());
            assertEquals(node, nodeOf(perms.headers().firstValue("Location").orElseThrow(), "info"), n);
            assertEquals("true", getNode("alice", encoded(node))
                    .value(Props.IS_PUBLIC), n);
            HttpResponse<String> meta = s.post(details.selectFirst("form.meta").attr("action"),
                    Map.of("newkey", "MARK", "newvalue", n), true);
            assertEquals(303, meta.statusCode(), meta.body());
            assertEquals(n, getNode("alice", encoded(node)).value("MARK"));
            assertNull(getNode("alice", encoded(folder) + "?limit=0").value("MARK"), "not on the folder");
            assertNotEquals("true", getNode("alice", encoded(folder) + "?limit=0").value(Props.IS_PUBLIC));
            // public now, inside closed folders: the page's fix for that acts on this node too
            Element fix = page(s, info).selectFirst("form.open-path");
            assertNotNull(fix, n);
            assertEquals(node, nodeOf(fix.attr("action"), "open-path"), n);

            // the folder picker offers it as itself
            Document tree = Jsoup.parseBodyFragment(s.htmx(PortalUrls.folders("vault", base)).body(), SERVER);
            Element choice = tree.select("button.choose").stream().filter(b -> b.text().equals(n)).findFirst()
                    .orElseThrow(() -> new AssertionError("no picker entry for " + n));
            assertEquals(folder.toString(), choice.attr("data-path"));
            assertEquals(folder, nodeOf(choice.parent().selectFirst("button.expand").attr("hx-get"), "folders"), n);
        }
        for (String d : DECOYS) {
            String p = dir + "/" + enc(d);
            assertNotEquals("true", getNode("alice", p).value(Props.IS_PUBLIC), d + " untouched");
            assertNull(getNode("alice", p).value("MARK"), d + " untouched");
        }

        // rename and delete through the listing's own fields
        Element aq = rows.get("a?b");
        HttpResponse<String> ren = s.post(PortalUrls.selection("vault"), Map.of("action", "rename",
                "path", aq.selectFirst("input[name=path]").val(), "newname", "a?b renamed"), true);
        assertEquals(303, ren.statusCode(), ren.body());
        assertEquals(base, nodeOf(ren.headers().firstValue("Location").orElseThrow(), "list"));
        assertEquals(200, as("alice").get(BASE + "/nodes" + dir + "/" + enc("a?b renamed") + "?limit=0").statusCode());
        Element cd = rows.get("c#d");
        HttpResponse<String> del = s.post(cd.selectFirst("button[formaction]").attr("formaction"),
                Map.of("path", cd.selectFirst("button[formaction]").val()), true);
        assertEquals(303, del.statusCode(), del.body());
        for (int i = 0; i < 50 && as("alice").get(BASE + "/nodes" + dir + "/" + enc("c#d")).statusCode() != 404; i++) {
            sleep(100); // a non-empty folder is deleted by a background job
        }
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/" + enc("c#d")).statusCode());
        for (String d : DECOYS) {
            assertEquals("decoy", download("alice", dir + "/" + enc(d)).asString(), d + " still there");
        }
        assertEquals(200, as("alice").get(BASE + "/nodes" + dir + "/" + enc("e%41f") + "?limit=0").statusCode());
        assertTrue(Jsoup.parse(s.get(PortalUrls.list("vault", base)).body()).select("tr.row[data-name=\"c#d\"]").isEmpty(),
                "gone from the listing");
    }

    static String encoded(VosPath p) {
        return p.toUrlPath();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
