package org.vosportal.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.vosportal.testsupport.XmlSchemas;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.Props;

/** Move, copy, recursive jobs with partial failures, and ZIP/TAR packages. */
@QuarkusTest
class TransfersAndPackagesTest extends ServiceTestBase {

    static String runTransfer(String user, String src, String dest, boolean copy) {
        Response r = as(user).contentType("text/xml").body("<vos:transfer xmlns:vos=\"" + VOS_NS + "\" version=\"2.1\">"
                + "<vos:target>" + AUTH + src + "</vos:target><vos:direction>" + AUTH + dest + "</vos:direction>"
                + "<vos:keepBytes>" + copy + "</vos:keepBytes></vos:transfer>").post(BASE + "/transfers");
        assertEquals(303, r.statusCode(), r::asString);
        String job = r.header("Location");
        as(user).contentType("application/x-www-form-urlencoded").body("PHASE=RUN").post(job + "/phase").then()
                .statusCode(303);
        return VosClientReplayTest.pollPhase(user, job) + (job.isEmpty() ? "" : "|" + job);
    }

    static String phaseOf(String result) {
        return result.substring(0, result.indexOf('|'));
    }

    @Test
    void copyDuplicatesTheTreeAndTheCopyKeepsItsBytes() {
        String dir = freshFolder("alice");
        mkdir("alice", dir + "/src");
        mkdir("alice", dir + "/src/sub");
        uploadOk("alice", dir + "/src/a.txt", "alpha");
        uploadOk("alice", dir + "/src/sub/b.txt", "beta");
        as("alice").body(dataDoc(dir + "/src/a.txt", prop("custom:OBJECT", "M42"))).post(BASE + "/nodes" + dir
                + "/src/a.txt").then().statusCode(200);
        String result = runTransfer("alice", dir + "/src", dir + "/dst", true);
        assertEquals("COMPLETED", phaseOf(result));
        String job = result.substring(result.indexOf('|') + 1);
        String doc = as("alice").get(job).asString();
        XmlSchemas.assertJob(doc);
        assertTrue(doc.contains("id=\"destination\"") && doc.contains(dir + "/dst"), doc);
        assertEquals("alpha", download("alice", dir + "/dst/a.txt").asString());
        assertEquals("beta", download("alice", dir + "/dst/sub/b.txt").asString());
        assertEquals("M42", getNode("alice", dir + "/dst/a.txt").value("custom:OBJECT"));
        // new content in the original does not reach the copy
        uploadOk("alice", dir + "/src/a.txt", "changed");
        assertEquals("alpha", download("alice", dir + "/dst/a.txt").asString());
        // container lengths add up
        Node dst = getNode("alice", dir + "/dst?limit=0");
        assertEquals("9", dst.value(Props.LENGTH));
    }

    @Test
    void moveIntoAnExistingFolderRenameAndTheRefusals() {
        String dir = freshFolder("alice");
        mkdir("alice", dir + "/a");
        mkdir("alice", dir + "/a/inner");
        uploadOk("alice", dir + "/a/inner/f.txt", "deep");
        mkdir("alice", dir + "/b");
        assertEquals("COMPLETED", phaseOf(runTransfer("alice", dir + "/a", dir + "/b", false)));
        assertEquals("deep", download("alice", dir + "/b/a/inner/f.txt").asString());
        assertEquals("4", getNode("alice", dir + "/b?limit=0").value(Props.LENGTH), "moved bytes count in b");
        assertEquals("4", getNode("alice", dir + "?limit=0").value(Props.LENGTH), "a move inside leaves the total");
        assertEquals("COMPLETED", phaseOf(runTransfer("alice", dir + "/b/a", dir + "/renamed", false)));
        assertEquals("deep", download("alice", dir + "/renamed/inner/f.txt").asString());
        // into its own subtree
        String own = runTransfer("alice", dir + "/renamed", dir + "/renamed/inner", false);
        assertEquals("ERROR", phaseOf(own));
        assertEquals("InvalidArgument", as("alice").get(own.substring(own.indexOf('|') + 1) + "/error").asString());
        // onto an existing file name
        uploadOk("alice", dir + "/x.txt", "x");
        uploadOk("alice", dir + "/b/x.txt", "other x");
        String dup = runTransfer("alice", dir + "/x.txt", dir + "/b", false);
        assertEquals("ERROR", phaseOf(dup));
        assertEquals("DuplicateNode", as("alice").get(dup.substring(dup.indexOf('|') + 1) + "/error").asString());
        assertEquals("x", download("alice", dir + "/x.txt").asString());
    }

