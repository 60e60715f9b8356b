package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.vosportal.vospace.UriCodec;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vosportal.service.ServiceTestBase;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.Props;

/**
 * The portal against the embedded service over HTTP, logged in through the real Keycloak: what the
 * user sees, and what the service then holds.
 */
@QuarkusTest
public class PortalTest extends ServiceTestBase {

    public static PortalSession alice() {
        return PortalSession.login(SERVER, "alice");
    }

    static String folder(PortalSession s) {
        String name = "p-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> r = s.post("/storage/vault/mkdir", Map.of("parent", "/alice", "name", name), true);
        assertEquals(303, r.statusCode(), r::body);
        return "/alice/" + name;
    }

    @Test
    void loginShowsTheHomeWithQuotaAndLogoutEndsTheSession() {
        PortalSession s = alice();
        HttpResponse<String> home = s.get("/storage/vault/list/alice");
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("class=\"who\">alice<"), "user menu");
        assertTrue(home.body().contains(" of 200.0 MB"), "quota of the home is shown");
        assertTrue(home.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        assertFalse(home.body().contains("eyJ"), "no token in the page");
        // every page's header has the same account corner: who, and the log-out button
        for (String page : java.util.List.of("/storage/vault/list/alice", "/storage/vault/shares",
                "/storage/vault/trash", "/storage/vault/search/alice?q=x", "/storage/vault/info/alice")) {
            HttpResponse<String> r = s.get(page);
            assertEquals(200, r.statusCode(), page);
            org.jsoup.nodes.Element account = Jsoup.parse(r.body()).selectFirst("header .account");
            assertTrue(account != null, page + " has no account corner");
            assertEquals("alice", account.select(".who").text(), page);
            assertEquals(1, account.select("form[method=post][action=/storage/logout]").size(), page + ": log-out button");
        }
        // logout is a POST; it ends the portal session and, through Keycloak's end-session
        // endpoint, the single sign-on session too
        HttpResponse<String> logout = s.post("/storage/logout", Map.of(), true);
        assertEquals(303, logout.statusCode());
        assertTrue(logout.headers().firstValue("Location").orElse("")
                .startsWith(org.vosportal.testsupport.KeycloakServer.issuer() + "/protocol/openid-connect/logout"));
        HttpResponse<String> out = s.follow(logout);
        assertTrue(out.statusCode() < 400, "logout answered " + out.statusCode());
        HttpResponse<String> relogin = s.follow(s.get("/storage/login"));
        assertTrue(relogin.body().contains("name=\"password\""), "Keycloak asks for the password again");
        HttpResponse<String> again = s.get("/storage/vault/list/alice");
        assertEquals(403, again.statusCode(), "after logout alice's home is private again");
        assertTrue(again.body().contains("/storage/login"), "with a login button");
    }

    /** The access and refresh tokens never reach a log line (the test profile also logs to a file). */
    @Test
    void tokensNeverReachTheLog() throws Exception {
        PortalSession s = alice();
        String dir = folder(s);
        s.upload(dir + "/x.txt", "x".getBytes(StandardCharsets.UTF_8), true);
        s.get("/storage/vault/list" + dir);
        s.get("/storage/vault/list/nosuchuser");
        java.nio.file.Path log = java.nio.file.Path.of("target/quarkus-test.log");
        assertTrue(java.nio.file.Files.exists(log), "test log file");
        String text = java.nio.file.Files.readString(log);
        assertFalse(text.matches("(?s).*eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}.*"), "a JWT appears in the log");
    }

