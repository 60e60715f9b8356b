package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.vosportal.service.PermissionCases.CUSTOM;
import static org.vosportal.service.PermissionCases.area;
import static org.vosportal.service.PermissionCases.names;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vosportal.service.PermissionCases;
import org.vosportal.service.PermissionCases.Fixture;
import org.vosportal.service.PermissionCases.Kind;
import org.vosportal.service.PermissionCases.Subject;
import org.vosportal.service.ServiceTestBase;
import org.vosportal.vospace.Props;

/**
 * The permission matrix through the portal, as each person uses it in a browser: the same
 * subjects and folders as the service's matrix ({@link PermissionCases}), every action through
 * the portal's own pages, forms and upload route with a real Keycloak login. An allowed action
 * does what it says; a refused one answers 4xx with readable words (no stack trace) and storage is
 * checked to be unchanged through the service as alice.
 */
@QuarkusTest
class PortalPermissionMatrixTest extends ServiceTestBase {

    static final List<String> ACTIONS = List.of("list", "info", "download", "upload-new", "overwrite", "mkdir", "link",
            "rename", "move-out-to-own-home", "copy-to-own-home", "delete", "set-properties", "set-permissions", "zip",
            "url-list", "share-link");

    static Stream<Arguments> matrix() {
        return PermissionCases.cells(ACTIONS);
    }

    @AfterAll
    static void restoreHome() {
        PermissionCases.restoreHome();
    }

    private static final Map<String, PortalSession> SESSIONS = new ConcurrentHashMap<>();

