package org.vosportal.service;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vosportal.testsupport.XmlSchemas;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.NodeXml;
import org.vosportal.vospace.Props;
import org.vosportal.vospace.Transfer;
import org.vosportal.vospace.TransferXml;

/**
 * Replays, request by request, what the unmodified Python {@code vos} 3.6.4 tools send
 * (VOSPACE.md section 6, observed live) and checks every answer they depend on.
 */
@QuarkusTest
class VosClientReplayTest extends ServiceTestBase {

    static byte[] md5(byte[] b) throws Exception {
        return MessageDigest.getInstance("MD5").digest(b);
    }

    static String md5b64(byte[] b) throws Exception {
        return Base64.getEncoder().encodeToString(md5(b));
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /** The GET every vos command starts with; vos also sends Expect: 100-continue on it. */
    static Response limit0(String user, String path) {
        return as(user).header("Expect", "100-continue").header("Accept", "*/*").get(BASE + "/nodes" + path + "?limit=0");
    }

    @Test
    void capabilitiesNeedNoCredentialsAndNoServerHeaderNamesVault() {
        Response caps = anonymous().get(BASE + "/capabilities");
        assertEquals(200, caps.statusCode());
        String server = caps.header("Server");
        assertTrue(server == null || !server.contains("vault"), "Server header " + server);
    }

    @Test
    void vmkdirThenVlsLong() {
        String dir = freshFolder("alice");
        // vmkdir -p dir/a/b: GET up the path until found, then PUT top-down
        assertEquals(404, limit0("alice", dir + "/a/b").statusCode());
        assertEquals(404, limit0("alice", dir + "/a").statusCode());
        assertEquals(200, limit0("alice", dir).statusCode());
        as("alice").contentType("text/xml").body(containerDoc(dir + "/a")).put(BASE + "/nodes" + dir + "/a").then()
                .statusCode(201);
        as("alice").contentType("text/xml").body(containerDoc(dir + "/a/b")).put(BASE + "/nodes" + dir + "/a/b").then()
                .statusCode(201);
        // vmkdir on an existing one: 409 is what makes vos say "already exists"
        as("alice").contentType("text/xml").body(containerDoc(dir + "/a")).put(BASE + "/nodes" + dir + "/a").then()
                .statusCode(409);
        uploadOk("alice", dir + "/a/f.txt", "hello");

        // vls -l dir/a: GET ?limit=0, then the container with all children (no limit)
        Node head = NodeXml.read(limit0("alice", dir + "/a").asByteArray());
        assertEquals(NodeType.CONTAINER, head.type());
        assertTrue(head.children().isEmpty());
        Response full = as("alice").header("Expect", "100-continue").get(BASE + "/nodes" + dir + "/a");
        XmlSchemas.assertNodeDocument(full.asString());
        assertTrue(full.asString().contains("xsi:type=\"vos:ContainerNode\""), "literal vos: prefix");
        Node listed = NodeXml.read(full.asByteArray());
        assertEquals(2, listed.children().size());
        for (Node c : listed.children()) {
            assertNotNull(c.value(Props.DATE), "vls needs core#date on every child");
            assertEquals("alice", c.value(Props.CREATOR));
        }
        Node f = listed.children().get(1);
        assertEquals("5", f.value(Props.LENGTH));
        assertFalse(f.busy());
    }

    @Test
    void vcpSmallFileUploadThenDownload() throws Exception {
        String dir = freshFolder("alice");
        String path = dir + "/small.txt";
        byte[] data = "small file content\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(404, limit0("alice", path).statusCode());
        Response post = as("alice").contentType("text/xml").body(
                "<vos:transfer xmlns:vos=\"http://www.ivoa.net/xml/VOSpace/v2.0\" version=\"2.1\"><vos:target>"
                        + AUTH_BANG + path + "</vos:target><vos:direction>pushToVoSpace</vos:direction>"
                        + "<vos:protocol uri=\"ivo://ivoa.net/vospace/core#httpsput\"><vos:securityMethod "
                        + "uri=\"vos://cadc.nrc.ca~vospace/CADC/std/Auth#token-1.0\"/></vos:protocol>"
                        + "<vos:protocol uri=\"ivo://ivoa.net/vospace/core#httpsput\"/></vos:transfer>")
                .post(BASE + "/synctrans");
        assertEquals(303, post.statusCode(), "vos tests == 303");
        String location = post.header("Location");
        assertTrue(location.startsWith("http://"), "absolute Location");
        Response details = as("alice").get(location);
        assertEquals(200, details.statusCode());
        XmlSchemas.assertTransfer(details.asString());
        Transfer t = TransferXml.read(details.asByteArray());
        assertFalse(t.protocols().isEmpty());
        // vos: J = final URL with xfer->transfers, minus /results/transferDetails; GET J/phase
        String job = location.replace("xfer", "transfers").replace("/results/transferDetails", "");
        Response phase = as("alice").get(job + "/phase");
        assertEquals(200, phase.statusCode());
        assertFalse(phase.asString().endsWith("\n"), "no trailing newline");
        assertFalse(phase.asString().equals("ERROR"));
        String endpoint = t.protocols().get(0).endpoint();
        // small file: HEAD first (404 fine), then PUT with digest, Authorization only
        int head = as("alice").head(endpoint).statusCode();
        assertTrue(head == 404 || head == 200 || head == 400, "HEAD before upload answered " + head);
        Response put = given().urlEncodingEnabled(false).header("Authorization", "Bearer " + token("alice"))
                .header("digest", "md5=" + md5b64(data)).body(data).put(endpoint);
        assertEquals(201, put.statusCode(), put::asString);
        assertEquals("md5=" + md5b64(data), put.header("Digest"));

        // vcp vos:... . : GET ?limit=0, GET /files (no redirect following), GET Location
        assertEquals(200, limit0("alice", path).statusCode());
        Response files = as("alice").get(BASE + "/files" + path);
        assertEquals(303, files.statusCode());
        Response bytes = anonymous().get(files.header("Location"));
        assertEquals(200, bytes.statusCode());
        assertArrayEquals(data, bytes.asByteArray());
        assertEquals(String.valueOf(data.length), bytes.header("Content-Length"));
        assertEquals("md5=" + md5b64(data), bytes.header("Digest"));
        assertTrue(bytes.header("Content-Disposition").contains("small.txt"));
        assertEquals("bytes", bytes.header("Accept-Ranges"));
        assertNull(bytes.header("Content-Encoding"), "never compressed");
        // resume of a partial download
        Response part = anonymous().header("Range", "bytes=6-").get(files.header("Location"));
        assertEquals(206, part.statusCode());
        assertEquals("bytes 6-" + (data.length - 1) + "/" + data.length, part.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(data, 6, data.length), part.asByteArray());
        // HEAD /files describes the bytes
        Response fh = as("alice").head(BASE + "/files" + path);
        assertEquals(200, fh.statusCode());
        assertEquals(String.valueOf(data.length), fh.header("Content-Length"));
        assertEquals("md5=" + md5b64(data), fh.header("Digest"));
        // the node now carries the MD5 vsync compares
        assertEquals(HexFormat.of().formatHex(md5(data)), getNode("alice", path).value(Props.MD5));
    }

    @Test
    void vcpLargeFileUsesThePutTransaction() throws Exception {
        String dir = freshFolder("alice");
        String path = dir + "/large.bin";
        byte[] data = randomBytes(6 * 1024 * 1024);
        String endpoint = negotiate("alice", path, true);
        Response start = given().urlEncodingEnabled(false).header("x-put-txn-op", "start").body(data).put(endpoint);
        assertEquals(202, start.statusCode(), start::asString);
        assertEquals("md5=" + md5b64(data), start.header("Digest"));
        String txn = start.header("x-put-txn-id");
        assertNotNull(txn);
        assertEquals(404, limit0("alice", path).statusCode(), "nothing visible before commit");
        Response commit = given().urlEncodingEnabled(false).header("x-put-txn-id", txn)
                .header("x-put-txn-op", "commit").body(new byte[0]).put(endpoint);
        assertEquals(201, commit.statusCode(), commit::asString);
        assertEquals("md5=" + md5b64(data), commit.header("Digest"));
        assertArrayEquals(data, download("alice", path).asByteArray());
    }

    @Test
    void vcpHugeFileSegmentsWithRevert() throws Exception {
        String dir = freshFolder("alice");
        String path = dir + "/segmented.bin";
        byte[] data = randomBytes(3 * 1024 * 1024);
        byte[] seg1 = Arrays.copyOfRange(data, 0, 1024 * 1024);
        byte[] seg2 = Arrays.copyOfRange(data, 1024 * 1024, data.length);
        String endpoint = negotiate("alice", path, true);
        Response start = given().urlEncodingEnabled(false).header("x-put-txn-op", "start")
                .header("x-total-length", data.length).body(new byte[0]).put(endpoint);
        assertEquals(202, start.statusCode(), start::asString);
        String txn = start.header("x-put-txn-id");
        assertNotNull(start.header("x-put-segment-maxbytes"));
        Response s1 = given().urlEncodingEnabled(false).header("x-put-txn-id", txn).body(seg1).put(endpoint);
        assertEquals("md5=" + md5b64(seg1), s1.header("Digest"));
        // a corrupted second segment is reverted, then sent again
        byte[] bad = seg2.clone();
        bad[0] ^= 1;
        given().urlEncodingEnabled(false).header("x-put-txn-id", txn).body(bad).put(endpoint).then().statusCode(202);
        Response revert = given().urlEncodingEnabled(false).header("x-put-txn-id", txn).header("x-put-txn-op", "revert")
                .post(endpoint);
        assertEquals(202, revert.statusCode(), revert::asString);
        assertEquals("md5=" + md5b64(seg1), revert.header("Digest"));
        Response s2 = given().urlEncodingEnabled(false).header("x-put-txn-id", txn).body(seg2).put(endpoint);
        assertEquals("md5=" + md5b64(data), s2.header("Digest"));
        given().urlEncodingEnabled(false).header("x-put-txn-id", txn).header("x-put-txn-op", "commit").body(new byte[0])
                .put(endpoint).then().statusCode(201);
        assertArrayEquals(data, download("alice", path).asByteArray());
        // abort of another transaction leaves nothing behind
        String path2 = dir + "/aborted.bin";
        String ep2 = negotiate("alice", path2, true);
        String txn2 = given().urlEncodingEnabled(false).header("x-put-txn-op", "start").body(seg1).put(ep2)
                .header("x-put-txn-id");
        given().urlEncodingEnabled(false).header("x-put-txn-id", txn2).header("x-put-txn-op", "abort").post(ep2).then()
                .statusCode(204);
        assertEquals(404, limit0("alice", path2).statusCode());
    }

    @Test
    void vcpOfAnUnchangedFileOnlyPostsTheNode() throws Exception {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/same.txt", "same");
        Response fetched = limit0("alice", dir + "/same.txt");
        // vcp POSTs the node it fetched back when length and MD5 match: read-only props are ignored
        Response post = as("alice").body(fetched.asByteArray()).post(BASE + "/nodes" + dir + "/same.txt");
        assertEquals(200, post.statusCode(), post::asString);
        XmlSchemas.assertNodeDocument(post.asString());
    }

    @Test
    void vcpOfAnEmptyFile() {
        String dir = freshFolder("alice");
        String path = dir + "/empty.dat";
        uploadOk("alice", path, "old content");
        assertEquals(200, limit0("alice", path).statusCode());
        as("alice").delete(BASE + "/nodes" + path).then().statusCode(200);
        Response put = as("alice").contentType("text/xml").header("size", "0").body(dataDoc(path, ""))
                .put(BASE + "/nodes" + path);
        assertEquals(201, put.statusCode());
        Node created = NodeXml.read(put.asByteArray());
        assertEquals("0", created.value(Props.LENGTH));
        // the empty DataNode downloads as nothing
        assertEquals(204, as("alice").get(BASE + "/files" + path).statusCode());
    }

    @Test
    void vcatOfAPublicFileIsAnonymous() {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/pub.txt", "public words");
        as("alice").body(dataDoc(dir + "/pub.txt", prop(Props.IS_PUBLIC, "true"))).post(BASE + "/nodes" + dir + "/pub.txt")
                .then().statusCode(200);
        // the ancestors must be readable too
        as("alice").body(containerDoc(dir).replace("<vos:properties/>", "<vos:properties>"
                + prop(Props.IS_PUBLIC, "true") + "</vos:properties>")).post(BASE + "/nodes" + dir).then().statusCode(200);
        as("alice").body(containerDoc("/alice").replace("<vos:properties/>", "<vos:properties>"
                + prop(Props.IS_PUBLIC, "true") + "</vos:properties>")).post(BASE + "/nodes/alice").then().statusCode(200);
        try {
            assertEquals(200, limit0(null, dir + "/pub.txt").statusCode());
            Response files = anonymous().get(BASE + "/files" + dir + "/pub.txt");
            assertEquals(303, files.statusCode());
            assertEquals("public words", anonymous().get(files.header("Location")).asString());
        } finally {
            as("alice").body(containerDoc("/alice").replace("<vos:properties/>", "<vos:properties>"
                    + prop(Props.IS_PUBLIC, "false") + "</vos:properties>")).post(BASE + "/nodes/alice").then()
                    .statusCode(200);
        }
    }

    @Test
    void vchmodGroupReadLetsBobReadThenRevokes() {
        String dir = freshFolder("alice");
        String path = dir + "/shared.txt";
        uploadOk("alice", path, "for the team");
        assertEquals(403, download("bob", path).statusCode());
        // vchmod g+r: POST without Content-Type, CADC's hard-coded group prefix; the folder too
        for (String p : new String[] {dir, path}) {
            String doc = (p.equals(dir) ? containerDoc(p) : dataDoc(p, "")).replace("<vos:properties/>",
                    "<vos:properties></vos:properties>").replace("<vos:properties>", "<vos:properties>"
                    + prop(Props.GROUP_READ, "ivo://cadc.nrc.ca/gms?survey-team"));
            Response r = as("alice").body(doc.getBytes(StandardCharsets.UTF_8)).post(BASE + "/nodes" + p);
            assertEquals(200, r.statusCode(), r::asString);
        }
        assertEquals("for the team", download("bob", path).asString());
        assertEquals(403, download("carol", path).statusCode());
        // vchmod g-r: xsi:nil clears
        as("alice").body(dataDoc(path, nilProp(Props.GROUP_READ)).getBytes(StandardCharsets.UTF_8))
                .post(BASE + "/nodes" + path).then().statusCode(200);
        assertEquals(403, download("bob", path).statusCode());
    }

    @Test
    void vchmodRecursiveRunsAnAsyncSetpropsJob() {
        String dir = freshFolder("alice");
        mkdir("alice", dir + "/sub");
        uploadOk("alice", dir + "/sub/a.txt", "a");
        uploadOk("alice", dir + "/b.txt", "b");
        assertEquals(200, as("alice").get(BASE + "/nodes" + dir).statusCode());
        Response create = as("alice").contentType("text/xml")
                .body(containerDoc(dir).replace("<vos:properties/>", "<vos:properties>"
                        + prop(Props.GROUP_READ, "ivo://cadc.nrc.ca/gms?survey-team") + "</vos:properties>"))
                .post(BASE + "/async-setprops");
        assertEquals(303, create.statusCode(), create::asString);
        String job = create.header("Location");
        Response run = as("alice").contentType("application/x-www-form-urlencoded").body("phase=RUN").post(job + "/phase");
        assertEquals(303, run.statusCode());
        String doc = awaitFinal("alice", job);
        XmlSchemas.assertJob(doc);
        assertTrue(doc.contains("<uws:phase>COMPLETED</uws:phase>"), doc);
        assertTrue(doc.contains("final:4"), doc);
        assertFalse(doc.contains("errorcount"), "errorcount only when > 0");
        assertEquals("a", download("bob", dir + "/sub/a.txt").asString());
    }

    /** Polls like vos: GET {job}?WAIT=6 while the phase is active. */
    static String awaitFinal(String user, String job) {
        for (int i = 0; i < 100; i++) {
            String doc = as(user).get(job + "?WAIT=6").asString();
            if (!doc.contains("QUEUED") && !doc.contains("EXECUTING") && !doc.contains(">PENDING<")) {
                return doc;
            }
        }
        throw new AssertionError("job never finished: " + job);
    }

    @Test
    void vtagAndVlock() {
        String dir = freshFolder("alice");
        String path = dir + "/obs.fits";
        uploadOk("alice", path, "SIMPLE  =                    T");
        // vtag n OBJECT=M31: only the changed property plus core#type, no Content-Type, header size
        as("alice").header("size", "1").body(dataDoc(path, prop("ivo://ivoa.net/vospace/core#title", "M31 field")
                + prop(Props.TYPE, "application/fits")).getBytes(StandardCharsets.UTF_8)).post(BASE + "/nodes" + path)
                .then().statusCode(200);
        assertEquals("M31 field", getNode("alice", path).value(Props.CORE + "title"));
        // vlock --lock: the whole fetched document plus islocked
        String fetched = limit0("alice", path).asString();
        String locked = fetched.replace("</vos:properties>", prop(Props.IS_LOCKED, "true") + "</vos:properties>");
        as("alice").body(locked.getBytes(StandardCharsets.UTF_8)).post(BASE + "/nodes" + path).then().statusCode(200);
        as("alice").delete(BASE + "/nodes" + path).then().statusCode(423).body(containsString("NodeLocked"));
        // vlock --unlock: xsi:nil, allowed although locked
        String unlock = fetched.replace("</vos:properties>", nilProp(Props.IS_LOCKED) + "</vos:properties>");
        as("alice").body(unlock.getBytes(StandardCharsets.UTF_8)).post(BASE + "/nodes" + path).then().statusCode(200);
        as("alice").delete(BASE + "/nodes" + path).then().statusCode(200);
    }

    @Test
    void customPropertiesAreKeptHoweverTheClientNamesThem() {
        String dir = freshFolder("alice");
        String path = dir + "/obs.fits";
        uploadOk("alice", path, "SIMPLE  =                    T");
        // node.set_property("TELESCOPE", "ALMA"); client.update(node): the core namespace
        as("alice").header("size", "1").body(dataDoc(path, prop(Props.CORE + "TELESCOPE", "ALMA"))
                .getBytes(StandardCharsets.UTF_8)).post(BASE + "/nodes" + path).then().statusCode(200);
        // vtag obs.fits FILTER=r: the bare key
        as("alice").header("size", "1").body(dataDoc(path, prop("FILTER", "r") + prop(Props.TYPE, "application/fits"))
                .getBytes(StandardCharsets.UTF_8)).post(BASE + "/nodes" + path).then().statusCode(200);
        org.vosportal.vospace.Node n = getNode("alice", path);
        assertEquals("ALMA", n.value(Props.CORE + "TELESCOPE"), "kept under the URI the client sent");
        assertEquals("r", n.value("FILTER"));
        // read-only properties stay the server's
        as("alice").header("size", "1").body(dataDoc(path, prop(Props.LENGTH, "999"))
                .getBytes(StandardCharsets.UTF_8)).post(BASE + "/nodes" + path).then().statusCode(200);
        assertEquals(String.valueOf("SIMPLE  =                    T".length()), getNode("alice", path).value(Props.LENGTH));
    }

    @Test
    void vlnCreatesALinkWithoutContentType() {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/target.txt", "via link");
        Response r = as("alice").body(linkDoc(dir + "/lnk", AUTH_BANG + dir + "/target.txt").getBytes(StandardCharsets.UTF_8))
                .put(BASE + "/nodes" + dir + "/lnk");
        assertEquals(201, r.statusCode(), r::asString);
        XmlSchemas.assertNodeDocument(r.asString());
        Node link = getNode("alice", dir + "/lnk");
        assertEquals(NodeType.LINK, link.type());
        assertEquals("via link", download("alice", dir + "/lnk").asString());
    }

    @Test
    void vmvRenamesAndReportsErrors() {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/a.txt", "moving");
        mkdir("alice", dir + "/into");
        String job = createTransferJob("alice", dir + "/a.txt", dir + "/into");
        as("alice").get(job).then().statusCode(200).body(containsString("PENDING"));
        Response run = as("alice").contentType("application/x-www-form-urlencoded").body("PHASE=RUN").post(job + "/phase");
        assertEquals(303, run.statusCode());
        assertEquals("COMPLETED", pollPhase("alice", job));
        assertEquals("moving", download("alice", dir + "/into/a.txt").asString());
        assertEquals(404, limit0("alice", dir + "/a.txt").statusCode());
        // error: source missing -> ERROR, /error is the bare fault name vos maps to an errno
        String bad = createTransferJob("alice", dir + "/missing", dir + "/into");
        as("alice").contentType("application/x-www-form-urlencoded").body("PHASE=RUN").post(bad + "/phase");
        assertEquals("ERROR", pollPhase("alice", bad));
        assertEquals("NodeNotFound", as("alice").get(bad + "/error").asString());
    }

    static String createTransferJob(String user, String src, String dest) {
        Response r = as(user).contentType("text/xml").body("<vos:transfer xmlns:vos=\"http://www.ivoa.net/xml/VOSpace/v2.0\" "
                + "version=\"2.1\"><vos:target>" + AUTH_BANG + src + "</vos:target><vos:direction>" + AUTH_BANG + dest
                + "</vos:direction><vos:keepBytes>false</vos:keepBytes></vos:transfer>").post(BASE + "/transfers");
        assertEquals(303, r.statusCode(), r::asString);
        return r.header("Location");
    }

    static String pollPhase(String user, String job) {
        for (int i = 0; i < 100; i++) {
            String phase = as(user).get(job + "/phase?WAIT=6").asString();
            if (!phase.equals("QUEUED") && !phase.equals("EXECUTING")) {
                return phase;
            }
        }
        throw new AssertionError("job never finished");
    }

    @Test
    void vrmAndRecursiveVrm() {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/f.txt", "x");
        assertEquals(200, limit0("alice", dir + "/f.txt").statusCode());
        as("alice").delete(BASE + "/nodes" + dir + "/f.txt").then().statusCode(200);
        mkdir("alice", dir + "/tree");
        mkdir("alice", dir + "/tree/deeper");
        uploadOk("alice", dir + "/tree/deeper/1.txt", "1");
        uploadOk("alice", dir + "/tree/2.txt", "2");
        String target = ("vos://opencadc.org!vault" + dir + "/tree").replace(":", "%3A").replace("/", "%2F")
                .replace("!", "%21");
        Response create = as("alice").contentType("application/x-www-form-urlencoded").body("target=" + target)
                .post(BASE + "/async-delete");
        assertEquals(303, create.statusCode(), create::asString);
        String job = create.header("Location");
        as("alice").contentType("application/x-www-form-urlencoded").body("phase=RUN").post(job + "/phase").then()
                .statusCode(303);
        String doc = awaitFinal("alice", job);
        assertTrue(doc.contains("COMPLETED"), doc);
        assertTrue(doc.contains("final:4"), doc);
        assertEquals(404, limit0("alice", dir + "/tree").statusCode());
    }

    @Test
    void vsyncReadsTheMd5OfEachFile() throws Exception {
        String dir = freshFolder("alice");
        byte[] data = "sync me".getBytes(StandardCharsets.UTF_8);
        // directories: PUT, 409 is fine
        as("alice").contentType("text/xml").body(containerDoc(dir)).put(BASE + "/nodes" + dir).then().statusCode(409);
        upload("alice", dir + "/s.txt", data).then().statusCode(201);
        Node n = getNode("alice", dir + "/s.txt");
        assertEquals(HexFormat.of().formatHex(md5(data)), n.value(Props.MD5));
    }
}
