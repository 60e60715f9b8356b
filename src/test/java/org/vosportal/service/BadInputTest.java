package org.vosportal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vosportal.service.auth.PreauthSigner;
import org.vosportal.service.auth.PreauthSigner.Direction;
import org.vosportal.service.auth.PreauthSigner.Grant;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeXml;
import org.vosportal.vospace.Props;
import org.vosportal.vospace.Transfer;
import org.vosportal.vospace.TransferXml;
import org.vosportal.vospace.VosPath;

/**
 * Hostile and malformed input: every request gets the right status and fault text, and nothing
 * changes (the node stays absent, the old bytes stay, the listing stays as it was). Requests whose
 * URL a client library would normalise are sent as raw bytes over a socket.
 */
@QuarkusTest
class BadInputTest extends ServiceTestBase {

    /** The service's own store, whichever backend the suite runs on. */
    @jakarta.inject.Inject
    org.vosportal.service.blob.BlobStore blobs;

    static final int PORT = Integer.getInteger("quarkus.http.test-port", 8081);
    static final Path DATA = Path.of("target", "test-data");

    // ------------------------------------------------------------------ names

    @Test
    void aSlashInsideANameIsRefused() {
        String d = freshFolder("alice");
        // the name "a/b" percent-encoded in the node URI and in the URL
        assertFault(400, "InvalidURI", as("alice").body(nodeDoc(d + "/a%2Fb", "vos:DataNode"))
                .put(BASE + "/nodes" + d + "/a%2Fb"));
        // a valid URL, the slash only in the document's uri
        assertFault(400, "InvalidURI", as("alice").body(nodeDoc(d + "/a%2fb", "vos:DataNode"))
                .put(BASE + "/nodes" + d + "/ab"));
        // a backslash is no separator either
        assertFault(400, "InvalidURI", as("alice").body(nodeDoc(d + "/a%5Cb", "vos:DataNode"))
                .put(BASE + "/nodes" + d + "/a%5Cb"));
        // a transfer target with an encoded slash
        assertEquals("InvalidURI", negotiationError("alice", d + "/x%2Fy.txt", true));
        assertChildren(d);
    }

    @Test
    void dotAndDotDotAreNoNames() {
        String d = freshFolder("alice");
        mkdir("alice", d + "/inner");
        for (String bad : List.of("/..", "/.", "/inner/../escaped", "/inner/./x", "/%2e%2e", "/inner/%2E%2E/escaped")) {
            assertFault(400, "InvalidURI", as("alice").body(nodeDoc(d + bad, "vos:ContainerNode"))
                    .put(BASE + "/nodes" + d + "/ok"));
        }
        // in transfer targets and move directions too
        uploadOk("alice", d + "/inner/f.txt", "f");
        assertEquals("InvalidURI", negotiationError("alice", d + "/inner/../f.txt", false));
        assertEquals("InvalidURI", negotiationError("alice", d + "/inner/%2e%2e/up.txt", true));
        Response move = as("alice").contentType("text/xml").body("<vos:transfer xmlns:vos=\"" + VOS_NS
                + "\" version=\"2.1\"><vos:target>" + AUTH_BANG + d + "/inner/f.txt</vos:target><vos:direction>"
                + AUTH_BANG + d + "/inner/../../escaped.txt</vos:direction><vos:keepBytes>false</vos:keepBytes>"
                + "</vos:transfer>").post(BASE + "/transfers?PHASE=RUN");
        assertEquals(303, move.statusCode(), move::asString);
        // WAIT returns at each change of phase (QUEUED -> EXECUTING -> ...), as UWS says: poll
        assertEquals("ERROR", VosClientReplayTest.pollPhase("alice", move.header("Location")));
        assertEquals("InvalidURI", as("alice").get(move.header("Location") + "/error").asString());
        assertChildren(d, "inner");
        assertChildren(d + "/inner", "f.txt");
    }

    @Test
    void malformedPercentEncodingIsInvalidUri() {
        String d = freshFolder("alice");
        // broken escapes: the HTTP layer may refuse the request line itself (400, empty body)
        for (String bad : List.of("%", "a%", "a%2", "a%G1")) {
            for (RawResponse r : List.of(raw("GET", "/vault/nodes" + d + "/" + bad, "alice", null),
                    raw("PUT", "/vault/nodes" + d + "/" + bad, "alice", nodeDoc(d + "/x", "vos:DataNode")))) {
                assertEquals(400, r.status(), () -> bad + " → " + r);
                assertTrue(r.body().isEmpty() || r.body().startsWith("InvalidURI:"), () -> bad + " → " + r);
            }
        }
        // well-formed escapes of bytes that are not UTF-8 (or overlong '/'): the service refuses them
        for (String bad : List.of("a%C3%28", "a%FF", "a%C0%AF", "a%E2%82")) {
            assertRawFault(400, "InvalidURI", raw("GET", "/vault/nodes" + d + "/" + bad, "alice", null), bad);
            assertRawFault(400, "InvalidURI", raw("PUT", "/vault/nodes" + d + "/" + bad, "alice",
                    nodeDoc(d + "/" + bad, "vos:DataNode")), bad);
        }
        assertChildren(d);
    }

    @Test
    void controlCharactersAreRefusedInUrlsAndDocuments() {
        String d = freshFolder("alice");
        for (String esc : List.of("%00", "%01", "%09", "%0A", "%0D", "%1F", "%7F")) {
            String name = "a" + esc + "b";
            assertFault(400, "InvalidURI", as("alice").body(nodeDoc(d + "/" + name, "vos:DataNode"))
                    .put(BASE + "/nodes" + d + "/" + name));
            assertFault(400, "InvalidURI", as("alice").body(nodeDoc(d + "/" + name, "vos:DataNode"))
                    .put(BASE + "/nodes" + d + "/ok"));
            assertFault(400, "InvalidURI", as("alice").get(BASE + "/files" + d + "/" + name));
        }
        assertChildren(d);
    }

