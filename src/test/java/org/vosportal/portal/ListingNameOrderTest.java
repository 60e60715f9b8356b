package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.vosportal.service.ServiceTestBase;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.Props;

/**
 * The listing's name order, as a file manager shows it: folders first, each group
 * case-insensitively, ascending and (the Name header clicked again) descending, the same across
 * the pages loaded as one scrolls (page size 3 in tests); and the service's sort value behind it.
 */
@QuarkusTest
class ListingNameOrderTest extends ServiceTestBase {

    static final List<String> ASCENDING = List.of("Alpha", "beta", "Charlie", "alpha.txt", "BETA.txt", "beta.txt",
            "Gamma.txt", "zeta.txt");
    static final List<String> DESCENDING = List.of("Charlie", "beta", "Alpha", "zeta.txt", "Gamma.txt", "beta.txt",
            "BETA.txt", "alpha.txt");

    static String mixedFolder() {
        String dir = freshFolder("alice");
        for (String f : List.of("beta", "Charlie", "Alpha")) {
            mkdir("alice", dir + "/" + f);
        }
        for (String f : List.of("zeta.txt", "Gamma.txt", "alpha.txt", "BETA.txt", "beta.txt")) {
            uploadOk("alice", dir + "/" + f, f);
        }
        return dir;
    }

    /** Every row's name, the first page then each next page as the sentinel row loads it. */
    static List<String> allRows(PortalSession s, String url) {
        List<String> names = new ArrayList<>();
        Document page = Jsoup.parse(s.get(url).body());
        while (true) {
            page.select("#rows tr.row").forEach(r -> names.add(r.attr("data-name")));
            Element more = page.selectFirst("#rows tr.more, tr.more");
            if (more == null) {
                return names;
            }
            String rows = s.htmx(more.attr("hx-get").replace("&amp;", "&")).body();
            page = Jsoup.parse("<table><tbody id=\"rows\">" + rows + "</tbody></table>");
        }
    }

    @Test
    void foldersComeFirstCaseInsensitivelyInBothDirectionsAcrossPages() {
        String dir = mixedFolder();
        PortalSession alice = PortalTest.alice();
        assertEquals(ASCENDING, allRows(alice, "/storage/vault/list" + dir));

        // the Name header links to the other direction, and back
        Document first = Jsoup.parse(alice.get("/storage/vault/list" + dir).body());
        Element name = first.selectFirst("th[aria-sort=ascending] a");
        assertNotNull(name, "name order is the one shown");
        assertEquals("Name", name.text());
        String descending = name.attr("href");
        assertEquals(DESCENDING, allRows(alice, descending));
        Document desc = Jsoup.parse(alice.get(descending).body());
        assertEquals("descending", desc.selectFirst("th:has(a:containsOwn(Name))").attr("aria-sort"));
        assertEquals("/storage/vault/list" + dir, desc.selectFirst("th:has(a:containsOwn(Name)) a").attr("href"));
    }

    @Test
    void theServiceSortsFoldersFirstWhenAskedAndPagesFromAChild() {
        String dir = mixedFolder();
        String sort = "&sort=" + org.vosportal.vospace.UriCodec.encodeQueryValue(Props.SORT_FOLDERS_FIRST);
        Node all = getNode("alice", dir + "?limit=100" + sort);
        assertEquals(ASCENDING, all.children().stream().map(Node::name).toList());
        Node from = getNode("alice", dir + "?limit=3&order=desc" + sort + "&uri="
                + org.vosportal.vospace.UriCodec.encodeQueryValue(AUTH + dir + "/Alpha"));
        assertEquals(List.of("Alpha", "zeta.txt", "Gamma.txt"), from.children().stream().map(Node::name).toList());
    }
}
