package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vosportal.service.PermissionCases;
import org.vosportal.service.ServiceTestBase;
import org.vosportal.vospace.Props;

/**
 * bob downloads a folder alice shares with his group, holding things he may not read: the portal
 * says so in the listing before he asks, and its own archive (for services without packages)
 * ends with MISSING.txt naming what it left out and why, never a quietly incomplete archive.
 */
@QuarkusTest
class ArchiveOmissionsPortalTest extends ServiceTestBase {

    String homeGroups;
    String dir;
    String shared;

    @BeforeEach
    void aFolderSharedWithTheTeam() {
        // every folder on the path must be readable for bob: alice's home and the test's folder too
        homeGroups = getNode("alice", "/alice?limit=0").value(Props.GROUP_READ);
        setGroupRead("/alice", PermissionCases.GROUP);
        dir = "/alice/t-om-" + UUID.randomUUID().toString().substring(0, 8);
        createWithGroupRead(dir, "vos:ContainerNode");
        shared = dir + "/shared";
        createWithGroupRead(shared, "vos:ContainerNode");
        createWithGroupRead(shared + "/a-team.txt", "vos:DataNode");
        uploadOk("alice", shared + "/a-team.txt", "for the team");
        mkdir("alice", shared + "/hidden");
        uploadOk("alice", shared + "/hidden/deep.txt", "deep");
        as("alice").body(linkDoc(shared + "/latest", AUTH + shared + "/a-team.txt"))
                .put(BASE + "/nodes" + shared + "/latest").then().statusCode(201);
        uploadOk("alice", shared + "/private.txt", "alice only");
    }

    @AfterEach
    void restoreTheHome() {
        setGroupRead("/alice", homeGroups);
    }

    @Test
    void thePortalsOwnZipAndTarEndWithWhatTheyLeftOut() throws IOException {
        PortalSession bob = PortalSession.login(SERVER, "bob");
        Set<String> expectedMissing = Set.of("shared/hidden/: no read access", "shared/private.txt: no read access",
                "shared/latest: a link: not followed (download its target itself)",
                "gone.txt: not found (moved or deleted meanwhile?)");
        for (String format : List.of("zip", "tar")) {
            HttpResponse<byte[]> r = bob.sendBytes(PortalTest.form(bob, "/storage/vault/selection/assemble")
                    .POST(PortalTest.selection(bob, format, "", shared, dir + "/gone.txt")).build());
            assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
            List<String[]> entries = format.equals("zip") ? zip(r.body()) : tar(r.body());
            assertEquals(List.of("shared/a-team.txt", "MISSING.txt"), entries.stream().map(e -> e[0]).toList(), format);
            assertEquals("for the team", entries.get(0)[1]);
            String missing = entries.get(1)[1];
            assertTrue(missing.startsWith("Not in this archive (4 items of the selection):\n\n"), missing);
            assertEquals(expectedMissing, new TreeSet<>(missing.lines().skip(2).toList()), format);
        }
        // alice reads everything: her archive has no such entry
        PortalSession alice = PortalTest.alice();
        HttpResponse<byte[]> own = alice.sendBytes(PortalTest.form(alice, "/storage/vault/selection/assemble")
                .POST(PortalTest.selection(alice, "zip", "", shared + "/a-team.txt", shared + "/hidden")).build());
        assertEquals(List.of("a-team.txt", "hidden/deep.txt"), zip(own.body()).stream().map(e -> e[0]).toList());
    }

    @Test
    void theListingSaysWhatAnArchiveWouldLeaveOutBeforeItIsMade() {
        Document forBob = Jsoup.parse(PortalSession.login(SERVER, "bob").get("/storage/vault/list" + shared).body());
        assertNull(forBob.selectFirst("tr.row[data-name=a-team.txt] .badge.no-access"), "bob reads the team's file");
        assertNotNull(forBob.selectFirst("tr.row[data-name=hidden] .badge.no-access"), "alice's private folder");
        assertNotNull(forBob.selectFirst("tr.row[data-name=latest] .badge.no-access"), "alice's private link");
        assertTrue(forBob.select("p.note.left-out").text().contains("leaves them out and names them in MISSING.txt"),
                forBob.select("#action-bar").outerHtml());
        Document forAlice = Jsoup.parse(PortalTest.alice().get("/storage/vault/list" + shared).body());
        assertTrue(forAlice.select(".badge.no-access").isEmpty(), "the owner reads everything");
        assertTrue(forAlice.select("p.note.left-out").isEmpty());
    }

    static void createWithGroupRead(String path, String type) {
        as("alice").body(PermissionCases.nodeDoc(path, type, prop(Props.GROUP_READ, PermissionCases.GROUP)))
                .put(BASE + "/nodes" + path).then().statusCode(201);
    }

    static void setGroupRead(String path, String groups) {
        PermissionCases.setProps("alice", path, "vos:ContainerNode",
                groups == null ? nilProp(Props.GROUP_READ) : prop(Props.GROUP_READ, groups));
    }

    /** Entries in archive order: name and text. */
    static List<String[]> zip(byte[] bytes) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.add(new String[] {e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8)});
            }
        }
        return out;
    }

    static List<String[]> tar(byte[] bytes) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(bytes))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                out.add(new String[] {e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8)});
            }
        }
        return out;
    }
}