    @Test
    void namesLongerThan255BytesAreRefused() {
        String d = freshFolder("alice");
        String ascii256 = "a".repeat(256);
        String utf8TwoByte = "%C3%A9".repeat(128); // 128 characters, 256 bytes
        for (String name : List.of(ascii256, utf8TwoByte)) {
            assertFault(400, "InvalidURI", as("alice").body(nodeDoc(d + "/" + name, "vos:DataNode"))
                    .put(BASE + "/nodes" + d + "/" + name));
            assertEquals("InvalidURI", negotiationError("alice", d + "/" + name, true));
        }
        assertChildren(d);
        // the boundary itself is fine: 255 bytes (here 127 two-byte characters and one 'a')
        String ok255 = "%C3%A9".repeat(127) + "a";
        as("alice").body(nodeDoc(d + "/" + ok255, "vos:DataNode")).put(BASE + "/nodes" + d + "/" + ok255).then()
                .statusCode(201);
        assertChildren(d, "é".repeat(127) + "a");
    }

    // ------------------------------------------------------------------ traversal in URLs

    /** alice's {@code d/inner/f.txt} and {@code d/victim.txt}; bob's {@code /bob/t-…/secret.txt}. */
    record Traversal(String d, String bobsSecret) {
    }

    static Traversal traversalSetup() {
        String d = freshFolder("alice");
        mkdir("alice", d + "/inner");
        uploadOk("alice", d + "/inner/f.txt", "inner");
        uploadOk("alice", d + "/victim.txt", "victim");
        String b = freshFolder("bob");
        uploadOk("bob", b + "/secret.txt", "bob's secret");
        return new Traversal(d, b + "/secret.txt");
    }

    @Test
    void percentEncodedTraversalIsRefusedNotResolved() {
        Traversal t = traversalSetup();
        String d = t.d();
        List<String> reads = List.of(
                "/vault/files" + d + "/inner/%2e%2e/victim.txt",
                "/vault/files" + d + "/inner/%2E%2E/victim.txt",
                "/vault/files" + d + "/inner/.%2e/victim.txt",
                "/vault/files" + d + "/inner%2f..%2fvictim.txt",
                "/vault/files" + d + "/inner%2F%2E%2E%2Fvictim.txt",
                "/vault/files" + d + "/inner/..%5cvictim.txt",
                "/vault/files" + d + "/inner%5c..%5cvictim.txt",
                "/vault/files" + d + "/inner/%252e%252e/victim.txt",
                "/vault/files" + d + "/inner%252f..%252fvictim.txt",
                "/vault/nodes" + d + "/inner/%2e%2e",
                "/vault/nodes" + d + "/inner%2ff.txt",
                "/vault/nodes" + d + "/inner/%252e%252e",
                "/vault/files/alice/%2e%2e" + t.bobsSecret(),
                "/vault/files" + d + "/%2e%2e/%2e%2e" + t.bobsSecret(),
                "/vault/files" + d + "/%252e%252e/%252e%252e" + t.bobsSecret());
        for (String path : reads) {
            RawResponse r = raw("GET", path, "alice", null);
            assertRawFault(400, "InvalidURI", r, path);
        }
        for (String path : List.of(d + "/inner/%2e%2e/victim.txt", d + "/inner%2ff.txt", d + "/inner%5cf.txt",
                d + "/inner/%252e%252e/victim.txt", d + "/inner/%2e%2e")) {
            assertRawFault(400, "InvalidURI", raw("DELETE", "/vault/nodes" + path, "alice", null), "DELETE " + path);
            String doc = nodeDoc(d + "/inner/new", "vos:DataNode");
            assertRawFault(400, "InvalidURI", raw("PUT", "/vault/nodes" + path, "alice", doc), "PUT " + path);
            assertRawFault(400, "InvalidURI", raw("POST", "/vault/nodes" + path, "alice", doc), "POST " + path);
        }
        assertTraversalTargetsIntact(t);
    }

    @Test
    void literalDotDotInTheRawPathIsRefusedNotResolved() {
        Traversal t = traversalSetup();
        String d = t.d();
        List<String> paths = List.of(
                "/vault/files" + d + "/inner/../victim.txt",
                "/vault/files" + d + "/inner/./f.txt",
                "/vault/nodes" + d + "/inner/..",
                "/vault/nodes" + d + "/inner/../victim.txt",
                "/vault/files/alice/.." + t.bobsSecret(),
                "/vault/files" + d + "/../.." + t.bobsSecret(),
                // dot segments before the service prefix must not select another resource or path
                "/vault/nodes/../files" + d + "/victim.txt",
                "/vault/files/../nodes" + d + "/victim.txt",
                "/vault/x/../nodes/vault/nodes" + d + "/victim.txt",
                "/vault/x/../files/vault/files" + t.bobsSecret());
        for (String path : paths) {
            RawResponse r = raw("GET", path, "alice", null);
            assertEquals(400, r.status(), () -> "GET " + path + " → " + r);
            assertTrue(r.body().startsWith("InvalidURI") || r.body().startsWith("InvalidArgument"),
                    () -> "GET " + path + " → " + r);
        }
        // escapes before the prefix: refused, or not routed at all, but never served as another path
        for (String path : List.of(
                "/vault/x/%2e%2e/files/vault/files" + d + "/victim.txt",
                "/vault/x/%2E%2E/nodes/vault/nodes" + d + "/victim.txt",
                "/%76ault/files/vault/files" + d + "/victim.txt",
                "/vault//files/vault/files" + d + "/victim.txt",
                "/vault/./files/vault/files" + d + "/victim.txt")) {
            RawResponse r = raw("GET", path, "alice", null);
            assertTrue(r.status() == 400 || r.status() == 404, () -> "GET " + path + " → " + r);
            assertFalse(r.body().contains("victim"), () -> "GET " + path + " → " + r);
        }
        for (String path : List.of("/vault/nodes" + d + "/inner/../victim.txt", "/vault/nodes" + d + "/inner/..",
                "/vault/nodes/x/../vault/nodes" + d + "/victim.txt")) {
            RawResponse r = raw("DELETE", path, "alice", null);
            assertEquals(400, r.status(), () -> "DELETE " + path + " → " + r);
        }
        assertTraversalTargetsIntact(t);
    }