    @Test
    void recursiveDeleteReportsPartialFailure() {
        String dir = freshFolder("alice");
        mkdir("alice", dir + "/t");
        uploadOk("alice", dir + "/t/free.txt", "1");
        uploadOk("alice", dir + "/t/locked.txt", "2");
        as("alice").body(dataDoc(dir + "/t/locked.txt", prop(Props.IS_LOCKED, "true"))).post(BASE + "/nodes" + dir
                + "/t/locked.txt").then().statusCode(200);
        Response create = as("alice").contentType("application/x-www-form-urlencoded")
                .body("target=" + java.net.URLEncoder.encode(AUTH_BANG + dir + "/t", StandardCharsets.UTF_8) + "&PHASE=RUN")
                .post(BASE + "/async-delete");
        assertEquals(303, create.statusCode());
        String doc = VosClientReplayTest.awaitFinal("alice", create.header("Location"));
        XmlSchemas.assertJob(doc);
        assertTrue(doc.contains("<uws:phase>ABORTED</uws:phase>"), doc);
        assertTrue(doc.contains("\"final:1\""), doc);
        assertTrue(doc.contains("id=\"errorcount\""), doc);
        assertEquals(200, as("alice").get(BASE + "/nodes" + dir + "/t/locked.txt").statusCode());
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/t/free.txt").statusCode());
    }

    static Response requestPackage(String user, String format, String... paths) {
        StringBuilder targets = new StringBuilder();
        for (String p : paths) {
            targets.append("<vos:target>").append(AUTH).append(p).append("</vos:target>");
        }
        Response r = as(user).contentType("text/xml").body("<vos:transfer xmlns:vos=\"" + VOS_NS + "\" version=\"2.1\">"
                + targets + "<vos:direction>pullFromVoSpace</vos:direction>"
                + "<vos:view uri=\"vos://cadc.nrc.ca~vospace/CADC/std/Pkg-1.0\"><vos:param "
                + "uri=\"ivo://ivoa.net/vospace/core#format\">" + format + "</vos:param></vos:view>"
                + "<vos:protocol uri=\"ivo://ivoa.net/vospace/core#httpsget\"/></vos:transfer>").post(BASE + "/synctrans");
        assertEquals(303, r.statusCode(), r::asString);
        return as(user).get(r.header("Location"));
    }

