package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.vosportal.service.ServiceTestBase;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.Props;

/** The details page: permissions (several groups, recursive, inherit), metadata, share links. */
@QuarkusTest
class InfoPageTest extends ServiceTestBase {

    @Test
    void permissionsWithSeveralGroupsRecursivelyAndInheritance() {
        PortalSession s = PortalTest.alice();
        String dir = PortalTest.folder(s);
        s.post("/storage/vault/mkdir", Map.of("parent", dir, "name", "inner"), true);
        s.upload(dir + "/inner/a.txt", "a".getBytes(StandardCharsets.UTF_8), true);
        HttpResponse<String> r = s.post("/storage/vault/permissions" + dir, Map.of("readGroups", "survey-team, extra-1",
                "writeGroups", "survey-team", "recursive", "on", "inherit", "on"), true);
        assertEquals(303, r.statusCode(), r.body());
        Node inner = getNode("alice", dir + "/inner/a.txt");
        assertEquals("ivo://opencadc.org/gms?survey-team ivo://opencadc.org/gms?extra-1", inner.value(Props.GROUP_READ));
        assertEquals("ivo://opencadc.org/gms?survey-team", inner.value(Props.GROUP_WRITE));
        assertEquals("true", getNode("alice", dir + "?limit=0").value(Props.INHERIT_PERMISSIONS));
        // bob (survey-team) can now read and write inside; new content inherits
        assertEquals("a", download("bob", dir + "/inner/a.txt").asString());
        uploadOk("bob", dir + "/from-bob.txt", "hi");
        assertEquals("ivo://opencadc.org/gms?survey-team", getNode("alice", dir + "/from-bob.txt").value(Props.GROUP_WRITE));
        String page = s.get("/storage/vault/info" + dir).body();
        assertTrue(page.contains("value=\"survey-team extra-1\""), "groups shown by name");
        // clearing the fields removes the groups; public on
        s.post("/storage/vault/permissions" + dir + "/inner/a.txt", Map.of("public", "on", "readGroups", "",
                "writeGroups", ""), true);
        Node a = getNode("alice", dir + "/inner/a.txt");
        assertEquals(null, a.value(Props.GROUP_READ));
        assertEquals("true", a.value(Props.IS_PUBLIC));
        assertEquals(400, s.post("/storage/vault/permissions" + dir, Map.of("readGroups", "bad group!"), true)
                .statusCode());
    }

    @Test
    void metadataIsAddedEditedRemovedAndEscaped() {
        PortalSession s = PortalTest.alice();
        String dir = PortalTest.folder(s);
        s.upload(dir + "/m31.fits", "SIMPLE".getBytes(StandardCharsets.UTF_8), true);
        String path = dir + "/m31.fits";
        s.post("/storage/vault/properties" + path, Map.of("newkey", "TELESCOPE", "newvalue", "<b>CFHT</b>"), true);
        assertEquals("<b>CFHT</b>", getNode("alice", path).value("TELESCOPE"));
        String page = s.get("/storage/vault/info" + path).body();
        assertTrue(page.contains("&lt;b&gt;CFHT&lt;/b&gt;") && !page.contains("<b>CFHT</b>"), "escaped");
        assertTrue(page.contains("MD5") && page.contains("read-only"), "read-only properties marked");
        s.post("/storage/vault/properties" + path, Map.of("key", "TELESCOPE", "value", "JWST"), true);
        assertEquals("JWST", getNode("alice", path).value("TELESCOPE"));
        s.post("/storage/vault/properties" + path, Map.of("key", "TELESCOPE", "value", "JWST", "remove", "TELESCOPE"),
                true);
        assertEquals(null, getNode("alice", path).value("TELESCOPE"));
    }

    @Test
    void aShareLinkWorksWithoutLoginAndPublicLinksToo() throws Exception {
        PortalSession s = PortalTest.alice();
        String dir = PortalTest.folder(s);
        String path = dir + "/private.txt";
        s.upload(path, "secret-ish".getBytes(StandardCharsets.UTF_8), true);
        HttpResponse<String> shared = s.post("/storage/vault/share" + path, Map.of("ttl", "1d"), true);
        assertEquals(200, shared.statusCode());
        Matcher m = Pattern.compile("value=\"(http[^\"]+/preauth/[^\"]+)\"").matcher(shared.body());
        assertTrue(m.find(), shared.body());
        String link = m.group(1).replace("&amp;", "&");
        assertTrue(shared.body().contains("Link valid until"));
        HttpClient plain = HttpClient.newHttpClient();
        assertEquals("secret-ish", plain.send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        // public: the public link opens with no session, and stops when made private again
        s.post("/storage/vault/permissions" + dir, Map.of("public", "on"), true);
        s.post("/storage/vault/permissions" + path, Map.of("public", "on"), true);
        String info = s.get("/storage/vault/info" + path).body();
        Matcher pm = Pattern.compile("aria-label=\"Public link\"|value=\"(http[^\"]+/storage/vault/download[^\"]+)\"")
                .matcher(info);
        String publicLink = null;
        while (pm.find()) {
            if (pm.group(1) != null) {
                publicLink = pm.group(1);
            }
        }
        assertNotNull(publicLink, info);
        PortalSession anon = new PortalSession(SERVER);
        HttpResponse<String> redirect = anon.get(publicLink.replace(SERVER, ""));
        assertEquals(303, redirect.statusCode());
        s.post("/storage/vault/permissions" + path, Map.of(), true);
        assertEquals(403, anon.get(publicLink.replace(SERVER, "")).statusCode());
        assertFalse(info.contains("eyJ"), "no token in the page");
    }
}