    static void assertTraversalTargetsIntact(Traversal t) {
        assertEquals("victim", download("alice", t.d() + "/victim.txt").asString());
        assertEquals("inner", download("alice", t.d() + "/inner/f.txt").asString());
        assertEquals("bob's secret", download("bob", t.bobsSecret()).asString());
        assertChildren(t.d(), "inner", "victim.txt");
        assertChildren(t.d() + "/inner", "f.txt");
    }

    // ------------------------------------------------------------------ XML

    @Test
    void malformedXmlIsAnInvalidArgumentAndCreatesNothing() {
        String d = freshFolder("alice");
        String good = nodeDoc(d + "/n", "vos:DataNode");
        for (String body : List.of(
                good.substring(0, good.length() - 5), // truncated
                "this is not xml",
                "<vos:node xmlns:vos=\"" + VOS_NS + "\" xmlns:xsi=\"" + XSI_NS + "\" uri=\"" + AUTH_BANG + d
                        + "/n\" xsi:type=\"vos:DataNode\"><vos:properties></vos:node>", // mismatched end tag
                "<vos:transfer xmlns:vos=\"" + VOS_NS + "\"/>", // not a node document
                "")) {
            Response r = as("alice").body(body).put(BASE + "/nodes" + d + "/n");
            assertFault(400, "InvalidArgument", r);
        }
        assertChildren(d);
    }

    @Test
    void externalEntitiesAndDtdsAreNeverResolvedOrFetched() throws Exception {
        String d = freshFolder("alice");
        try (Listener listener = new Listener()) {
            String url = "http://127.0.0.1:" + listener.port();
            String node = "<vos:node xmlns:vos=\"" + VOS_NS + "\" xmlns:xsi=\"" + XSI_NS + "\" uri=\"" + AUTH_BANG + d
                    + "/n\" xsi:type=\"vos:DataNode\"><vos:properties>"
                    + "<vos:property uri=\"custom:x\">VALUE</vos:property></vos:properties></vos:node>";
            String transfer = "<vos:transfer xmlns:vos=\"" + VOS_NS + "\" version=\"2.1\"><vos:target>" + AUTH_BANG + d
                    + "/nVALUE</vos:target><vos:direction>pushToVoSpace</vos:direction></vos:transfer>";
            // {DOCTYPE, value}: a general entity from a file or URL, an external DTD, a parameter entity
            List<String[]> attacks = List.of(
                    new String[] {"[<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]", "&xxe;"},
                    new String[] {"[<!ENTITY xxe SYSTEM \"" + url + "/e\">]", "&xxe;"},
                    new String[] {"SYSTEM \"" + url + "/dtd\"", "v"},
                    new String[] {"[<!ENTITY % p SYSTEM \"" + url + "/p\"> %p;]", "v"});
            for (String[] a : attacks) {
                String prolog = "<?xml version=\"1.0\"?><!DOCTYPE ROOT " + a[0] + ">";
                Response r = as("alice").body(prolog.replace("ROOT", "vos:node") + node.replace("VALUE", a[1]))
                        .put(BASE + "/nodes" + d + "/n");
                assertFault(400, "InvalidArgument", r);
                assertFalse(r.asString().contains("root:"), r.asString());
                Response t = as("alice").contentType("text/xml")
                        .body(prolog.replace("ROOT", "vos:transfer") + transfer.replace("VALUE", a[1]))
                        .post(BASE + "/synctrans");
                assertFault(400, "InvalidArgument", t);
            }
            Thread.sleep(300);
            assertEquals(0, listener.connections(), "the service fetched an external entity or DTD");
        }
        assertChildren(d);
    }

    @Test
    void billionLaughsIsRefusedQuickly() {
        String d = freshFolder("alice");
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE vos:node [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 10; i++) {
            String prev = "&lol" + (i - 1) + ";";
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(prev.repeat(10)).append("\">");
        }
        dtd.append("]>");
        String doc = dtd + "<vos:node xmlns:vos=\"" + VOS_NS + "\" xmlns:xsi=\"" + XSI_NS + "\" uri=\"" + AUTH_BANG + d
                + "/n\" xsi:type=\"vos:DataNode\"><vos:properties><vos:property uri=\"custom:x\">&lol10;"
                + "</vos:property></vos:properties></vos:node>";
        long t0 = System.nanoTime();
        Response r = as("alice").body(doc).put(BASE + "/nodes" + d + "/n");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertFault(400, "InvalidArgument", r);
        assertTrue(ms < 5000, "took " + ms + " ms");
        assertChildren(d);
    }

    @Test
    void aOneMegabyteDocumentIs413() {
        String d = freshFolder("alice");
        String doc = "<vos:node xmlns:vos=\"" + VOS_NS + "\" xmlns:xsi=\"" + XSI_NS + "\" uri=\"" + AUTH_BANG + d
                + "/n\" xsi:type=\"vos:DataNode\"><vos:properties><vos:property uri=\"custom:x\">"
                + "x".repeat(1024 * 1024) + "</vos:property></vos:properties></vos:node>";
        assertFault(413, "RequestEntityTooLarge", as("alice").body(doc).put(BASE + "/nodes" + d + "/n"));
        assertChildren(d);
        // the same on setNode over an existing node, whose properties stay as they were
        as("alice").body(nodeDoc(d + "/n", "vos:DataNode")).put(BASE + "/nodes" + d + "/n").then().statusCode(201);
        assertFault(413, "RequestEntityTooLarge", as("alice").body(doc).post(BASE + "/nodes" + d + "/n"));
        assertNull(getNode("alice", d + "/n").value("custom:x"));
        // and on transfer documents
        String transfer = "<vos:transfer xmlns:vos=\"" + VOS_NS + "\" version=\"2.1\"><vos:target>" + AUTH_BANG + d
                + "/big</vos:target><vos:direction>pushToVoSpace</vos:direction><!--" + "x".repeat(1024 * 1024)
                + "--></vos:transfer>";
        assertFault(413, "RequestEntityTooLarge",
                as("alice").contentType("text/xml").body(transfer).post(BASE + "/synctrans"));
        assertChildren(d, "n");
    }

