package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.vosportal.service.ServiceTestBase;

/**
 * The listing's search box searches the whole tree below the folder when "Search below" is
 * ticked (the service's search extension, through VosSession), and shows the matches with their
 * paths; a service without the extension gets no toggle.
 */
@QuarkusTest
class SearchPortalTest extends ServiceTestBase {

    @Test
    void searchBelowFindsMatchesInSubfoldersWithTheirPaths() {
        PortalSession s = PortalTest.alice();
        String dir = PortalTest.folder(s);
        String name = dir.substring(dir.lastIndexOf('/') + 1);
        assertEquals(303, s.post("/storage/vault/mkdir", Map.of("parent", dir, "name", "night1"), true).statusCode());
        assertEquals(303, s.post("/storage/vault/mkdir", Map.of("parent", dir + "/night1", "name", "raw"), true)
                .statusCode());
        byte[] bytes = "x".getBytes(StandardCharsets.UTF_8);
        s.upload(dir + "/night1/raw/NGC1365_001.fits", bytes, true);
        s.upload(dir + "/ngc1365_top.fits", bytes, true);
        s.upload(dir + "/m31.fits", bytes, true);

        // the box offers the toggle, in the same form as the filter (Enter still filters without it)
        Document listing = Jsoup.parse(s.get("/storage/vault/list" + dir).body());
        Element toggle = listing.selectFirst("form.search input[type=checkbox][name=below]");
        assertNotNull(toggle, "Search below toggle in the search box");
        assertEquals("Search below", toggle.parent().text());
        // the plain filter sees only this folder's rows: the file two folders down is not among them
        Document filtered = Jsoup.parse(s.get("/storage/vault/list" + dir + "?q=ngc1365").body());
        assertFalse(filtered.text().contains("NGC1365_001.fits"), "the filter is this folder only");

        HttpResponse<String> toSearch = s.get("/storage/vault/list" + dir + "?q=ngc1365&below=1");
        assertEquals(303, toSearch.statusCode(), toSearch.body());
        assertEquals("/storage/vault/search" + dir + "?q=ngc1365", toSearch.headers().firstValue("Location")
                .orElseThrow().replaceFirst("^https?://[^/]+", ""));
        HttpResponse<String> found = s.follow(toSearch);
        assertEquals(200, found.statusCode(), found.body());
        Document page = Jsoup.parse(found.body());
        assertEquals("Found for 'ngc1365'", page.selectFirst("h1#search-title").text());
        List<String> names = page.select("#search-hits tr.search-hit a.hit").eachText();
        assertEquals(List.of("NGC1365_001.fits", "ngc1365_top.fits"), names.stream().sorted().toList());
        Element deep = page.select("#search-hits tr.search-hit").stream()
                .filter(r -> r.text().contains("NGC1365_001.fits")).findFirst().orElseThrow();
        assertEquals("night1/raw", deep.selectFirst("a.in-folder").text());
        assertEquals("/storage/vault/list" + dir + "/night1/raw", deep.selectFirst("a.in-folder").attr("href"));
        assertEquals("/storage/vault/list" + dir + "/night1/raw?q=NGC1365_001.fits", deep.selectFirst("a.hit").attr("href"));
        Element top = page.select("#search-hits tr.search-hit").stream()
                .filter(r -> r.text().contains("ngc1365_top.fits")).findFirst().orElseThrow();
        assertEquals("(this folder)", top.selectFirst("a.in-folder").text());
        assertNull(page.selectFirst("#more-hits"));
        // the search box of the results page searches again, below the same folder
        assertEquals("/storage/vault/search" + dir, page.selectFirst("header form.search").attr("action"));
        assertEquals("ngc1365", page.selectFirst("header form.search input[name=q]").val());

        // a glob, and no match said in words
        Document glob = Jsoup.parse(s.get("/storage/vault/search" + dir + "?q=m%3F1.*").body());
        assertEquals(List.of("m31.fits"), glob.select("#search-hits a.hit").eachText());
        Document none = Jsoup.parse(s.get("/storage/vault/search" + dir + "?q=andromeda").body());
        assertEquals("Nothing below this folder is named like 'andromeda'.", none.selectFirst("#no-hits").text());
        assertTrue(none.text().contains(name), "the lead names the folder");
        // what went to the trash is not found (the Trash link reaches it)
        s.upload(dir + "/ngc1365_deleted.fits", bytes, true);
        assertEquals(303, s.post("/storage/vault/delete", Map.of("path", dir + "/ngc1365_deleted.fits"), true)
                .statusCode());
        Document home = Jsoup.parse(s.get("/storage/vault/search/alice?q=ngc1365_deleted").body());
        assertTrue(home.select("#search-hits a.hit").isEmpty(), home.outerHtml());
        // an empty search is the folder again
        assertEquals(303, s.get("/storage/vault/search" + dir + "?q=").statusCode());
    }

    @Test
    void aServiceWithoutTheExtensionGetsNoToggle() throws Exception {
        MockCanfarVault vault = new MockCanfarVault(8099);
        try {
            PortalSession s = PortalTest.alice();
            HttpResponse<String> list = s.get("/storage/canfar/list/home/alice");
            assertEquals(200, list.statusCode(), list.body());
            assertNull(Jsoup.parse(list.body()).selectFirst("form.search input[name=below]"));
            // ticking it anyway (an old page) filters as before
            assertEquals(200, s.get("/storage/canfar/list/home/alice?q=obs&below=1").statusCode());
            Document page = Jsoup.parse(s.get("/storage/canfar/search/home/alice?q=obs").body());
            assertNotNull(page.selectFirst("#search-unavailable"), page.outerHtml());
            assertTrue(page.selectFirst("#search-unavailable").text().startsWith("canfar cannot search"));
        } finally {
            vault.stop();
        }
    }
}
