package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;
import org.vosportal.service.ServiceTestBase;
import org.vosportal.vospace.Props;

/**
 * The details page says what a node is in the words people use (size with its exact bytes, the
 * date in UTC, the checksum, type, owner, public and groups, a link's target); the raw VOSpace
 * property URIs appear only in the collapsed "Advanced" section.
 */
@QuarkusTest
class DetailsInPlainWordsTest extends ServiceTestBase {

    static Document page(PortalSession s, String path) {
        var r = s.get("/storage/vault/info" + path);
        assertEquals(200, r.statusCode(), r.body());
        return Jsoup.parse(r.body());
    }

    /** The value cell of a fact row (its data-fact), as text. */
    static String fact(Document d, String name) {
        Element row = d.selectFirst(".info table.facts tr[data-fact=" + name + "]");
        assertNotNull(row, "no " + name + " in " + d.select("table.facts").outerHtml());
        return row.selectFirst("td").text();
    }

    @Test
    void aFileIsDescribedInPlainWordsAndItsUrisOnlyInAdvanced() throws Exception {
        PortalSession s = PortalTest.alice();
        String dir = PortalTest.folder(s);
        byte[] bytes = "x".repeat(11_468).getBytes(StandardCharsets.UTF_8);
        String path = dir + "/survey.txt";
        assertEquals(201, s.upload(path, bytes, true).statusCode());
        s.post("/storage/vault/permissions" + path, Map.of("public", "on", "readGroups", "survey-team extra-1",
                "writeGroups", "survey-team"), true);
        Document d = page(s, path);

        assertEquals("11.2 KiB (11,468 bytes)", fact(d, "size"));
        String date = getNode("alice", path).value(Props.DATE);
        assertEquals(date.substring(0, 10) + " " + date.substring(11, 19) + " UTC", fact(d, "modified"));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)), fact(d, "md5"));
        assertEquals("Checksum (MD5)", d.selectFirst("tr[data-fact=md5] th").text());
        assertEquals("Text file (text/plain)", fact(d, "type"));
        assertEquals("alice", fact(d, "owner"));
        assertTrue(fact(d, "public").startsWith("Yes"), fact(d, "public"));
        assertEquals("survey-team read and write, extra-1 read", fact(d, "groups"));

        // the raw property URIs: in the Advanced <details> (closed), nowhere else in the page's text
        Element advanced = d.selectFirst(".info details.advanced");
        assertNotNull(advanced);
        assertFalse(advanced.hasAttr("open"), "collapsed");
        assertTrue(advanced.text().contains(Props.LENGTH) && advanced.text().contains(Props.MD5), advanced.text());
        for (TextNode t : d.select("*").textNodes()) {
            if (t.text().contains("ivo://ivoa.net/vospace/core#") || t.text().contains("ivo://cadc.nrc.ca/vospace/core#")) {
                assertNotNull(t.parent().closest("details.advanced"), "a raw URI outside Advanced: " + t.text());
            }
        }
        for (Element e : d.select("[title]")) {
            assertFalse(e.attr("title").contains("vospace/core#"), "a raw URI as a title: " + e.outerHtml());
        }
    }

    @Test
    void smallFilesAndFoldersAndNoGroups() {
        PortalSession s = PortalTest.alice();
        String dir = PortalTest.folder(s);
        assertEquals(201, s.upload(dir + "/one.fits", "1".getBytes(StandardCharsets.UTF_8), true).statusCode());
        Document file = page(s, dir + "/one.fits");
        assertEquals("1 byte", fact(file, "size"));
        assertTrue(fact(file, "type").startsWith("FITS file"), fact(file, "type"));
        assertEquals("No", fact(file, "public"));
        assertEquals("No groups", fact(file, "groups"));
        Document folder = page(s, dir);
        assertEquals("Folder", fact(folder, "type"));
        assertEquals("1 byte", fact(folder, "size"), "a folder's size is what is inside");
        assertTrue(folder.select("tr[data-fact=md5]").isEmpty(), "no checksum for a folder");
    }

    @Test
    void aLinkShowsWhereItPointsAndWhetherThatExists() {
        PortalSession s = PortalTest.alice();
        String dir = PortalTest.folder(s);
        s.post("/storage/vault/mkdir", Map.of("parent", dir, "name", "data"), true);
        assertEquals(303, s.post("/storage/vault/link", Map.of("parent", dir, "name", "to-data", "target", dir + "/data"),
                true).statusCode());
        assertEquals(303, s.post("/storage/vault/link", Map.of("parent", dir, "name", "to-nothing",
                "target", dir + "/gone"), true).statusCode());
        assertEquals(303, s.post("/storage/vault/link", Map.of("parent", dir, "name", "to-web",
                "target", "https://example.org/survey"), true).statusCode());

        Document found = page(s, dir + "/to-data");
        assertEquals("Link", fact(found, "type"));
        assertEquals(dir + "/data exists", fact(found, "target"));
        assertEquals("/storage/vault/list" + dir + "/data", found.selectFirst("tr[data-fact=target] a").attr("href"));

        Document missing = page(s, dir + "/to-nothing");
        assertEquals(dir + "/gone does not exist", fact(missing, "target"));
        assertTrue(missing.select("tr[data-fact=target] a").isEmpty(), "nothing to open");

        Document web = page(s, dir + "/to-web");
        assertEquals("https://example.org/survey", fact(web, "target"));
        Element a = web.selectFirst("tr[data-fact=target] a");
        assertEquals("https://example.org/survey", a.attr("href"));
        assertEquals("noopener noreferrer", a.attr("rel"));
    }
}
