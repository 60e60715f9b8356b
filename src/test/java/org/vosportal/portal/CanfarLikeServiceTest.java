package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vosportal.service.ServiceTestBase;

/**
 * The portal is not tied to its own service: against a second VOSpace that answers like CANFAR's
 * vault (configured as service "canfar" in the test profile) it lists, downloads and creates
 * folders with that service's URIs, and carries the user's token.
 */
@QuarkusTest
class CanfarLikeServiceTest extends ServiceTestBase {

    static MockCanfarVault vault;

    @BeforeAll
    static void start() throws Exception {
        vault = new MockCanfarVault(8099);
    }

    @AfterAll
    static void stop() {
        vault.stop();
    }

    @Test
    void aServiceThatCannotBeReachedIsA503PageAndComesBackWithoutARestart() throws Exception {
        PortalSession s = PortalTest.alice();
        assertEquals(200, s.get("/storage/canfar/list/home/alice").statusCode());
        vault.stop();
        try {
            HttpResponse<String> down = s.get("/storage/canfar/list/home/alice");
            assertEquals(503, down.statusCode(), down.body());
            assertTrue(down.body().contains("cannot be reached right now"), down.body());
            assertTrue(down.headers().firstValue("Retry-After").isPresent());
            assertTrue(!down.body().contains("Exception") && !down.body().contains("at org."), down.body());
            // the embedded service is unaffected
            assertEquals(200, s.get("/storage/vault/list/alice").statusCode());
        } finally {
            vault = new MockCanfarVault(8099);
        }
        HttpResponse<String> back = s.get("/storage/canfar/list/home/alice");
        assertEquals(200, back.statusCode(), back.body());
        assertTrue(back.body().contains("obs.fits"));
    }

    @Test
    void listsX500OwnersAndGroupUrisAsPlainNames() {
        PortalSession s = PortalTest.alice();
        HttpResponse<String> page = s.get("/storage/canfar/list/home/alice");
        assertEquals(200, page.statusCode(), page.body());
        String b = page.body();
        assertTrue(b.contains("obs.fits"));
        assertTrue(b.contains(">alice smith<"), "CN of the X.500 creator");
        assertTrue(b.contains(">proj1<") && b.contains(">proj2<"), "group names from ivo://cadc.nrc.ca/gms?…");
        assertTrue(b.contains("96.0 MB"));
        assertTrue(b.contains("2024-03-15 10:20"));
        assertTrue(vault.seen.stream().anyMatch(r -> r.path().startsWith("/vault/nodes/home/alice")
                && r.authorization() != null && r.authorization().startsWith("Bearer ")), "the user's token went along");
    }

    /**
     * A service that sorts but refuses {@code sort} with {@code uri}: the sorted view's next page
     * falls back to the rest of the first 1,000 rows, says so, and offers no further page.
     */
    @Test
    void sortedViewsOfAServiceThatCannotPageThemShowTheFirstThousandRows() {
        PortalSession s = PortalTest.alice();
        HttpResponse<String> first = s.get("/storage/canfar/list/home/alice/many?sort=size&order=desc");
        assertEquals(200, first.statusCode(), first.body());
        java.util.List<String> shown = PortalTest.rowNames(first.body());
        assertEquals(3, shown.size(), "one page (3 rows in the test profile)");
        String next = PortalTest.nextUrl(first.body());
        assertTrue(next.contains("sort=size&order=desc&after=" + shown.get(2)), next);
        HttpResponse<String> rest = s.htmx(next);
        assertEquals(200, rest.statusCode(), rest.body());
        java.util.List<String> more = PortalTest.rowNames(rest.body());
        assertEquals(1000 - 3, more.size());
        assertTrue(rest.body().contains("sorts only its first 1,000 items"), "the page says why it stops");
        assertEquals(null, PortalTest.nextUrl(rest.body()), "no further page");
        java.util.List<String> all = new java.util.ArrayList<>(shown);
        all.addAll(more);
        java.util.List<String> expected = java.util.stream.IntStream.range(0, MockCanfarVault.MANY).boxed()
                .sorted(java.util.Comparator.comparingLong(MockCanfarVault::manySize).thenComparing(i -> i).reversed())
                .limit(1000).map(i -> String.format("f%04d", i)).toList();
        assertEquals(expected, all, "the first 1,000 rows in size order, each once");
        assertTrue(vault.seen.stream().anyMatch(r -> r.path().contains("/many?") && r.path().contains("uri=")
                && r.path().contains("sort=")), "sorted paging was tried first");
    }

    /**
     * A service that does not say who can really open a node (CANFAR's vault computes no
     * effectivePublic): the pages claim no more than the node's own grant, and say that they cannot tell.
     */
    @Test
    void aServiceThatDoesNotSayWhoCanOpenANodeGetsNoClaimBeyondItsOwnGrant() {
        PortalSession s = PortalTest.alice();
        Document info = Jsoup.parse(s.get("/storage/canfar/info/home/alice/obs.fits").body());
        assertTrue(info.selectFirst(".reach .who").text().startsWith("This service does not say"), info.html());
        assertTrue(info.text().contains("Public link (works for anyone only if every folder above is public too"),
                info.text());
        assertEquals(null, info.selectFirst("form.open-path"), "no fix offered for what is not known");
        Element badge = Jsoup.parse(s.get("/storage/canfar/list/home/alice").body())
                .selectFirst("tr.row[data-name=obs.fits] .badge.public");
        assertTrue(badge.attr("title").contains("does not say"), badge.outerHtml());
    }