    @Test
    void zipAndTarHoldEveryReadableEntry() throws Exception {
        String dir = freshFolder("alice");
        mkdir("alice", dir + "/folder");
        uploadOk("alice", dir + "/folder/in.txt", "inside");
        uploadOk("alice", dir + "/one.txt", "one");
        uploadOk("alice", dir + "/two.txt", "two");
        Response zip = requestPackage("alice", "application/zip", dir + "/one.txt", dir + "/two.txt", dir + "/folder");
        assertEquals(200, zip.statusCode(), zip::asString);
        assertEquals("application/zip", zip.contentType());
        Map<String, String> entries = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.asByteArray()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(Map.of("folder/", "", "folder/in.txt", "inside", "one.txt", "one", "two.txt", "two"), entries);

        Response tar = requestPackage("alice", "application/x-tar", dir + "/folder", dir + "/missing.txt");
        assertEquals(200, tar.statusCode());
        Map<String, String> tarEntries = new TreeMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar.asByteArray()))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                tarEntries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(Map.of("folder/", "", "folder/in.txt", "inside", "MISSING.txt",
                "Not in this archive (1 item of the selection):\n\nmissing.txt: not found (moved or deleted meanwhile?)\n"),
                tarEntries);
        // someone else cannot fetch alice's package
        Response again = as("alice").contentType("text/xml").body("<vos:transfer xmlns:vos=\"" + VOS_NS + "\">"
                + "<vos:target>" + AUTH + dir + "/one.txt</vos:target><vos:direction>pullFromVoSpace</vos:direction>"
                + "<vos:view uri=\"vos://cadc.nrc.ca~vospace/CADC/std/Pkg-1.0\"/></vos:transfer>").post(BASE + "/synctrans");
        assertEquals(403, as("bob").get(again.header("Location")).statusCode());
    }

    /**
     * bob packages a folder alice shares with his group: what he may not read inside, a link, and
     * a target that does not exist are named at the end, in MISSING.txt, with the reason.
     */
    @Test
    void aPackageEndsWithWhatItLeftOutAndWhy() throws Exception {
        // every folder on the path must be readable for bob (the home too, below)
        String dir = "/alice/t-pk-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String shared = dir + "/shared";
        for (String folder : new String[] {dir, shared}) {
            as("alice").body(PermissionCases.nodeDoc(folder, "vos:ContainerNode", prop(Props.GROUP_READ,
                    PermissionCases.GROUP))).put(BASE + "/nodes" + folder).then().statusCode(201);
        }
        PermissionCases.createData("alice", shared + "/team.txt", prop(Props.GROUP_READ, PermissionCases.GROUP));
        uploadOk("alice", shared + "/team.txt", "for the team");
        uploadOk("alice", shared + "/private.txt", "alice only");
        as("alice").body(linkDoc(shared + "/latest", AUTH + shared + "/team.txt")).put(BASE + "/nodes" + shared + "/latest")
                .then().statusCode(201);
        String homeGroups = getNode("alice", "/alice?limit=0").value(Props.GROUP_READ);
        setHomeGroupRead(PermissionCases.GROUP);
        try {
            for (String format : new String[] {"application/zip", "application/x-tar"}) {
                Response r = requestPackage("bob", format, shared, dir + "/gone.txt");
                assertEquals(200, r.statusCode(), r::asString);
                java.util.List<String[]> entries = format.endsWith("zip") ? zipInOrder(r.asByteArray())
                        : tarInOrder(r.asByteArray());
                assertEquals(java.util.List.of("shared/", "shared/team.txt", "MISSING.txt"),
                        entries.stream().map(e -> e[0]).toList(), format + ": what bob reads, then the list");
                String missing = entries.get(entries.size() - 1)[1];
                assertEquals("Not in this archive (3 items of the selection):\n\n", missing.substring(0,
                        missing.indexOf("\n\n") + 2), missing);
                java.util.Set<String> lines = new java.util.TreeSet<>(missing.lines().skip(2).toList());
                assertEquals(new java.util.TreeSet<>(java.util.List.of("shared/private.txt: no read access",
                        "shared/latest: a link: not followed (download its target itself)",
                        "gone.txt: not found (moved or deleted meanwhile?)")), lines, format);
            }
        } finally {
            setHomeGroupRead(homeGroups);
        }
        // everything readable: no MISSING.txt; a user's own MISSING.txt keeps its name
        uploadOk("alice", dir + "/MISSING.txt", "mine");
        Response own = requestPackage("alice", "application/zip", dir + "/MISSING.txt", dir + "/nothing-here");
        java.util.List<String> ownNames = zipInOrder(own.asByteArray()).stream().map(e -> e[0]).toList();
        assertEquals(java.util.List.of("MISSING.txt", "MISSING (2).txt"), ownNames);
        Response complete = requestPackage("alice", "application/zip", dir + "/MISSING.txt");
        assertEquals(java.util.List.of("MISSING.txt"), zipInOrder(complete.asByteArray()).stream().map(e -> e[0]).toList());
    }

    /** bob reads folders in alice's home only if he can read the home itself (every ancestor must be readable). */
    static void setHomeGroupRead(String groups) {
        PermissionCases.setProps("alice", "/alice", "vos:ContainerNode",
                groups != null ? prop(Props.GROUP_READ, groups) : nilProp(Props.GROUP_READ));
    }

    static java.util.List<String[]> zipInOrder(byte[] zip) throws java.io.IOException {
        java.util.List<String[]> out = new java.util.ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.add(new String[] {e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8)});
            }
        }
        return out;
    }

    static java.util.List<String[]> tarInOrder(byte[] tar) throws java.io.IOException {
        java.util.List<String[]> out = new java.util.ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                out.add(new String[] {e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8)});
            }
        }
        return out;
    }

    @Test
    void rangeRequestsAndRangeErrors() {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/r.txt", "0123456789");
        String url = as("alice").get(BASE + "/files" + dir + "/r.txt").header("Location");
        Response part = anonymous().header("Range", "bytes=2-4").get(url);
        assertEquals(206, part.statusCode());
        assertArrayEquals("234".getBytes(StandardCharsets.UTF_8), part.asByteArray());
        assertEquals("bytes 2-4/10", part.header("Content-Range"));
        Response bad = anonymous().header("Range", "bytes=20-").get(url);
        assertEquals(416, bad.statusCode());
        assertEquals("bytes */10", bad.header("Content-Range"));
    }
}