    /** The subject's browser: logged in once through Keycloak's form, or anonymous (no login). */
    static PortalSession browser(Subject s) {
        String key = s.user() == null ? "" : s.user();
        return SESSIONS.computeIfAbsent(key, u -> u.isEmpty() ? new PortalSession(SERVER) : PortalSession.login(SERVER, u));
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("matrix")
    void matrix(String subjectLabel, String action) {
        PermissionCases.runCell(subjectLabel, action, (s, f) -> act(action, s, browser(s), f));
    }

    void act(String action, Subject s, PortalSession b, Fixture f) {
        switch (action) {
            case "list" -> list(s, b, f);
            case "info" -> info(s, b, f);
            case "download" -> download(s, b, f);
            case "upload-new" -> uploadNew(s, b, f);
            case "overwrite" -> overwrite(s, b, f);
            case "mkdir" -> mkdir(s, b, f);
            case "link" -> link(s, b, f);
            case "rename" -> rename(s, b, f);
            case "move-out-to-own-home" -> moveOut(s, b, f);
            case "copy-to-own-home" -> copyOut(s, b, f);
            case "delete" -> delete(s, b, f);
            case "set-properties" -> setProperties(s, b, f);
            case "set-permissions" -> setPermissions(s, b, f);
            case "zip" -> zip(s, b, f);
            case "url-list" -> urlList(s, b, f);
            case "share-link" -> shareLink(s, b, f);
            default -> fail("unknown action " + action);
        }
    }

    /** The folder page: readers see both rows; others a refusal page that names neither file. */
    void list(Subject s, PortalSession b, Fixture f) {
        HttpResponse<String> r = b.get("/storage/vault/list" + f.folder());
        if (s.reads()) {
            assertEquals(200, r.statusCode(), r::body);
            assertTrue(r.body().contains(">f.txt<"), "row f.txt");
            assertTrue(r.body().contains(">secret.txt<"), "row secret.txt (its name is visible to readers of F)");
            // only the actions the caller can do are offered (everyone who reads may copy out)
            org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(r.body());
            for (String action : List.of("move", "rename", "delete")) {
                assertEquals(s.writes(), page.selectFirst("button[name=action][value=" + action + "]") != null,
                        action + " offered to " + s.label());
            }
            assertEquals(s.user() != null, page.selectFirst("button[name=action][value=copy]") != null, "copy offered");
        } else {
            refused(r, 403);
            assertFalse(r.body().contains("secret.txt") || r.body().contains("f.txt"), "no names leak");
        }
    }

    /** The details page of f.txt. */
    void info(Subject s, PortalSession b, Fixture f) {
        HttpResponse<String> r = b.get("/storage/vault/info" + f.file());
        if (s.reads()) {
            assertEquals(200, r.statusCode(), r::body);
            assertTrue(r.body().contains("f.txt"), r::body);
        } else {
            refused(r, 403);
        }
    }

    /** Download through the portal: a 303 to a pre-authorised URL with the bytes; secret.txt is alice's. */
    void download(Subject s, PortalSession b, Fixture f) {
        HttpResponse<String> r = b.get("/storage/vault/download" + f.file());
        if (s.reads()) {
            assertEquals(303, r.statusCode(), r::body);
            assertEquals(f.content(), b.follow(r).body());
        } else {
            refused(r, 403);
        }
        HttpResponse<String> secret = b.get("/storage/vault/download" + f.secret());
        if (s.isOwner()) {
            assertEquals("secret", b.follow(secret).body());
        } else {
            refused(secret, 403);
        }
    }

    /** The streamed upload route, a new file in F. */
    void uploadNew(Subject s, PortalSession b, Fixture f) {
        String path = f.folder() + "/uploaded.txt";
        HttpResponse<String> r = b.upload(path, "uploaded".getBytes(StandardCharsets.UTF_8), true);
        if (s.writes()) {
            assertEquals(201, r.statusCode(), r::body);
            assertEquals("uploaded", download("alice", path).asString());
            assertEquals(s.user(), getNode("alice", path).value(Props.CREATOR));
        } else {
            refusedText(r);
            absent(path);
        }
    }

    /** The upload route over f.txt: needs write on it; the old content stays otherwise. */
    void overwrite(Subject s, PortalSession b, Fixture f) {
        HttpResponse<String> r = b.upload(f.file(), ("new by " + s.user()).getBytes(StandardCharsets.UTF_8), true);
        if (s.writes()) {
            assertEquals(201, r.statusCode(), r::body);
            assertEquals("new by " + s.user(), download("alice", f.file()).asString());
        } else {
            refusedText(r);
            assertEquals(f.content(), download("alice", f.file()).asString(), "old content intact");
        }
    }

    void mkdir(Subject s, PortalSession b, Fixture f) {
        HttpResponse<String> r = b.post("/storage/vault/mkdir", Map.of("parent", f.folder(), "name", "made"), true);
        if (s.writes()) {
            assertEquals(303, r.statusCode(), r::body);
            assertEquals("vos:ContainerNode", getNode("alice", f.folder() + "/made?limit=0").type().xsiType());
        } else {
            refused(r, 403);
            absent(f.folder() + "/made");
        }
    }

    void link(Subject s, PortalSession b, Fixture f) {
        HttpResponse<String> r = b.post("/storage/vault/link", Map.of("parent", f.folder(), "name", "lnk",
                "target", "https://example.org/"), true);
        if (s.writes()) {
            assertEquals(303, r.statusCode(), r::body);
            assertEquals("vos:LinkNode", getNode("alice", f.folder() + "/lnk?limit=0").type().xsiType());
        } else {
            refused(r, 403);
            absent(f.folder() + "/lnk");
        }
    }

    /** Rename inside F: writers, for what they can read (secret.txt is renamed by alice alone). */
    void rename(Subject s, PortalSession b, Fixture f) {
        HttpResponse<String> r = b.post("/storage/vault/selection", Map.of("action", "rename", "path", f.file(),
                "newname", "renamed.txt"), true);
        if (s.writes()) {
            assertEquals(303, r.statusCode(), r::body);
            absent(f.file());
            assertEquals(f.content(), download("alice", f.folder() + "/renamed.txt").asString());
        } else {
            refused(r, 403, 409);
            absent(f.folder() + "/renamed.txt");
            assertEquals(f.content(), download("alice", f.file()).asString());
        }
        HttpResponse<String> secret = b.post("/storage/vault/selection", Map.of("action", "rename", "path",
                f.secret(), "newname", "renamed-secret.txt"), true);
        if (s.isOwner()) {
            assertEquals(303, secret.statusCode(), secret::body);
        } else {
            refused(secret, 403, 409);
            assertEquals("secret", download("alice", f.secret()).asString());
        }
    }

    /** Moving alice's f.txt into the caller's own home: alice only (see the service's matrix). */
    void moveOut(Subject s, PortalSession b, Fixture f) {
        String home = s.user() == null ? area() : "/" + s.user();
        HttpResponse<String> r = b.post("/storage/vault/selection", Map.of("action", "move", "path", f.file(),
                "dest", home), true);
        String moved = home + "/f.txt";
        if (s.isOwner()) {
            assertEquals(303, r.statusCode(), r::body);
            absent(f.file());
            assertEquals(f.content(), download("alice", moved).asString());
            as("alice").delete(BASE + "/nodes" + moved).then().statusCode(200); // alice's home stays tidy
        } else {
            refused(r, 403, 409);
            assertEquals(f.content(), download("alice", f.file()).asString(), "the file stays where it was");
            if (s.user() != null) {
                assertEquals(404, as(s.user()).get(BASE + "/nodes" + moved).statusCode(), "nothing arrived");
            }
        }
    }

    /** Copying F into a fresh folder of the caller's home: what they can read, nothing else. */
    void copyOut(Subject s, PortalSession b, Fixture f) {
        // anonymous owns nothing: it tries a folder of alice's public area (not writable by it)
        String dest = s.user() == null ? area() + "/anonymous-dest" : freshFolder(s.user());
        HttpResponse<String> r = b.post("/storage/vault/selection", Map.of("action", "copy", "path", f.folder(),
                "dest", dest), true);
        String copy = dest + "/" + f.name();
        if (s.reads() && s.user() != null) {
            assertEquals(303, r.statusCode(), r::body);
            Set<String> expected = s.isOwner() ? Set.of("f.txt", "secret.txt") : Set.of("f.txt");
            assertEquals(expected, names(getNode(s.user(), copy).children()));
            assertEquals(f.content(), download(s.user(), copy + "/f.txt").asString());
        } else {
            refused(r, 403, 404, 409);
            assertEquals(404, as(s.user() == null ? "alice" : s.user()).get(BASE + "/nodes" + copy).statusCode(), "no copy");
        }
        assertEquals(Set.of("f.txt", "secret.txt"), names(getNode("alice", f.folder()).children()));
    }

    /**
     * Through the portal a delete in one's own home goes to the trash (TrashTest); a group writer
     * deleting in alice's folder deletes for good: the file is never carried into bob's home.
     */
    void delete(Subject s, PortalSession b, Fixture f) {
        HttpResponse<String> r = b.post("/storage/vault/delete", Map.of("path", f.file()), true);
        if (s.writes()) {
            assertEquals(303, r.statusCode(), r::body);
            absent(f.file());
            assertEquals(s.isOwner(), trashed("alice", f.file()), "in alice's trash");
            if (!s.isOwner()) {
                assertFalse(trashed(s.user(), f.file()), "never in the deleter's trash");
            }
        } else {
            refused(r, 403);
            assertEquals(f.content(), download("alice", f.file()).asString());
        }
    }

    /** The details page's metadata form: writers of f.txt. */
    void setProperties(Subject s, PortalSession b, Fixture f) {
        HttpResponse<String> r = b.post("/storage/vault/properties" + f.file(), Map.of("newkey", CUSTOM,
                "newvalue", "set"), true);
        if (s.writes()) {
            assertEquals(303, r.statusCode(), r::body);
            assertEquals("set", getNode("alice", f.file()).value(CUSTOM));
        } else {
            refused(r, 403);
            assertNull(getNode("alice", f.file()).value(CUSTOM));
        }
    }

    /** The permissions form (flip "public", add a read group): the owner alone. */
    void setPermissions(Subject s, PortalSession b, Fixture f) {
        boolean wasPublic = s.kind() == Kind.PUBLIC;
        Map<String, String> form = wasPublic ? Map.of("readGroups", "other-team")
                : Map.of("public", "on", "readGroups", "other-team");
        String groupsBefore = getNode("alice", f.file()).value(Props.GROUP_READ);
        HttpResponse<String> r = b.post("/storage/vault/permissions" + f.file(), form, true);
        String after = getNode("alice", f.file()).value(Props.IS_PUBLIC);
        if (s.isOwner()) {
            assertEquals(303, r.statusCode(), r::body);
            assertEquals(Boolean.toString(!wasPublic), after);
            assertTrue(getNode("alice", f.file()).value(Props.GROUP_READ).endsWith("?other-team"));
        } else {
            refused(r, 403);
            assertEquals(wasPublic ? "true" : "false", after == null ? "false" : after);
            assertEquals(groupsBefore, getNode("alice", f.file()).value(Props.GROUP_READ));
        }
    }

    /** ZIP of [F, the public shared.txt] from the selection: what the caller may read, and MISSING.txt naming the rest. */
    void zip(Subject s, PortalSession b, Fixture f) {
        HttpResponse<byte[]> r = b.sendBytes(formRequest(b, "/storage/vault/selection/archive",
                List.of("action", "zip", "path", f.folder(), "path", area() + "/shared.txt")));
        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        Set<String> expected = new TreeSet<>(Set.of("shared.txt"));
        if (s.reads()) {
            expected.add(f.name() + "/f.txt");
        }
        if (s.isOwner()) {
            expected.add(f.name() + "/secret.txt");
        } else {
            expected.add("MISSING.txt");
        }
        Set<String> files = zipFiles(r.body());
        assertEquals(expected, files);
    }

    /** The URL list of F: one working pre-authorised URL per file the caller may read. */
    void urlList(Subject s, PortalSession b, Fixture f) {
        HttpResponse<String> r = b.post("/storage/vault/selection", Map.of("action", "urls", "path", f.folder()), true);
        if (!s.reads()) {
            refused(r, 403);
            return;
        }
        assertEquals(200, r.statusCode(), r::body);
        List<String> urls = r.body().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(s.isOwner() ? 2 : 1, urls.size(), r::body);
        Set<String> contents = new TreeSet<>();
        for (String u : urls) {
            contents.add(anonymous().get(u).asString());
        }
        assertEquals(s.isOwner() ? Set.of(f.content(), "secret") : Set.of(f.content()), contents);
        HttpResponse<String> page = b.post("/storage/vault/selection", Map.of("action", "html", "path", f.folder()), true);
        assertEquals(200, page.statusCode(), page::body);
        assertEquals(!s.isOwner(), page.body().contains("Left out:"), page::body);
        assertEquals(!s.isOwner(), page.body().contains("<li>" + f.name() + "/secret.txt: no read access</li>"), page::body);
    }

    /** A share link: whoever is logged in and can read the file (they could hand on its bytes anyway). */
    void shareLink(Subject s, PortalSession b, Fixture f) {
        HttpResponse<String> r = b.post("/storage/vault/share" + f.file(), Map.of("ttl", "1h"), true);
        if (s.reads() && s.user() != null) {
            assertEquals(200, r.statusCode(), r::body);
            Matcher m = Pattern.compile("value=\"(http[^\"]+/preauth/[^\"]+)\"").matcher(r.body());
            assertTrue(m.find(), "the link is in the page: " + r.body());
            assertEquals(f.content(), anonymous().get(m.group(1).replace("&amp;", "&")).asString());
        } else if (s.user() == null) {
            assertLogin(r);
        } else {
            refused(r, 403);
        }
        HttpResponse<String> secret = b.post("/storage/vault/share" + f.secret(), Map.of("ttl", "1h"), true);
        if (s.isOwner()) {
            assertEquals(200, secret.statusCode(), secret::body);
        } else if (s.user() == null) {
            assertLogin(secret);
        } else {
            refused(secret, 403);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A refusal page: one of the expected statuses, the portal's words, no stack trace. */
    static void refused(HttpResponse<String> r, int... statuses) {
        Set<Integer> allowed = new TreeSet<>();
        for (int st : statuses) {
            allowed.add(st);
        }
        assertTrue(allowed.contains(r.statusCode()), () -> "expected " + allowed + ", got " + r.statusCode() + ": " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), "an HTML page");
        assertTrue(r.body().contains("<main"), "the portal's page layout");
        assertFalse(r.body().contains("Exception") || r.body().contains("at org."), "no stack trace");
    }

    /** An anonymous visitor asked to log in first: the portal's login, nothing else. */
    static void assertLogin(HttpResponse<String> r) {
        assertEquals(303, r.statusCode(), r::body);
        assertEquals("/storage/login", URI.create(r.headers().firstValue("Location").orElse("")).getPath());
    }

    /** The upload route answers the page's script in plain text (401 asks an anonymous visitor to log in). */
    static void refusedText(HttpResponse<String> r) {
        assertTrue(r.statusCode() == 403 || r.statusCode() == 401, () -> r.statusCode() + " " + r.body());
        assertFalse(r.body().isBlank(), "readable words");
        assertFalse(r.body().contains("Exception") || r.body().contains("at org."), "no stack trace");
    }

    /** Whether {@code user}'s trash holds an item that was at {@code path}. */
    static boolean trashed(String user, String path) {
        io.restassured.response.Response r = as(user).get(BASE + "/nodes/" + user + "/.trash?limit=100000");
        return r.statusCode() == 200 && org.vosportal.vospace.NodeXml.read(r.asByteArray()).children().stream()
                .anyMatch(n -> path.equals(n.value(Props.TRASH_ORIGINAL_PATH)));
    }

    static void absent(String path) {
        assertEquals(404, as("alice").get(BASE + "/nodes" + path).statusCode(), path + " must not exist");
    }

    /** A form post with repeated fields, this browser's CSRF token added. */
    static HttpRequest formRequest(PortalSession b, String path, List<String> pairs) {
        List<String> all = new ArrayList<>(pairs);
        all.add("csrf");
        all.add(b.csrf());
        StringBuilder body = new StringBuilder();
        for (int i = 0; i + 1 < all.size(); i += 2) {
            body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(all.get(i), StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(all.get(i + 1), StandardCharsets.UTF_8));
        }
        return b.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    static Set<String> zipFiles(byte[] zip) {
        Set<String> names = new TreeSet<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (!e.isDirectory()) {
                    names.add(e.getName());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