    // ------------------------------------------------------------------ node documents

    @Test
    void aDocumentUriThatDisagreesWithTheUrlIsInvalidUri() {
        String d = freshFolder("alice");
        assertFault(400, "InvalidURI", as("alice").body(nodeDoc(d + "/b", "vos:DataNode")).put(BASE + "/nodes" + d
                + "/a"));
        assertFault(400, "InvalidURI", as("alice").body(nodeDoc("/bob/b", "vos:DataNode")).put(BASE + "/nodes" + d
                + "/b"));
        assertFault(400, "InvalidURI", as("alice").body(nodeDoc(d + "/a", "vos:DataNode")
                .replace("opencadc.org!vault", "other.org!vault")).put(BASE + "/nodes" + d + "/a"));
        assertChildren(d);
        // setNode: the stored node keeps its properties, the other name stays absent
        as("alice").body(nodeDoc(d + "/a", "vos:DataNode")).put(BASE + "/nodes" + d + "/a").then().statusCode(201);
        String other = nodeDoc(d + "/b", "vos:DataNode").replace("<vos:properties/>",
                "<vos:properties>" + prop("custom:x", "1") + "</vos:properties>");
        assertFault(400, "InvalidURI", as("alice").body(other).post(BASE + "/nodes" + d + "/a"));
        assertNull(getNode("alice", d + "/a").value("custom:x"));
        assertChildren(d, "a");
    }

    @Test
    void putOnAnExistingNodeIsDuplicateNodeAndChangesNothing() {
        String d = freshFolder("alice");
        uploadOk("alice", d + "/f.txt", "original");
        Node before = getNode("alice", d + "/f.txt");
        String withProps = nodeDoc(d + "/f.txt", "vos:DataNode").replace("<vos:properties/>",
                "<vos:properties>" + prop("custom:x", "1") + prop(Props.IS_PUBLIC, "true") + "</vos:properties>");
        assertFault(409, "DuplicateNode", as("alice").body(withProps).put(BASE + "/nodes" + d + "/f.txt"));
        assertFault(409, "DuplicateNode", as("alice").body(nodeDoc(d + "/f.txt", "vos:ContainerNode"))
                .put(BASE + "/nodes" + d + "/f.txt"));
        assertFault(409, "DuplicateNode", as("alice").body(linkDoc(d + "/f.txt", AUTH + "/alice"))
                .put(BASE + "/nodes" + d + "/f.txt"));
        Node after = getNode("alice", d + "/f.txt");
        assertEquals("original", download("alice", d + "/f.txt").asString());
        assertEquals(before.value(Props.MD5), after.value(Props.MD5));
        assertEquals(before.value(Props.DATE), after.value(Props.DATE));
        assertEquals("false", after.value(Props.IS_PUBLIC));
        assertNull(after.value("custom:x"));
    }

    @Test
    void aMissingParentIsContainerNotFound() {
        String d = freshFolder("alice");
        assertFault(404, "ContainerNotFound", as("alice").body(nodeDoc(d + "/no/n", "vos:DataNode"))
                .put(BASE + "/nodes" + d + "/no/n"));
        assertFault(404, "ContainerNotFound", as("alice").body(nodeDoc(d + "/no/deeper/n", "vos:ContainerNode"))
                .put(BASE + "/nodes" + d + "/no/deeper/n"));
        assertEquals("ContainerNotFound", negotiationError("alice", d + "/no/up.txt", true));
        // a DataNode is no parent either
        uploadOk("alice", d + "/file", "x");
        assertFault(404, "ContainerNotFound", as("alice").body(nodeDoc(d + "/file/n", "vos:DataNode"))
                .put(BASE + "/nodes" + d + "/file/n"));
        assertChildren(d, "file");
    }

    // ------------------------------------------------------------------ uploads

    @Test
    void aDigestMismatchIs412AndKeepsTheOldContent() throws IOException {
        String d = freshFolder("alice");
        uploadOk("alice", d + "/f.txt", "old content");
        String md5Before = getNode("alice", d + "/f.txt").value(Props.MD5);
        int tmpBefore = countFiles(DATA.resolve("tmp"));
        int blobsBefore = blobs.list().size();

        String endpoint = negotiate("alice", d + "/f.txt", true);
        Response r = anonymous().header("Digest", "md5=" + md5Base64("something else")).body("new content")
                .put(endpoint);
        assertFault(412, "PreconditionFailed", r);
        assertEquals("old content", download("alice", d + "/f.txt").asString());
        assertEquals(md5Before, getNode("alice", d + "/f.txt").value(Props.MD5));

        String fresh = negotiate("alice", d + "/new.txt", true);
        assertFault(412, "PreconditionFailed", anonymous().header("Digest", "md5=" + md5Base64("x"))
                .body("not x").put(fresh));
        assertChildren(d, "f.txt");
        assertEquals(tmpBefore, countFiles(DATA.resolve("tmp")), "temporary upload left behind");
        assertEquals(blobsBefore, blobs.list().size(), "blob left behind");

        // control: the same header with the right digest is accepted
        anonymous().header("Digest", "md5=" + md5Base64("new content")).body("new content").put(endpoint).then()
                .statusCode(201);
        assertEquals("new content", download("alice", d + "/f.txt").asString());
    }