    @Test
    void createFolderWithValidationAndDuplicates() {
        PortalSession s = alice();
        String dir = folder(s);
        assertEquals("vos:ContainerNode", getNode("alice", dir + "?limit=0").type().xsiType());
        HttpResponse<String> dup = s.post("/storage/vault/mkdir", Map.of("parent", "/alice", "name",
                dir.substring(7)), true);
        assertEquals(409, dup.statusCode());
        assertTrue(dup.body().contains("already exists"), dup.body());
        HttpResponse<String> bad = s.post("/storage/vault/mkdir", Map.of("parent", dir, "name", "a/b"), true);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("cannot be a folder name"), bad.body());
        HttpResponse<String> noCsrf = s.post("/storage/vault/mkdir", Map.of("parent", dir, "name", "x"), false);
        assertEquals(403, noCsrf.statusCode());
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/x").statusCode(), "nothing created");
        // htmx: the error lands in the flash region, not over the page
        HttpResponse<String> hx = s.send(s.request("/storage/vault/mkdir").header("HX-Request", "true")
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-CSRF-Token", s.csrf())
                .POST(HttpRequest.BodyPublishers.ofString(PortalSession.form(Map.of("parent", dir, "name", "..")))).build());
        assertEquals(400, hx.statusCode());
        assertEquals("#flash", hx.headers().firstValue("HX-Retarget").orElse(null));
        // and is what gets swapped in, whatever the form's hx-select (#listing) would pick
        assertEquals("p.error", hx.headers().firstValue("HX-Reselect").orElse(null));
        assertTrue(hx.body().startsWith("<p class=\"error\""), hx.body());
        assertFalse(hx.body().contains("<html"), "a fragment, not a page");
    }

    @Test
    void uploadIsStreamedToTheServiceAndDownloadsBack() throws Exception {
        PortalSession s = alice();
        String dir = folder(s);
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(data);
        HttpResponse<String> up = s.upload(dir + "/cube%20one.fits", data, true);
        assertEquals(201, up.statusCode(), up.body());
        Node stored = getNode("alice", dir + "/cube%20one.fits");
        assertEquals(String.valueOf(data.length), stored.value(Props.LENGTH));
        assertEquals("application/fits", stored.value(Props.TYPE));
        assertEquals(403, s.upload(dir + "/nocsrf.bin", data, false).statusCode());
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/nocsrf.bin").statusCode());

        HttpResponse<String> dl = s.get("/storage/vault/download" + dir + "/cube%20one.fits");
        assertEquals(303, dl.statusCode());
        String location = dl.headers().firstValue("Location").orElseThrow();
        assertFalse(location.contains("/storage/"), "the browser goes straight to the pre-authorised URL");
        HttpResponse<byte[]> bytes = HttpClient.newHttpClient().send(HttpRequest.newBuilder(java.net.URI.create(location))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, bytes.statusCode());
        assertArrayEquals(data, bytes.body());
        assertTrue(bytes.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));

        HttpResponse<String> listing = s.get("/storage/vault/list" + dir);
        assertTrue(listing.body().contains("cube one.fits"));
        assertTrue(listing.body().contains("3.0 MB"), "human size");
    }

    @Test
    void namesAreEscapedEverywhere() {
        PortalSession s = alice();
        String dir = folder(s);
        String evil = "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E.txt";
        assertEquals(201, s.upload(dir + "/" + evil, "x".getBytes(StandardCharsets.UTF_8), true).statusCode());
        String page = s.get("/storage/vault/list" + dir).body();
        assertFalse(page.contains("<img src=x"), "no live markup from a name");
        assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;.txt"), "shown as text");
    }

    @Test
    void theFilterSearchesTheWholeFolderNotOnlyTheRowsLoaded() {
        PortalSession s = alice();
        String dir = folder(s);
        for (String n : new String[] {"a1.txt", "a2.txt", "a3.txt", "a4.txt", "a5.txt", "a6.txt", "a7.txt",
                "z-target.FITS"}) {
            s.upload(dir + "/" + n, n.getBytes(StandardCharsets.UTF_8), true);
        }
        String list = "/storage/vault/list" + dir;
        assertEquals(java.util.List.of("a1.txt", "a2.txt", "a3.txt"), rowNames(s.get(list).body()), "pages of 3 here");
        Document glob = Jsoup.parse(s.get(list + "?q=" + UriCodec.encodeQueryValue("*.fits")).body());
        assertEquals(java.util.List.of("z-target.FITS"), glob.select("tr.row").eachAttr("data-name"),
                "found on the folder's third page, case-insensitive");
        assertEquals("Filtered: *.fits", glob.selectFirst("a.chip.filtered").ownText().strip());
        assertEquals(list, glob.selectFirst("a.chip.filtered").attr("href"), "one click clears it");
        Document part = Jsoup.parse(s.get(list + "?q=a").body());
        assertEquals(java.util.List.of("a1.txt", "a2.txt", "a3.txt"), part.select("tr.row").eachAttr("data-name"));
        assertNotNull(part.selectFirst("tr.more a"), "more matches to load");
        String more = part.selectFirst("tr.more a").attr("href");
        assertTrue(more.contains("q=a"), "the next page keeps filtering: " + more);
        assertEquals(java.util.List.of("a4.txt", "a5.txt", "a6.txt"), rowNames(s.get(more).body()));
        Document none = Jsoup.parse(s.get(list + "?q=nothing-like-this").body());
        assertTrue(none.select("tr.row").isEmpty());
        assertEquals("Nothing here is named like 'nothing-like-this'.", none.selectFirst("tr.empty").text());
    }

    /**
     * Deletes that do not go to the trash (TrashTest covers those in one's own home): a group writer
     * deleting in someone else's folder removes files at once and empties non-empty folders in
     * the background, with progress.
     */
    @Test
    void deleteFilesAndNonEmptyFoldersOutsideOnesHome() throws Exception {
        PortalSession s = alice();
        String dir = folder(s);
        org.vosportal.service.PermissionCases.setProps("alice", dir, "vos:ContainerNode",
                prop(Props.GROUP_WRITE, org.vosportal.service.PermissionCases.GROUP));
        s.upload(dir + "/a.txt", "a".getBytes(StandardCharsets.UTF_8), true);
        s.post("/storage/vault/mkdir", Map.of("parent", dir, "name", "full"), true);
        s.upload(dir + "/full/b.txt", "b".getBytes(StandardCharsets.UTF_8), true);
        org.vosportal.service.PermissionCases.setProps("alice", dir + "/full", "vos:ContainerNode",
                prop(Props.GROUP_WRITE, org.vosportal.service.PermissionCases.GROUP)); // bob may empty it
        PortalSession bob = PortalSession.login(SERVER, "bob");
        HttpResponse<String> r = bob.send(bob.request("/storage/vault/selection")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + bob.csrf() + "&action=delete&path="
                        + java.net.URLEncoder.encode(dir + "/a.txt", StandardCharsets.UTF_8) + "&path="
                        + java.net.URLEncoder.encode(dir + "/full", StandardCharsets.UTF_8))).build());
        assertEquals(303, r.statusCode(), r.body());
        String back = r.headers().firstValue("Location").orElse("");
        assertEquals("/storage/vault/list" + dir, back);
        String page = bob.get(back).body();
        assertTrue(page.contains("Deleting 2 items: the folder is being emptied in the background."), page);
        String job = page.replaceAll("(?s).*/storage/vault/jobs/([A-Za-z0-9_-]+).*", "$1");
        assertTrue(job.matches("[A-Za-z0-9_-]{8,}"), "the page polls the job: " + job);
        assertFalse(bob.get(back).body().contains("Deleting 2 items"), "the message is shown once");
        String progress = "";
        for (int i = 0; i < 50 && !progress.contains("done"); i++) {
            progress = bob.htmx("/storage/vault/jobs/" + job).body();
            Thread.sleep(100);
        }
        assertTrue(progress.contains("done."), progress);
        assertEquals(404, s.get("/storage/vault/jobs/" + job).statusCode(), "another user cannot follow bob's job");
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/a.txt").statusCode());
        for (int i = 0; i < 50 && as("alice").get(BASE + "/nodes" + dir + "/full").statusCode() != 404; i++) {
            Thread.sleep(100);
        }
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/full").statusCode(), "the recursive job ran");
    }

    static HttpRequest.BodyPublisher selection(PortalSession s, String action, String extra, String... paths) {
        StringBuilder b = new StringBuilder("csrf=" + s.csrf() + "&action=" + action + extra);
        for (String p : paths) {
            b.append("&path=").append(java.net.URLEncoder.encode(p, StandardCharsets.UTF_8));
        }
        return HttpRequest.BodyPublishers.ofString(b.toString());
    }

    static HttpRequest.Builder form(PortalSession s, String path) {
        return s.request(path).header("Content-Type", "application/x-www-form-urlencoded");
    }

    @Test
    void selectionDownloadsAsZipAndUrlList() throws Exception {
        PortalSession s = alice();
        String dir = folder(s);
        s.upload(dir + "/one.txt", "one".getBytes(StandardCharsets.UTF_8), true);
        s.post("/storage/vault/mkdir", Map.of("parent", dir, "name", "sub"), true);
        s.upload(dir + "/sub/two.txt", "two".getBytes(StandardCharsets.UTF_8), true);
        HttpResponse<byte[]> zip = s.sendBytes(form(s, "/storage/vault/selection/archive")
                .POST(selection(s, "zip", "", dir + "/one.txt", dir + "/sub")).build());
        assertEquals(200, zip.statusCode());
        assertTrue(zip.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"), zip.headers().map().toString());
        Map<String, String> entries = new java.util.TreeMap<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(Map.of("one.txt", "one", "sub/", "", "sub/two.txt", "two"), entries);
        // the portal's own ZIP (for services without a package capability) holds the same files
        HttpResponse<byte[]> own = s.sendBytes(form(s, "/storage/vault/selection/assemble")
                .POST(selection(s, "zip", "", dir + "/one.txt", dir + "/sub")).build());
        assertEquals(200, own.statusCode());
        Map<String, String> ownEntries = new java.util.TreeMap<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(own.body()))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                ownEntries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(Map.of("one.txt", "one", "sub/two.txt", "two"), ownEntries);

        HttpResponse<String> urls = s.send(form(s, "/storage/vault/selection")
                .POST(selection(s, "urls", "", dir + "/one.txt", dir + "/sub")).build());
        assertEquals(200, urls.statusCode());
        String[] lines = urls.body().strip().split("\n");
        assertEquals(2, lines.length);
        java.util.Set<String> fetched = new java.util.TreeSet<>();
        for (String url : lines) {
            // a plain client with no cookies and no token
            fetched.add(HttpClient.newHttpClient().send(HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }
        assertEquals(java.util.Set.of("one", "two"), fetched);
        HttpResponse<String> html = s.send(form(s, "/storage/vault/selection")
                .POST(selection(s, "html", "", dir + "/sub")).build());
        assertTrue(html.body().contains("sub/two.txt</a>"), html.body());
    }

    /**
     * The TAR the portal builds itself (for services without packages), here over the embedded
     * service: every file under the selection by relative path, names of any length and script,
     * bytes as uploaded, empty files included.
     */
    @Test
    void thePortalsOwnTarHoldsTheUploadedBytes() throws Exception {
        PortalSession s = alice();
        String dir = folder(s);
        byte[] cube = new byte[300_000];
        new java.util.Random(5).nextBytes(cube);
        String longName = "l".repeat(120) + ".bin";
        assertEquals(201, s.upload(dir + "/cube.fits", cube, true).statusCode());
        s.post("/storage/vault/mkdir", Map.of("parent", dir, "name", "sub"), true);
        assertEquals(201, s.upload(dir + "/sub/%C3%A9t%C3%A9.txt", "été".getBytes(StandardCharsets.UTF_8), true)
                .statusCode());
        assertEquals(201, s.upload(dir + "/sub/" + longName, "long".getBytes(StandardCharsets.UTF_8), true).statusCode());
        assertEquals(201, s.upload(dir + "/sub/empty", new byte[0], true).statusCode());
        HttpResponse<byte[]> tar = s.sendBytes(form(s, "/storage/vault/selection/assemble")
                .POST(selection(s, "tar", "", dir + "/cube.fits", dir + "/sub")).build());
        assertEquals(200, tar.statusCode());
        assertEquals("application/x-tar", tar.headers().firstValue("Content-Type").orElse(""));
        Map<String, byte[]> entries = new java.util.TreeMap<>();
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                new java.io.ByteArrayInputStream(tar.body()))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        assertEquals(java.util.Set.of("cube.fits", "sub/été.txt", "sub/" + longName, "sub/empty"), entries.keySet());
        assertArrayEquals(cube, entries.get("cube.fits"));
        assertEquals("été", new String(entries.get("sub/été.txt"), StandardCharsets.UTF_8));
        assertEquals("long", new String(entries.get("sub/" + longName), StandardCharsets.UTF_8));
        assertEquals(0, entries.get("sub/empty").length);
        // the listing offers TAR on the service's package path, where it has one
        String page = s.get("/storage/vault/list" + dir).body();
        assertTrue(page.contains("value=\"tar\" formaction=\"/storage/vault/selection/archive\""), "TAR button");
    }

    @Test
    void thePortalsOwnZipOfManyFilesKeepsEveryFileInOrder() throws Exception {
        PortalSession s = alice();
        String dir = folder(s);
        java.util.List<String> names = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(11);
        Map<String, byte[]> uploaded = new java.util.HashMap<>();
        // more files than the archive fetches ahead, of different sizes, so that a mix-up shows
        // one file too large to open the next one ahead of it, in the middle
        for (int i = 0; i < 3 * ArchiveFeed.URLS_AHEAD + 1; i++) {
            byte[] b = new byte[i == 5 ? (int) ArchiveFeed.SMALL + 1 : 1000 + random.nextInt(200_000)];
            random.nextBytes(b);
            String name = String.format("part%02d.bin", i);
            assertEquals(201, s.upload(dir + "/" + name, b, true).statusCode());
            names.add(name);
            uploaded.put(name, b);
        }
        HttpResponse<byte[]> zip = s.sendBytes(form(s, "/storage/vault/selection/assemble")
                .POST(selection(s, "zip", "", dir)).build());
        assertEquals(200, zip.statusCode());
        java.util.List<String> order = new java.util.ArrayList<>();
        String top = dir.substring(dir.lastIndexOf('/') + 1);
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String name = e.getName().substring(top.length() + 1);
                order.add(name);
                assertArrayEquals(uploaded.get(name), in.readAllBytes(), name);
            }
        }
        assertEquals(names, order);
    }

    @Test
    void anArchiveTheServiceRefusesIsAPageNotADownload() throws Exception {
        PortalSession alice = alice();
        String dir = folder(alice);
        assertEquals(201, alice.upload(dir + "/private.txt", "mine".getBytes(StandardCharsets.UTF_8), true).statusCode());
        PortalSession bob = PortalSession.login(SERVER, "bob");
        HttpResponse<String> r = bob.send(form(bob, "/storage/vault/selection/assemble")
                .POST(selection(bob, "zip", "", dir + "/private.txt")).build());
        assertTrue(r.statusCode() == 403 || r.statusCode() == 404, r.statusCode() + " " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), "an HTML page");
        assertFalse(r.body().contains("at org."), "no stack trace");
    }

    /** A TAR's file entries and their contents as text. */
    static Map<String, String> tarEntries(byte[] tar) throws java.io.IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                new java.io.ByteArrayInputStream(tar))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void folderPickerListsOnlyFolders() {
        PortalSession s = alice();
        String dir = folder(s);
        s.post("/storage/vault/mkdir", Map.of("parent", dir, "name", "a <b>"), true);
        s.upload(dir + "/file.txt", "x".getBytes(StandardCharsets.UTF_8), true);
        HttpResponse<String> tree = s.htmx("/storage/vault/folders" + dir);
        assertEquals(200, tree.statusCode());
        assertTrue(tree.body().contains("data-path=\"" + dir + "/a &lt;b&gt;\""), tree.body());
        assertFalse(tree.body().contains("file.txt"), "files are not destinations");
    }

    @Test
    void moveCopyAndRename() {
        PortalSession s = alice();
        String dir = folder(s);
        s.upload(dir + "/f.txt", "data".getBytes(StandardCharsets.UTF_8), true);
        s.post("/storage/vault/mkdir", Map.of("parent", dir, "name", "into"), true);
        HttpResponse<String> ren = s.send(form(s, "/storage/vault/selection")
                .POST(selection(s, "rename", "&newname=g.txt", dir + "/f.txt")).build());
        assertEquals(303, ren.statusCode(), ren.body());
        assertEquals(200, as("alice").get(BASE + "/nodes" + dir + "/g.txt").statusCode());
        HttpResponse<String> mv = s.send(form(s, "/storage/vault/selection")
                .POST(selection(s, "move", "&dest=" + java.net.URLEncoder.encode(dir + "/into", StandardCharsets.UTF_8),
                        dir + "/g.txt")).build());
        assertEquals(303, mv.statusCode(), mv.body());
        assertEquals("data", download("alice", dir + "/into/g.txt").asString());
        HttpResponse<String> cp = s.send(form(s, "/storage/vault/selection")
                .POST(selection(s, "copy", "&dest=" + java.net.URLEncoder.encode(dir, StandardCharsets.UTF_8),
                        dir + "/into/g.txt")).build());
        assertEquals(303, cp.statusCode(), cp.body());
        assertEquals("data", download("alice", dir + "/g.txt").asString());
        assertEquals("data", download("alice", dir + "/into/g.txt").asString());
        // copying again onto the same name: a per-item error in plain words
        HttpResponse<String> again = s.send(form(s, "/storage/vault/selection")
                .POST(selection(s, "copy", "&dest=" + java.net.URLEncoder.encode(dir, StandardCharsets.UTF_8),
                        dir + "/into/g.txt")).build());
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("g.txt: something with that name is already there"), again.body());
    }

    @Test
    void linksAndSortingAndFolderUploads() {
        PortalSession s = alice();
        String dir = folder(s);
        s.upload(dir + "/big.bin", new byte[5000], true);
        s.upload(dir + "/small.bin", new byte[10], true);
        HttpResponse<String> link = s.post("/storage/vault/link", Map.of("parent", dir, "name", "to-big",
                "target", dir + "/big.bin"), true);
        assertEquals(303, link.statusCode(), link.body());
        HttpResponse<String> web = s.post("/storage/vault/link", Map.of("parent", dir, "name", "docs",
                "target", "https://www.ivoa.net/documents/VOSpace/"), true);
        assertEquals(303, web.statusCode());
        assertEquals(400, s.post("/storage/vault/link", Map.of("parent", dir, "name", "bad",
                "target", "javascript:alert(1)"), true).statusCode());
        String page = s.get("/storage/vault/list" + dir).body();
        assertTrue(page.contains("href=\"https://www.ivoa.net/documents/VOSpace/\" rel=\"noopener noreferrer\""), page);
        HttpResponse<String> follow = s.get("/storage/vault/follow" + dir + "/to-big");
        assertEquals(303, follow.statusCode());
        assertTrue(follow.headers().firstValue("Location").orElse("").endsWith("/download" + dir + "/big.bin"));
        String bySize = s.get("/storage/vault/list" + dir + "?sort=size&order=desc").body();
        assertTrue(bySize.indexOf("big.bin") < bySize.indexOf("small.bin"), "largest first");
        String bySizeAsc = s.get("/storage/vault/list" + dir + "?sort=size&order=asc").body();
        // the two links (length 0) and small.bin fill the first page of 3; big.bin comes later
        assertTrue(bySizeAsc.contains(">small.bin<") && !bySizeAsc.contains(">big.bin<"), "smallest first");
        // a folder upload creates the folders it needs
        HttpResponse<String> up = s.send(s.request("/storage/vault/upload" + dir + "/tree/deep/leaf.txt")
                .header("X-CSRF-Token", s.csrf()).header("X-Create-Parents", "true")
                .PUT(HttpRequest.BodyPublishers.ofString("leaf")).build());
        assertEquals(201, up.statusCode(), up.body());
        assertEquals("leaf", download("alice", dir + "/tree/deep/leaf.txt").asString());
    }

    @Test
    void resumableUploadSurvivesRetriesAndDroppedSegments() throws Exception {
        PortalSession s = alice();
        String dir = folder(s);
        byte[] data = new byte[3_000_000];
        new java.util.Random(3).nextBytes(data);
        HttpResponse<String> open = s.send(form(s, "/storage/vault/uploads").header("X-CSRF-Token", s.csrf())
                .POST(HttpRequest.BodyPublishers.ofString("path=" + java.net.URLEncoder.encode(dir + "/big cube.fits",
                        StandardCharsets.UTF_8) + "&size=" + data.length)).build());
        assertEquals(201, open.statusCode(), open.body());
        String id = open.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        String url = "/storage/vault/uploads/" + id;
        java.util.function.BiFunction<Integer, Integer, HttpResponse<String>> segment = (from, to) -> s.send(
                s.request(url).header("X-CSRF-Token", s.csrf()).header("X-Upload-Offset", String.valueOf(from))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(java.util.Arrays.copyOfRange(data, from, to)))
                        .build());
        assertEquals(200, segment.apply(0, 1_000_000).statusCode());
        // a retry of bytes that already arrived is refused and says where to continue
        HttpResponse<String> dup = segment.apply(0, 1_000_000);
        assertEquals(409, dup.statusCode());
        assertTrue(dup.body().contains("\"received\":1000000"), dup.body());
        // a segment cut off half-way leaves nothing half-written
        try {
            s.http.send(s.request(url).header("X-CSRF-Token", s.csrf()).header("X-Upload-Offset", "1000000")
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.InputStream() {
                        int n;

                        @Override
                        public int read() throws java.io.IOException {
                            if (n++ > 500_000) {
                                throw new java.io.IOException("network gone");
                            }
                            return 7;
                        }
                    })).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException expected) {
            // the client saw the connection drop
        }
        String status = "";
        for (int i = 0; i < 50; i++) {
            status = s.get(url).body();
            if (status.contains("\"received\":1000000")) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(status.contains("\"received\":1000000"), "resume point after the drop: " + status);
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/big%20cube.fits").statusCode(), "invisible until commit");
        assertEquals(200, segment.apply(1_000_000, 3_000_000).statusCode());
        HttpResponse<String> commit = s.send(s.request(url + "/commit").header("X-CSRF-Token", s.csrf())
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(201, commit.statusCode(), commit.body());
        assertArrayEquals(data, download("alice", dir + "/big%20cube.fits").asByteArray());
        // someone else cannot touch alice's upload session
        assertEquals(404, PortalSession.login(SERVER, "bob").get(url).statusCode());
    }

    @Test
    void pagingFetchesFurtherRowsAsFragments() {
        PortalSession s = alice();
        String dir = folder(s);
        for (String n : new String[] {"a", "b", "c", "d", "e"}) {
            s.upload(dir + "/" + n + ".txt", n.getBytes(StandardCharsets.UTF_8), true);
        }
        // test profile: 3 rows per page
        String first = s.get("/storage/vault/list" + dir).body();
        assertTrue(first.contains("a.txt") && first.contains("c.txt") && !first.contains("d.txt"), first);
        assertTrue(first.contains("hx-trigger=\"revealed\""));
        HttpResponse<String> next = s.htmx("/storage/vault/list" + dir + "?after=c.txt");
        assertEquals(200, next.statusCode());
        assertFalse(next.body().contains("<html"), "rows only");
        assertTrue(next.body().contains("d.txt") && next.body().contains("e.txt") && !next.body().contains("c.txt"));
        String filtered = s.get("/storage/vault/list" + dir + "?q=B.").body();
        assertTrue(filtered.contains("b.txt") && !filtered.contains("a.txt"), "filter by name");
    }

    /**
     * Sorted by size or date, further pages come like name order's: the sentinel row asks for the
     * rows after the last one, keeping the sort; ties in size are broken by name, nothing is lost
     * or repeated.
     */
    @Test
    void sortedViewsPageLikeNameOrder() {
        PortalSession s = alice();
        String dir = folder(s);
        String[] names = {"k", "b", "x", "a", "m", "c", "z", "d"};
        int[] sizes = {2, 1, 3, 2, 1, 3, 2, 1};
        for (int i = 0; i < names.length; i++) {
            assertEquals(201, s.upload(dir + "/" + names[i], new byte[sizes[i]], true).statusCode());
        }
        for (String order : java.util.List.of("asc", "desc")) {
            HttpResponse<String> first = s.get("/storage/vault/list" + dir + "?sort=size&order=" + order);
            assertEquals(200, first.statusCode());
            java.util.List<String> seen = new java.util.ArrayList<>(rowNames(first.body()));
            assertEquals(3, seen.size(), "one page (3 rows in the test profile)");
            String next = nextUrl(first.body());
            for (int pages = 1; next != null; pages++) {
                assertTrue(next.contains("sort=size&order=" + order + "&after="), next);
                assertTrue(pages < 5, "too many pages");
                HttpResponse<String> more = s.htmx(next);
                assertEquals(200, more.statusCode(), more.body());
                assertFalse(more.body().contains("<html"), "rows only");
                seen.addAll(rowNames(more.body()));
                next = nextUrl(more.body());
            }
            java.util.List<String> expected = new java.util.ArrayList<>(java.util.List.of("b", "d", "m", "a", "k", "z",
                    "c", "x"));
            if (order.equals("desc")) {
                java.util.Collections.reverse(expected);
            }
            assertEquals(expected, seen, order);
        }
        // the row to continue from was deleted meanwhile: say so instead of guessing
        HttpResponse<String> gone = s.htmx("/storage/vault/list" + dir + "?sort=size&order=asc&after=nope");
        assertEquals(200, gone.statusCode(), gone.body());
        assertTrue(gone.body().contains("changed while you were scrolling"), gone.body());
        // or it grew: its place in the order moved, so the next page would repeat or skip rows
        String next = nextUrl(s.get("/storage/vault/list" + dir + "?sort=size&order=asc").body());
        assertTrue(next.contains("&key=1"), next); // the third row, "m", has 1 byte
        assertEquals(201, s.upload(dir + "/m", new byte[5], true).statusCode());
        HttpResponse<String> moved = s.htmx(next);
        assertEquals(200, moved.statusCode(), moved.body());
        assertTrue(moved.body().contains("changed while you were scrolling"), moved.body());
        assertTrue(rowNames(moved.body()).isEmpty(), "no rows out of order");
    }

    /** The names of the rows of a listing page or fragment, in order. */
    static java.util.List<String> rowNames(String html) {
        java.util.List<String> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<tr class=\"row [^\"]*\" data-name=\"([^\"]*)\"")
                .matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The URL the sentinel row fetches next, or null on the last page. */
    static String nextUrl(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<tr class=\"more\" hx-get=\"([^\"]+)\"").matcher(html);
        return m.find() ? m.group(1).replace("&amp;", "&") : null;
    }

    @Test
    void anonymousVisitorsBrowsePublicFoldersOnly() {
        PortalSession s = alice();
        String dir = folder(s);
        s.upload(dir + "/pub.txt", "public".getBytes(StandardCharsets.UTF_8), true);
        PortalSession anon = new PortalSession(SERVER);
        HttpResponse<String> denied = anon.get("/storage/vault/list" + dir);
        assertEquals(403, denied.statusCode());
        assertTrue(denied.body().contains("Log in"), "a login button for anonymous visitors");
        as("alice").body(containerDoc(dir).replace("<vos:properties/>", "<vos:properties>"
                + prop(Props.IS_PUBLIC, "true") + "</vos:properties>")).post(BASE + "/nodes" + dir).then().statusCode(200);
        as("alice").body(dataDoc(dir + "/pub.txt", prop(Props.IS_PUBLIC, "true"))).post(BASE + "/nodes" + dir + "/pub.txt")
                .then().statusCode(200);
        HttpResponse<String> open = anon.get("/storage/vault/list" + dir);
        assertEquals(200, open.statusCode());
        assertTrue(open.body().contains("pub.txt"));
        assertFalse(open.body().contains("+ Folder"), "no write actions for anonymous visitors");
        HttpResponse<String> dl = anon.get("/storage/vault/download" + dir + "/pub.txt");
        assertEquals(303, dl.statusCode());
        assertNotNull(dl.headers().firstValue("Location").orElse(null));
    }

    @Test
    void badPathsAndUnknownServicesGetPlainErrors() {
        PortalSession s = new PortalSession(SERVER);
        HttpResponse<String> trav = s.get("/storage/vault/list/alice/%2e%2e/bob");
        assertEquals(400, trav.statusCode());
        assertTrue(trav.body().contains("not a valid path"));
        HttpResponse<String> unknown = s.get("/storage/nosuch/list");
        assertEquals(404, unknown.statusCode());
        assertFalse(unknown.body().contains("Exception"), "never a stack trace");
    }

    @Test
    void anExpiredSessionDuringAnHtmxRequestIsNotSwappedIntoThePage() {
        PortalSession s = new PortalSession(SERVER);
        s.jar.put(SERVER, "q_session_portal", "garbage");
        HttpResponse<String> r = s.send(s.request("/storage/vault/list/alice").header("HX-Request", "true").GET().build());
        assertTrue(r.statusCode() == 499 || "/storage/login".equals(r.headers().firstValue("HX-Redirect").orElse(null)),
                "htmx is sent to the login page as a whole, got " + r.statusCode());
        assertFalse(r.body().contains("kc-form-login"), "no login form swapped into a fragment");
        HttpResponse<String> page = new PortalSession(SERVER).get("/storage/vault/list/alice");
        assertEquals(403, page.statusCode());
    }
}