    @Test
    void downloadFollowsTheVaultStyleRedirectToItsOwnByteUrl() {
        PortalSession s = PortalTest.alice();
        HttpResponse<String> dl = s.get("/storage/canfar/download/home/alice/obs.fits");
        assertEquals(303, dl.statusCode(), dl.body());
        assertEquals(vault.base + "/minoc/preauth:abc/home/alice/obs.fits", dl.headers().firstValue("Location").orElse(""));
        assertTrue(vault.seen.stream().anyMatch(r -> r.path().equals("/vault/synctrans") && r.body().contains(
                "vos://cadc.nrc.ca~vault/home/alice/obs.fits")), "the transfer names the service's own URI");
    }

    @Test
    void withoutAPackageCapabilityThePortalBuildsTheZipItself() throws Exception {
        PortalSession s = PortalTest.alice();
        String page = s.get("/storage/canfar/list/home/alice").body();
        assertTrue(page.contains("formaction=\"/storage/canfar/selection/assemble\""), "ZIP goes to the portal's own builder");
        java.net.http.HttpResponse<byte[]> zip = s.sendBytes(s.request("/storage/canfar/selection/assemble")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("csrf=" + s.csrf() + "&path=%2Fhome%2Falice%2Fobs.fits"))
                .build());
        assertEquals(200, zip.statusCode());
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            java.util.zip.ZipEntry e = in.getNextEntry();
            assertEquals("obs.fits", e.getName());
            assertEquals("SIMPLE  =                    T / mock FITS", new String(in.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /**
     * The portal's own TAR, chosen with the TAR button: entries by relative path, each with the
     * bytes the service serves (the announced length wins over a stale listed one).
     */
    @Test
    void withoutAPackageCapabilityThePortalBuildsTheTarItself() throws Exception {
        PortalSession s = PortalTest.alice();
        String page = s.get("/storage/canfar/list/home/alice").body();
        assertTrue(page.contains("value=\"tar\" formaction=\"/storage/canfar/selection/assemble\""), "TAR goes there too");
        java.net.http.HttpResponse<byte[]> tar = s.sendBytes(PortalTest.form(s, "/storage/canfar/selection/assemble")
                .POST(PortalTest.selection(s, "tar", "", "/home/alice/obs.fits", "/home/alice/sub")).build());
        assertEquals(200, tar.statusCode());
        assertEquals("application/x-tar", tar.headers().firstValue("Content-Type").orElse(""));
        assertTrue(tar.headers().firstValue("Content-Disposition").orElse("").contains("download.tar"));
        Map<String, String> expected = new java.util.TreeMap<>();
        for (String p : java.util.List.of("/home/alice/obs.fits", "/home/alice/sub/a.txt", "/home/alice/sub/deeper/b.txt")) {
            expected.put(p.substring("/home/alice/".length()), MockCanfarVault.bytesOf(p));
        }
        assertEquals(expected, PortalTest.tarEntries(tar.body()));
    }

    @Test
    void createFolderUsesTheServicesAuthority() {
        PortalSession s = PortalTest.alice();
        HttpResponse<String> r = s.post("/storage/canfar/mkdir", Map.of("parent", "/home/alice", "name", "new"), true);
        assertEquals(303, r.statusCode(), r.body());
        assertTrue(vault.seen.stream().anyMatch(x -> x.method().equals("PUT")
                && x.body().contains("uri=\"vos://cadc.nrc.ca~vault/home/alice/new\"")
                && x.body().contains("vos:ContainerNode")), vault.seen.toString());
    }

    @Test
    void anAnswerThatIsNotVospaceXmlIsTheServicesFaultInPlainWords() {
        PortalSession s = PortalTest.alice();
        HttpResponse<String> page = s.get("/storage/canfar/list/home/alice/broken");
        assertEquals(502, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), "a page");
        assertTrue(page.body().contains("canfar"), "names the service");
        assertFalse(page.body().contains("Exception"), "no stack trace");
    }

    /** A VOSpace without this service's sharing extensions: the Shares page says so instead of failing. */
    @Test
    void theSharesPageSaysTheListsAreNotAvailableFromThisService() {
        PortalSession s = PortalTest.alice();
        HttpResponse<String> r = s.get("/storage/canfar/shares");
        assertEquals(200, r.statusCode(), r.body());
        Document page = Jsoup.parse(r.body());
        assertTrue(page.selectFirst("#shares-unavailable").text().startsWith(
                "The storage service 'canfar' keeps no lists of share links"), r.body());
        assertTrue(page.select("#my-links, #shared-with-me").isEmpty());
    }
}