    @Test
    void aFileWhoseBytesAreMissingIsAFaultAtOnceNotAHang() throws Exception {
        String d = freshFolder("alice");
        String unique = "bytes that will be lost " + java.util.UUID.randomUUID();
        uploadOk("alice", d + "/lost.txt", unique);
        String blob = null;
        for (String id : blobs.list()) { // the store lost it: a damaged disk, a bucket restored without it
            try (var in = blobs.open(id)) {
                if (new String(in.readNBytes(unique.length() + 1), java.nio.charset.StandardCharsets.UTF_8)
                        .equals(unique)) {
                    blob = id;
                }
            }
        }
        assertNotNull(blob, "the blob of lost.txt");
        blobs.delete(blob);
        String url = as("alice").get(BASE + "/files" + d + "/lost.txt").header("Location");
        long t0 = System.nanoTime();
        Response r = anonymous().get(url);
        assertEquals(500, r.statusCode(), r::asString);
        assertTrue(r.asString().startsWith("InternalFault") && r.asString().contains("missing"), r.asString());
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "answered at once");
    }

    @Test
    void aBodyShorterThanItsContentLengthCommitsNothing() throws Exception {
        String d = freshFolder("alice");
        uploadOk("alice", d + "/f.txt", "old content");
        String md5Before = getNode("alice", d + "/f.txt").value(Props.MD5);
        int tmpBefore = countFiles(DATA.resolve("tmp"));
        for (String target : List.of(d + "/f.txt", d + "/new.txt")) {
            String endpoint = negotiate("alice", target, true);
            String path = endpoint.substring(SERVER.length());
            String head = "PUT " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + PORT + "\r\nContent-Length: 1000\r\n\r\n";
            RawResponse r = rawExchange(head, "0123456789".getBytes(StandardCharsets.US_ASCII), true, 10_000);
            assertFalse(r.status() >= 200 && r.status() < 300, () -> "a truncated upload was accepted: " + r);
        }
        assertEquals("old content", download("alice", d + "/f.txt").asString());
        assertEquals(md5Before, getNode("alice", d + "/f.txt").value(Props.MD5));
        assertChildren(d, "f.txt");
        awaitEquals(tmpBefore, () -> countFiles(DATA.resolve("tmp")), "temporary upload left behind");
    }

    @Test
    void anUploadOverTheQuotaIs413BeforeAnyByteIsCommitted() throws Exception {
        // carol's home: other tests put only small files there
        String d = freshFolder("carol");
        uploadOk("carol", d + "/f.txt", "old content");
        Node home = getNode("carol", "/carol?limit=0");
        long remaining = Long.parseLong(home.value(Props.QUOTA)) - Long.parseLong(home.value(Props.LENGTH));
        assertTrue(remaining > 0 && remaining <= 200L * 1024 * 1024, "remaining " + remaining); // the test homes hold 200 MB

        for (String target : List.of(d + "/f.txt", d + "/new.bin")) {
            String endpoint = negotiate("carol", target, true);
            String head = "PUT " + endpoint.substring(SERVER.length()) + " HTTP/1.1\r\nHost: 127.0.0.1:" + PORT
                    + "\r\nContent-Length: " + (remaining + 1000) + "\r\nConnection: close\r\n\r\n";
            // only the headers: the answer must come before the bytes do
            RawResponse r = rawExchange(head, new byte[0], false, 10_000);
            assertEquals(413, r.status(), r::toString);
            assertTrue(r.body().startsWith("QuotaExceeded"), r::toString);
        }
        assertEquals("old content", download("carol", d + "/f.txt").asString());
        assertChildrenAs("carol", d, "f.txt");
        assertEquals(home.value(Props.LENGTH), getNode("carol", "/carol?limit=0").value(Props.LENGTH));
        // control: the home's length, which the quota is measured against, does count uploads
        uploadOk("carol", d + "/kilo.bin", "k".repeat(1000));
        assertEquals(Long.parseLong(home.value(Props.LENGTH)) + 1000,
                Long.parseLong(getNode("carol", "/carol?limit=0").value(Props.LENGTH)));
    }

    @Test
    void anUploadOfUnknownLengthStopsAtTheQuota() throws Exception {
        String d = freshFolder("carol");
        Node home = getNode("carol", "/carol?limit=0");
        long remaining = Long.parseLong(home.value(Props.QUOTA)) - Long.parseLong(home.value(Props.LENGTH));
        String endpoint = negotiate("carol", d + "/big.bin", true);
        int tmpBefore = countFiles(DATA.resolve("tmp"));
        String head = "PUT " + endpoint.substring(SERVER.length()) + " HTTP/1.1\r\nHost: 127.0.0.1:" + PORT
                + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        RawResponse r = rawChunked(head, remaining + 1024 * 1024, 30_000);
        assertEquals(413, r.status(), r::toString);
        assertTrue(r.body().startsWith("QuotaExceeded"), r::toString);
        assertChildrenAs("carol", d);
        assertEquals(home.value(Props.LENGTH), getNode("carol", "/carol?limit=0").value(Props.LENGTH));
        awaitEquals(tmpBefore, () -> countFiles(DATA.resolve("tmp")), "temporary upload left behind");
    }

    // ------------------------------------------------------------------ pre-authorised URLs

    static PreauthSigner signer() throws IOException {
        String hex = Files.readString(DATA.resolve("preauth.key")).trim();
        return new PreauthSigner(HexFormat.of().parseHex(hex));
    }

    static String preauthUrl(String token, String name) {
        return BASE + "/preauth/" + token + "/" + name;
    }

    @Test
    void anExpiredPreauthorisedUrlIs403() throws IOException {
        String d = freshFolder("alice");
        uploadOk("alice", d + "/f.txt", "old content");
        PreauthSigner signer = signer();
        VosPath path = VosPath.parse(d + "/f.txt");
        // control: a grant signed here with the service's key works while it is valid
        String valid = signer.sign(new Grant(Direction.GET, path, "alice", Instant.now().plusSeconds(60)));
        assertEquals("old content", anonymous().get(preauthUrl(valid, "f.txt")).asString());

        String expiredGet = signer.sign(new Grant(Direction.GET, path, "alice", Instant.now().minusSeconds(5)));
        assertFault(403, "PermissionDenied", anonymous().get(preauthUrl(expiredGet, "f.txt")));
        String expiredPut = signer.sign(new Grant(Direction.PUT, path, "alice", Instant.now().minusSeconds(5)));
        assertFault(403, "PermissionDenied", anonymous().body("new").put(preauthUrl(expiredPut, "f.txt")));
        String expiredNew = signer.sign(new Grant(Direction.PUT, VosPath.parse(d + "/new.txt"), "alice",
                Instant.now().minusSeconds(5)));
        assertFault(403, "PermissionDenied", anonymous().body("new").put(preauthUrl(expiredNew, "new.txt")));
        assertEquals("old content", download("alice", d + "/f.txt").asString());
        assertChildren(d, "f.txt");
    }

    @Test
    void aTamperedPreauthorisedUrlIs403() throws IOException {
        String d = freshFolder("alice");
        uploadOk("alice", d + "/f.txt", "alice's");
        String b = freshFolder("bob");
        uploadOk("bob", b + "/secret.txt", "bob's");
        String url = negotiate("alice", d + "/f.txt", false);
        String token = url.substring((BASE + "/preauth/").length(), url.lastIndexOf('/'));
        int dot = token.indexOf('.');
        assertTrue(dot > 0, token);
        assertEquals("alice's", anonymous().get(url).asString(), "control: the untouched URL works");

        List<String> tampered = new ArrayList<>();
        tampered.add(flip(token, dot / 2)); // payload
        tampered.add(flip(token, dot + 10)); // signature
        tampered.add(token.substring(0, dot)); // no signature
        tampered.add(token.substring(0, dot) + "."); // empty signature
        tampered.add("." + token.substring(dot + 1)); // no payload
        tampered.add("garbage");
        // the payload rewritten to name bob's file, alice's signature kept
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
        String forged = payload.substring(0, payload.lastIndexOf('\n') + 1) + b + "/secret.txt";
        tampered.add(Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8))
                + token.substring(dot));
        // a longer lifetime, alice's signature kept
        String[] f = payload.split("\n", 5);
        String later = f[0] + "\n" + f[1] + "\n" + (Long.parseLong(f[2]) + 86400) + "\n" + f[3] + "\n" + f[4];
        tampered.add(Base64.getUrlEncoder().withoutPadding().encodeToString(later.getBytes(StandardCharsets.UTF_8))
                + token.substring(dot));
        for (String t : tampered) {
            assertFault(403, "PermissionDenied", anonymous().get(preauthUrl(t, "f.txt")), "token " + t);
            assertFault(403, "PermissionDenied", anonymous().body("overwritten").put(preauthUrl(t, "f.txt")),
                    "token " + t);
        }
        // a dot-dot "token" is normalised away by the router before any resource sees it
        RawResponse dots = raw("GET", "/vault/preauth/%2e%2e/f.txt", null, null);
        assertTrue(dots.status() == 403 || dots.status() == 404, dots::toString);
        assertEquals("alice's", download("alice", d + "/f.txt").asString());
        assertEquals("bob's", download("bob", b + "/secret.txt").asString());
    }

    @Test
    void aReadUrlCannotWriteAndAWriteUrlCannotRead() {
        String d = freshFolder("alice");
        uploadOk("alice", d + "/f.txt", "old content");
        String getUrl = negotiate("alice", d + "/f.txt", false);
        String putUrl = negotiate("alice", d + "/f.txt", true);
        assertFault(403, "PermissionDenied", anonymous().body("overwritten").put(getUrl));
        assertFault(403, "PermissionDenied", anonymous().header("x-put-txn-op", "start").body("overwritten")
                .put(getUrl));
        assertFault(403, "PermissionDenied", anonymous().get(putUrl));
        assertEquals("old content", download("alice", d + "/f.txt").asString());
        // the name after the token is decoration: the token alone decides what is written
        String newPut = negotiate("alice", d + "/f.txt", true).replace("/f.txt", "/new.txt");
        assertNotEquals(newPut, putUrl);
        Response wrongName = anonymous().body("x").put(newPut);
        assertEquals(201, wrongName.statusCode(), wrongName::asString);
        assertEquals("x", download("alice", d + "/f.txt").asString());
        assertChildren(d, "f.txt");
    }

    /**
     * A pre-authorised URL passes permission checks for the path it names. If that path is
     * later turned into a link (or a folder on it is), the URL must not become a key to where the
     * link points: here carol re-points her own paths at alice's private files.
     */
    @Test
    void aPreauthorisedUrlDoesNotFollowALinkSwappedInAfterItWasIssued() {
        String victim = freshFolder("alice");
        uploadOk("alice", victim + "/x", "alice's private x");
        String d = freshFolder("carol");
        String victimUri = AUTH + victim;

        // leaf: a read URL for carol's file x, then x replaced by a link to alice's x
        uploadOk("carol", d + "/x", "carol's x");
        String getLeaf = negotiate("carol", d + "/x", false);
        as("carol").delete(BASE + "/nodes" + d + "/x").then().statusCode(200);
        as("carol").body(linkDoc(d + "/x", victimUri + "/x")).put(BASE + "/nodes" + d + "/x").then().statusCode(201);
        Response leaf = anonymous().get(getLeaf);
        assertNotEquals("alice's private x", leaf.asString());
        assertEquals(403, leaf.statusCode(), leaf::asString);

        // middle: read and write URLs below carol's folder f, then f replaced by a link to alice's folder
        mkdir("carol", d + "/f");
        uploadOk("carol", d + "/f/x", "carol's f/x");
        String getMid = negotiate("carol", d + "/f/x", false);
        String putMid = negotiate("carol", d + "/f/x", true);
        String putNew = negotiate("carol", d + "/f/new", true);
        as("carol").delete(BASE + "/nodes" + d + "/f/x").then().statusCode(200);
        as("carol").delete(BASE + "/nodes" + d + "/f").then().statusCode(200);
        as("carol").body(linkDoc(d + "/f", victimUri)).put(BASE + "/nodes" + d + "/f").then().statusCode(201);
        Response mid = anonymous().get(getMid);
        assertNotEquals("alice's private x", mid.asString());
        assertEquals(403, mid.statusCode(), mid::asString);
        Response overwrite = anonymous().body("carol was here").put(putMid);
        assertEquals(403, overwrite.statusCode(), overwrite::asString);
        Response create = anonymous().body("carol was here").put(putNew);
        assertEquals(403, create.statusCode(), create::asString);

        assertEquals("alice's private x", download("alice", victim + "/x").asString());
        assertChildren(victim, "x");
    }

    /** A URL negotiated for a link names the link's target: it keeps working, and only for that file. */
    @Test
    void aPreauthorisedUrlNegotiatedThroughALinkReadsTheTarget() {
        String d = freshFolder("alice");
        uploadOk("alice", d + "/a.fits", "a");
        as("alice").body(linkDoc(d + "/latest", AUTH + d + "/a.fits")).put(BASE + "/nodes" + d + "/latest").then()
                .statusCode(201);
        assertEquals("a", anonymous().get(negotiate("alice", d + "/latest", false)).asString());
        assertEquals("a", download("alice", d + "/latest").asString());
        mkdir("alice", d + "/real");
        as("alice").body(linkDoc(d + "/dir", AUTH + d + "/real")).put(BASE + "/nodes" + d + "/dir").then()
                .statusCode(201);
        anonymous().body("through a link").put(negotiate("alice", d + "/dir/up.txt", true)).then().statusCode(201);
        assertEquals("through a link", download("alice", d + "/real/up.txt").asString());
        assertEquals("through a link", download("alice", d + "/dir/up.txt").asString());
    }

    // ------------------------------------------------------------------ links

    @Test
    void aLinkLoopIsUnreadableLinkTarget() {
        String d = freshFolder("alice");
        as("alice").body(linkDoc(d + "/a", AUTH + d + "/b")).put(BASE + "/nodes" + d + "/a").then().statusCode(201);
        as("alice").body(linkDoc(d + "/b", AUTH_BANG + d + "/a")).put(BASE + "/nodes" + d + "/b").then()
                .statusCode(201);
        as("alice").body(linkDoc(d + "/self", AUTH + d + "/self")).put(BASE + "/nodes" + d + "/self").then()
                .statusCode(201);
        for (String link : List.of("/a", "/b", "/self")) {
            assertFault(404, "UnreadableLinkTarget", as("alice").get(BASE + "/files" + d + link));
            assertFault(404, "UnreadableLinkTarget", as("alice").get(BASE + "/nodes" + d + link + "/child"));
            assertFault(404, "UnreadableLinkTarget", as("alice").body(nodeDoc(d + link + "/child", "vos:DataNode"))
                    .put(BASE + "/nodes" + d + link + "/child"));
            assertEquals("UnreadableLinkTarget", negotiationError("alice", d + link, false));
            assertEquals("UnreadableLinkTarget", negotiationError("alice", d + link + "/up.txt", true));
            // the link itself is still an ordinary node
            Node n = getNode("alice", d + link);
            assertNotNull(n.target());
        }
        assertChildren(d, "a", "b", "self");
    }

    @Test
    void aLinkOutsideTheServiceIsStoredButNeverFollowed() throws Exception {
        String d = freshFolder("alice");
        try (Listener listener = new Listener()) {
            List<String> targets = List.of("http://127.0.0.1:" + listener.port() + "/x", "http://example.invalid/x",
                    "vos://other.authority~x/y", "https://127.0.0.1:" + listener.port() + "/y");
            for (int i = 0; i < targets.size(); i++) {
                String link = d + "/ext" + i;
                as("alice").body(linkDoc(link, targets.get(i))).put(BASE + "/nodes" + link).then().statusCode(201);
                assertEquals(targets.get(i), getNode("alice", link).target());
                for (Response r : List.of(as("alice").get(BASE + "/files" + link),
                        as("alice").get(BASE + "/nodes" + link + "/child"),
                        as("alice").body(nodeDoc(link + "/child", "vos:DataNode")).put(BASE + "/nodes" + link + "/child"))) {
                    assertFault(400, "InvalidArgument", r);
                    assertTrue(r.getTime() < 2000, "took " + r.getTime() + " ms");
                }
                assertEquals("InvalidArgument", negotiationError("alice", link, false));
            }
            Thread.sleep(300);
            assertEquals(0, listener.connections(), "the service followed a link out of itself");
        }
    }

    // ------------------------------------------------------------------ helpers

    static String nodeDoc(String path, String xsiType) {
        String tail = xsiType.equals("vos:ContainerNode") ? "<vos:nodes/>" : "<vos:accepts/><vos:provides/>";
        return "<vos:node xmlns:vos=\"" + VOS_NS + "\" xmlns:xsi=\"" + XSI_NS + "\" uri=\"" + AUTH_BANG + path
                + "\" xsi:type=\"" + xsiType + "\"><vos:properties/>" + tail + "</vos:node>";
    }

    static void assertFault(int status, String fault, Response r) {
        assertFault(status, fault, r, "");
    }

    static void assertFault(int status, String fault, Response r, String context) {
        assertEquals(status, r.statusCode(), () -> context + " " + r.asString());
        assertTrue(r.asString().startsWith(fault + ":"), () -> context + " expected " + fault + ", got: "
                + r.asString());
        assertTrue(r.contentType().startsWith("text/plain"), r.contentType());
    }

    static void assertRawFault(int status, String fault, RawResponse r, String what) {
        assertEquals(status, r.status(), () -> what + " → " + r);
        assertTrue(r.body().startsWith(fault + ":"), () -> what + " → " + r);
    }

    /** The listing of {@code path} (read by alice) has exactly these children. */
    static void assertChildren(String path, String... names) {
        assertChildrenAs("alice", path, names);
    }

    static void assertChildrenAs(String reader, String path, String... names) {
        Set<String> listed = getNode(reader, path).children().stream().map(Node::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of(names)), listed, "children of " + path);
    }

    /** The job error of a failed sync negotiation (fails if the negotiation succeeded). */
    static String negotiationError(String user, String path, boolean push) {
        Response post = as(user).contentType("text/xml")
                .body(transferDoc(path, push ? Transfer.PUSH_TO : Transfer.PULL_FROM, push ? "httpsput" : "httpsget"))
                .post(BASE + "/synctrans");
        if (post.statusCode() != 303) {
            // refused before a job was made: report the fault name
            return post.asString().split(":")[0];
        }
        Response details = as(user).get(post.header("Location"));
        assertEquals(200, details.statusCode(), details::asString);
        assertTrue(TransferXml.read(details.asByteArray()).protocols().isEmpty(), "negotiation succeeded: " + path);
        return as(user).get(post.header("Location").replace("/results/transferDetails", "") + "/error").asString();
    }

    static String md5Base64(String s) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String flip(String s, int i) {
        char c = s.charAt(i);
        char r = c == 'A' ? 'B' : 'A';
        return s.substring(0, i) + r + s.substring(i + 1);
    }

    static int countFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return (int) s.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void awaitEquals(int expected, java.util.function.IntSupplier actual, String message)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (actual.getAsInt() != expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(expected, actual.getAsInt(), message);
    }

    // ------------------------------------------------------------------ raw HTTP

    record RawResponse(int status, String head, String body) {
        @Override
        public String toString() {
            return status + " " + head.replace("\r\n", " | ") + " || " + body;
        }
    }

    /** Sends a request line with the path exactly as given (no client normalises or re-encodes it). */
    static RawResponse raw(String method, String rawPath, String user, String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1:" + PORT
                + "\r\nConnection: close\r\n");
        if (user != null) {
            head.append("Authorization: Bearer ").append(token(user)).append("\r\n");
        }
        if (body != null || method.equals("PUT") || method.equals("POST")) {
            head.append("Content-Type: text/xml\r\nContent-Length: ").append(bytes.length).append("\r\n");
        }
        head.append("\r\n");
        return rawExchange(head.toString(), bytes, false, 10_000);
    }

    static RawResponse rawExchange(String head, byte[] body, boolean closeOutput, int timeoutMs) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), PORT)) {
            s.setSoTimeout(timeoutMs);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            if (closeOutput) {
                s.shutdownOutput();
            }
            return readResponse(s.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Streams {@code length} bytes with chunked encoding, stopping early if the server answers. */
    static RawResponse rawChunked(String head, long length, int timeoutMs) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), PORT)) {
            s.setSoTimeout(timeoutMs);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            byte[] chunk = new byte[64 * 1024];
            String size = Integer.toHexString(chunk.length) + "\r\n";
            long sent = 0;
            try {
                while (sent < length) {
                    out.write(size.getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent += chunk.length;
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // the server answered and closed while we were still sending: read its answer
            }
            return readResponse(s.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one response (up to its Content-Length, or to EOF); status -1 if none came. */
    static RawResponse readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] b = new byte[8192];
        try {
            int n;
            while ((n = in.read(b)) > 0) {
                buf.write(b, 0, n);
                String sofar = buf.toString(StandardCharsets.ISO_8859_1);
                int end = sofar.indexOf("\r\n\r\n");
                if (end >= 0) {
                    String h = sofar.substring(0, end).toLowerCase();
                    int cl = h.indexOf("content-length:");
                    if (cl >= 0) {
                        int eol = h.indexOf("\r\n", cl);
                        long len = Long.parseLong(h.substring(cl + 15, eol < 0 ? h.length() : eol).trim());
                        if (buf.size() >= end + 4 + len) {
                            break;
                        }
                    }
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // fall through with what arrived
        }
        String all = buf.toString(StandardCharsets.UTF_8);
        int end = all.indexOf("\r\n\r\n");
        if (!all.startsWith("HTTP/") || end < 0) {
            return new RawResponse(-1, all, "");
        }
        int status = Integer.parseInt(all.substring(9, 12));
        return new RawResponse(status, all.substring(0, end), all.substring(end + 4));
    }

    /** A local TCP listener that counts connections: proof that nothing was fetched. */
    static final class Listener implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger connections = new AtomicInteger();
        private final Thread thread;

        Listener() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "fetch-listener");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void aRefusedUploadLeavesTheConnectionUsable() throws Exception {
        String d = freshFolder("alice");
        java.net.URI put = java.net.URI.create(negotiate("alice", d + "/refused.bin", true));
        byte[] body = new byte[3_000_000]; // more than the read-ahead (1 MiB) takes before the refusal
        try (java.net.Socket socket = new java.net.Socket(put.getHost(), put.getPort())) {
            socket.setSoTimeout(20_000);
            java.io.OutputStream out = socket.getOutputStream();
            java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            // refused before a byte of the body is needed: an unknown transaction operation
            out.write(("PUT " + put.getRawPath() + " HTTP/1.1\r\nHost: " + put.getHost() + ":" + put.getPort()
                    + "\r\nx-put-txn-op: bogus\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            assertTrue(readResponseHead(in).startsWith("HTTP/1.1 400"), "the refusal");
            // the same connection still serves the next request: the rest of the body was read away
            out.write(("GET /vault/availability HTTP/1.1\r\nHost: " + put.getHost() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertTrue(readResponseHead(in).startsWith("HTTP/1.1 200"), "the next request on the connection");
        }
    }

    /** Reads one response's status line and headers, and skips its body (Content-Length). */
    private static String readResponseHead(java.io.InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new java.io.EOFException("connection closed after: " + head);
            }
            head.append((char) c);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        if (m.find()) {
            in.readNBytes(Integer.parseInt(m.group(1)));
        } else if (head.toString().toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
            for (int size; (size = Integer.parseInt(readLine(in).trim(), 16)) > 0; ) {
                in.readNBytes(size + 2); // the chunk and its CRLF
            }
            readLine(in); // the empty line after the last chunk
        }
        return head.toString();
    }

    private static String readLine(java.io.InputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
            line.append((char) c);
        }
        return line.toString().replace("\r", "");
    }
}
