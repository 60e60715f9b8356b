package org.vosportal.service;

import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.vosportal.service.PermissionCases.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vosportal.service.PermissionCases.Access;
import org.vosportal.service.PermissionCases.Fixture;
import org.vosportal.service.PermissionCases.Kind;
import org.vosportal.service.PermissionCases.Subject;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeXml;
import org.vosportal.vospace.Props;
import org.vosportal.vospace.Transfer;
import org.vosportal.vospace.TransferXml;

/**
 * The VOSpace authorisation matrix (VOSPACE.md §8), role × action, over real Keycloak tokens.
 *
 * <p>Every case builds its own folder {@code F} inside one shared area of alice's home, holding
 * {@code f.txt} (same grant as the folder) and {@code secret.txt} (private). The folder's grant
 * decides the role: alice owns everything; bob and alice are in {@code survey-team}; carol is in
 * no group; anonymous has no token. So that only {@code F}'s own grant decides, the area and
 * alice's home are made public for the duration of this class (VOSpace requires read on every
 * ancestor; that rule has its own test below) and the home is restored afterwards.
 */
@QuarkusTest
class PermissionMatrixTest extends ServiceTestBase {

    @AfterAll
    static void restoreHome() {
        PermissionCases.restoreHome();
    }

    static final List<String> ACTIONS = List.of("list", "stat", "read", "overwrite", "upload-new", "create-node",
            "rename", "move-out-to-own-home", "move-own-file-in", "copy-to-own-home", "read-through-link", "delete",
            "set-properties", "set-permissions", "lock", "package");

    static Stream<Arguments> matrix() {
        return PermissionCases.cells(ACTIONS);
    }

    // ------------------------------------------------------------------ the matrix

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("matrix")
    void matrix(String subjectLabel, String action) {
        runCell(subjectLabel, action, (s, f) -> act(action, s, f));
    }

    void act(String action, Subject s, Fixture f) {
        switch (action) {
            case "list" -> list(s, f);
            case "stat" -> stat(s, f);
            case "read" -> read(s, f);
            case "overwrite" -> overwrite(s, f);
            case "upload-new" -> uploadNew(s, f);
            case "create-node" -> createNode(s, f);
            case "rename" -> rename(s, f);
            case "move-out-to-own-home" -> moveOut(s, f);
            case "move-own-file-in" -> moveIn(s, f);
            case "copy-to-own-home" -> copyOut(s, f);
            case "read-through-link" -> readThroughLink(s, f);
            case "delete" -> delete(s, f);
            case "set-properties" -> setProperties(s, f);
            case "set-permissions" -> setPermissions(s, f);
            case "lock" -> lock(s, f);
            case "package" -> packageZip(s, f);
            default -> fail("unknown action " + action);
        }
    }

    /** GET /nodes/F: 200 always (the ancestors are readable); children only for readers of F. */
    void list(Subject s, Fixture f) {
        Response r = as(s.user()).get(BASE + "/nodes" + f.folder());
        assertEquals(200, r.statusCode(), r::asString);
        Set<String> names = names(NodeXml.read(r.asByteArray()).children());
        assertEquals(s.reads() ? Set.of("f.txt", "secret.txt") : Set.of(), names);
    }

    /** GET /nodes/F/f.txt: F is an ancestor, so non-readers of F get 403; computed flags are right. */
    void stat(Subject s, Fixture f) {
        Response r = as(s.user()).get(BASE + "/nodes" + f.file());
        if (!s.reads()) {
            assertDenied(r);
            return;
        }
        assertEquals(200, r.statusCode(), r::asString);
        Node n = NodeXml.read(r.asByteArray());
        assertEquals("true", n.value(Props.READABLE));
        assertEquals(s.writes() ? "true" : null, n.value(Props.WRITABLE));
        assertEquals("alice", n.value(Props.CREATOR));
    }

    /** GET /files → 303 → bytes, or 403; secret.txt is for its owner alone. */
    void read(Subject s, Fixture f) {
        Response files = as(s.user()).get(BASE + "/files" + f.file());
        Response head = as(s.user()).head(BASE + "/files" + f.file());
        if (s.reads()) {
            assertEquals(303, files.statusCode(), files::asString);
            Response bytes = anonymous().get(files.header("Location"));
            assertEquals(200, bytes.statusCode(), bytes::asString);
            assertEquals(f.content(), bytes.asString());
            assertEquals(200, head.statusCode());
            assertEquals(Integer.toString(f.content().length()), head.header("Content-Length"));
        } else {
            assertDenied(files);
            assertDenied(head);
        }
        Response secret = download(s.user(), f.secret());
        if (s.isOwner()) {
            assertEquals("secret", secret.asString());
        } else {
            assertDenied(secret);
        }
    }

    /** Push negotiation + PUT over an existing file: needs write on the file. */
    void overwrite(Subject s, Fixture f) {
        Negotiation n = negotiatePush(s.user(), f.file());
        if (s.writes()) {
            assertNull(n.error(), "negotiation error");
            Response put = anonymous().body("new by " + s.user()).put(n.endpoint());
            assertEquals(201, put.statusCode(), put::asString);
            assertEquals("new by " + s.user(), download("alice", f.file()).asString());
        } else {
            assertEquals("PermissionDenied", n.error());
            assertEquals(f.content(), download("alice", f.file()).asString(), "old content intact");
        }
    }

    /** Push negotiation + PUT of a new file: needs write on F; the uploader becomes its creator. */
    void uploadNew(Subject s, Fixture f) {
        String path = f.folder() + "/uploaded.txt";
        Negotiation n = negotiatePush(s.user(), path);
        if (s.writes()) {
            assertNull(n.error(), "negotiation error");
            Response put = anonymous().body("uploaded").put(n.endpoint());
            assertEquals(201, put.statusCode(), put::asString);
            assertEquals(s.user(), getNode("alice", path).value(Props.CREATOR));
        } else {
            assertEquals("PermissionDenied", n.error());
            assertAbsent(path);
        }
    }

    /** PUT /nodes/F/new: needs write on F. */
    void createNode(Subject s, Fixture f) {
        String path = f.folder() + "/created.txt";
        Response r = as(s.user()).body(nodeDoc(path, "vos:DataNode", "")).put(BASE + "/nodes" + path);
        if (s.writes()) {
            assertEquals(201, r.statusCode(), r::asString);
            assertEquals(s.user(), getNode("alice", path).value(Props.CREATOR));
        } else {
            assertDenied(r);
            assertAbsent(path);
        }
    }

    /** Async move (rename inside F): needs write on the source's parent and the destination, and read on the node. */
    void rename(Subject s, Fixture f) {
        String dest = f.folder() + "/moved.txt";
        JobEnd end = runMove(s.user(), f.file(), dest);
        if (s.writes()) {
            assertEquals("COMPLETED", end.phase(), () -> "error: " + end.error());
            assertAbsent(f.file());
            assertEquals(f.content(), download("alice", dest).asString());
        } else {
            assertJobDenied(end);
            assertAbsent(dest);
            assertEquals(f.content(), download("alice", f.file()).asString());
        }
        // secret.txt is in F too, but nobody who cannot read it may rename it
        JobEnd secret = runMove(s.user(), f.secret(), f.folder() + "/renamed-secret.txt");
        if (s.isOwner()) {
            assertEquals("COMPLETED", secret.phase(), () -> "error: " + secret.error());
        } else {
            assertJobDenied(secret);
            assertEquals("secret", download("alice", f.secret()).asString());
        }
    }

    /**
     * Moving alice's f.txt out of F into the caller's own home: only alice (the move stays in her
     * home). A group writer may tidy F, but carrying alice's file into his home would give him
     * the home owner's full control of it and take it from her.
     */
    void moveOut(Subject s, Fixture f) {
        String home = s.user() == null ? area() : "/" + s.user();
        String dest = home + "/out-" + UUID.randomUUID().toString().substring(0, 8);
        JobEnd end = runMove(s.user(), f.file(), dest);
        if (s.isOwner()) {
            assertEquals("COMPLETED", end.phase(), () -> "error: " + end.error());
            assertEquals(f.content(), download("alice", dest).asString());
            assertAbsent(f.file());
        } else {
            assertJobDenied(end);
            assertEquals(f.content(), download("alice", f.file()).asString());
            assertAbsentAs(s.user() == null ? "alice" : s.user(), dest);
        }
    }

    /** Moving the caller's own file into F: write on F (and the file is the caller's to give). */
    void moveIn(Subject s, Fixture f) {
        String src;
        String content;
        if (s.user() == null) {
            src = area() + "/shared.txt"; // anonymous owns nothing: try the public file next door
            content = "shared";
        } else {
            src = freshFolder(s.user()) + "/own.txt";
            content = "own file of " + s.user();
            uploadOk(s.user(), src, content);
        }
        String dest = f.folder() + "/own.txt";
        JobEnd end = runMove(s.user(), src, dest);
        if (s.writes()) {
            assertEquals("COMPLETED", end.phase(), () -> "error: " + end.error());
            assertEquals(content, download("alice", dest).asString(), "the home owner reads what was moved in");
            assertAbsentAs(s.user(), src);
        } else {
            assertJobDenied(end);
            assertAbsent(dest);
            assertEquals(content, download(s.user() == null ? "alice" : s.user(), src).asString());
        }
    }

    /** Copying F into the caller's home: what they can read, and nothing else (secret.txt is alice's). */
    void copyOut(Subject s, Fixture f) {
        String home = s.user() == null ? area() : "/" + s.user();
        String dest = home + "/copy-" + UUID.randomUUID().toString().substring(0, 8);
        JobEnd end = runTransfer(s.user(), f.folder(), dest, true);
        if (s.reads() && s.user() != null) {
            assertEquals("COMPLETED", end.phase(), () -> "error: " + end.error());
            Set<String> expected = s.isOwner() ? Set.of("f.txt", "secret.txt") : Set.of("f.txt");
            assertEquals(expected, names(getNode(s.user(), dest).children()));
            assertEquals(f.content(), download(s.user(), dest + "/f.txt").asString());
            assertEquals(s.user(), getNode(s.user(), dest + "/f.txt").value(Props.CREATOR), "the copy is the caller's");
        } else {
            assertJobDenied(end);
            assertAbsentAs(s.user() == null ? "alice" : s.user(), dest);
        }
        assertEquals(Set.of("f.txt", "secret.txt"), names(getNode("alice", f.folder()).children()));
    }

    /** Public links next to F, pointing at f.txt and secret.txt: a link grants nothing of its own. */
    void readThroughLink(Subject s, Fixture f) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String toFile = area() + "/link-" + suffix;
        String toSecret = area() + "/secret-link-" + suffix;
        for (String[] l : new String[][] {{toFile, f.file()}, {toSecret, f.secret()}}) {
            Response r = as("alice").body(linkDoc(l[0], AUTH + l[1]).replace("<vos:properties/>",
                    "<vos:properties>" + prop(Props.IS_PUBLIC, "true") + "</vos:properties>")).put(BASE + "/nodes" + l[0]);
            assertEquals(201, r.statusCode(), r::asString);
        }
        Response file = download(s.user(), toFile);
        if (s.reads()) {
            assertEquals(200, file.statusCode(), file::asString);
            assertEquals(f.content(), file.asString());
        } else {
            assertDenied(file);
        }
        Response secret = download(s.user(), toSecret);
        if (s.isOwner()) {
            assertEquals("secret", secret.asString());
        } else {
            assertDenied(secret);
        }
    }

    /** DELETE /nodes/F/f.txt: needs write on F. */
    void delete(Subject s, Fixture f) {
        Response r = as(s.user()).delete(BASE + "/nodes" + f.file());
        if (s.writes()) {
            assertEquals(200, r.statusCode(), r::asString);
            assertAbsent(f.file());
        } else {
            assertDenied(r);
            assertEquals(f.content(), download("alice", f.file()).asString());
        }
    }

    /** POST /nodes/F/f.txt with a custom property: needs write on f.txt. */
    void setProperties(Subject s, Fixture f) {
        Response r = as(s.user()).body(nodeDoc(f.file(), "vos:DataNode", prop(CUSTOM, "set")))
                .post(BASE + "/nodes" + f.file());
        if (s.writes()) {
            assertEquals(200, r.statusCode(), r::asString);
            assertEquals("set", getNode("alice", f.file()).value(CUSTOM));
        } else {
            assertDenied(r);
            assertNull(getNode("alice", f.file()).value(CUSTOM));
        }
    }

    /**
     * Changing who may read or write f.txt (here: adding a write group): only its owner. A group
     * writer may change its content and properties, not its permissions.
     */
    void setPermissions(Subject s, Fixture f) {
        String other = "ivo://opencadc.org/gms?other-team";
        String before = getNode("alice", f.file()).value(Props.GROUP_WRITE);
        Response r = as(s.user()).body(nodeDoc(f.file(), "vos:DataNode", prop(Props.GROUP_WRITE, other)))
                .post(BASE + "/nodes" + f.file());
        if (s.isOwner()) {
            assertEquals(200, r.statusCode(), r::asString);
            assertEquals(other, getNode("alice", f.file()).value(Props.GROUP_WRITE));
        } else {
            assertDenied(r);
            assertEquals(before, getNode("alice", f.file()).value(Props.GROUP_WRITE));
        }
        Response pub = as(s.user()).body(nodeDoc(f.folder(), "vos:ContainerNode", prop(Props.IS_PUBLIC,
                s.kind() == Kind.PUBLIC ? "false" : "true"))).post(BASE + "/nodes" + f.folder());
        if (s.isOwner()) {
            assertEquals(200, pub.statusCode(), pub::asString);
        } else {
            assertDenied(pub);
            assertEquals(s.kind() == Kind.PUBLIC ? "true" : "false", getNode("alice", f.folder()).value(Props.IS_PUBLIC));
        }
    }

    /** Locking f.txt: only its owner (a group writer must not lock the owner out of changes). */
    void lock(Subject s, Fixture f) {
        Response r = as(s.user()).body(nodeDoc(f.file(), "vos:DataNode", prop(Props.IS_LOCKED, "true")))
                .post(BASE + "/nodes" + f.file());
        if (s.isOwner()) {
            assertEquals(200, r.statusCode(), r::asString);
            assertEquals("true", getNode("alice", f.file()).value(Props.IS_LOCKED));
        } else {
            assertDenied(r);
            assertNull(getNode("alice", f.file()).value(Props.IS_LOCKED));
        }
    }

    /** ZIP of [F, shared.txt]: what the caller may not read is left out, and named in MISSING.txt. */
    void packageZip(Subject s, Fixture f) {
        java.util.Map<String, String> entries = zipFiles(s.user(), List.of(f.folder(), area() + "/shared.txt"));
        Set<String> expected = new TreeSet<>(Set.of("shared.txt"));
        if (s.reads()) {
            expected.add(f.name() + "/");
            expected.add(f.name() + "/f.txt");
        }
        if (s.isOwner()) {
            expected.add(f.name() + "/secret.txt");
        } else {
            expected.add("MISSING.txt");
        }
        assertEquals(expected, entries.keySet());
        if (!s.isOwner()) {
            String leftOut = s.reads() ? f.name() + "/secret.txt" : f.name() + "/";
            assertEquals(List.of(leftOut + ": no read access"), entries.get("MISSING.txt").lines().skip(2).toList());
        }
    }

    // ------------------------------------------------------------------ rules outside the table

    @Test
    void publicNeverGrantsWriteEvenToTheTeam() {
        Fixture f = fixture(Kind.PUBLIC);
        for (String user : new String[] {null, "carol", "bob"}) {
            assertEquals(f.content(), download(user, f.file()).asString());
            assertEquals("PermissionDenied", negotiatePush(user, f.file()).error());
            assertDenied(as(user).delete(BASE + "/nodes" + f.file()));
            assertDenied(as(user).body(nodeDoc(f.file(), "vos:DataNode", prop(Props.IS_PUBLIC, "false")))
                    .post(BASE + "/nodes" + f.file()));
        }
        assertEquals("true", getNode("alice", f.file()).value(Props.IS_PUBLIC));
    }

    @Test
    void lockBlocksWritesAndDeletesWith423ButTheOwnerCanStillUnlock() {
        Fixture f = fixture(Kind.GROUP_WRITE);
        String earlyEndpoint = negotiatePush("alice", f.file()).endpoint();
        setProps("alice", f.file(), "vos:DataNode", prop(Props.IS_LOCKED, "true"));
        assertEquals("true", getNode("alice", f.file()).value(Props.IS_LOCKED));
        assertEquals(null, getNode("alice", f.file()).value(Props.WRITABLE), "computed writable honours the lock");

        for (String writer : List.of("alice", "bob")) {
            assertEquals("NodeLocked", negotiatePush(writer, f.file()).error(), writer + " overwrite");
            as(writer).delete(BASE + "/nodes" + f.file()).then().statusCode(423).body(startsWith("NodeLocked"));
            JobEnd mv = runMove(writer, f.file(), f.folder() + "/moved.txt");
            assertEquals("ERROR", mv.phase());
            assertEquals("NodeLocked", mv.error(), writer + " move");
        }
        // a non-writer learns nothing about the lock: plain 403
        assertEquals("PermissionDenied", negotiatePush("carol", f.file()).error());
        assertDenied(as("carol").delete(BASE + "/nodes" + f.file()));
        // a URL negotiated before the lock cannot write either
        Response late = anonymous().body("too late").put(earlyEndpoint);
        assertEquals(423, late.statusCode(), late::asString);
        assertTrue(late.asString().startsWith("NodeLocked"), late::asString);
        assertEquals(f.content(), download("alice", f.file()).asString());
        assertAbsent(f.folder() + "/moved.txt");
        // properties still change on a locked node, and the lock itself can be lifted
        setProps("alice", f.file(), "vos:DataNode", prop(CUSTOM, "while-locked"));
        assertEquals("while-locked", getNode("alice", f.file()).value(CUSTOM));
        assertDenied(as("carol").body(nodeDoc(f.file(), "vos:DataNode", nilProp(Props.IS_LOCKED)))
                .post(BASE + "/nodes" + f.file()));
        setProps("alice", f.file(), "vos:DataNode", nilProp(Props.IS_LOCKED));
        assertNull(getNode("alice", f.file()).value(Props.IS_LOCKED));
        Negotiation after = negotiatePush("bob", f.file());
        assertNull(after.error());
        anonymous().body("after unlock").put(after.endpoint()).then().statusCode(201);
        assertEquals("after unlock", download("alice", f.file()).asString());
        as("alice").delete(BASE + "/nodes" + f.file()).then().statusCode(200);
    }

    @Test
    void aLockedContainerRefusesNewChildrenAndDeletesInside() {
        Fixture f = fixture(Kind.GROUP_WRITE);
        setProps("alice", f.folder(), "vos:ContainerNode", prop(Props.IS_LOCKED, "true"));
        String fresh = f.folder() + "/fresh.txt";
        for (String writer : List.of("alice", "bob")) {
            as(writer).body(nodeDoc(fresh, "vos:DataNode", "")).put(BASE + "/nodes" + fresh).then().statusCode(423)
                    .body(startsWith("NodeLocked"));
            assertEquals("NodeLocked", negotiatePush(writer, fresh).error());
            as(writer).delete(BASE + "/nodes" + f.file()).then().statusCode(423).body(startsWith("NodeLocked"));
        }
        assertAbsent(fresh);
        assertEquals(f.content(), download("alice", f.file()).asString());
        setProps("alice", f.folder(), "vos:ContainerNode", nilProp(Props.IS_LOCKED));
        as("bob").delete(BASE + "/nodes" + f.file()).then().statusCode(200);
    }

    @Test
    void everyAncestorMustBeReadableEvenForAPublicFile() {
        String p = area() + "/private-" + UUID.randomUUID().toString().substring(0, 8);
        mkdir("alice", p);
        createData("alice", p + "/pub.txt", prop(Props.IS_PUBLIC, "true"));
        uploadOk("alice", p + "/pub.txt", "public words");
        as("alice").body(nodeDoc(p + "/sub", "vos:ContainerNode", prop(Props.IS_PUBLIC, "true")))
                .put(BASE + "/nodes" + p + "/sub").then().statusCode(201);
        createData("alice", p + "/sub/deep.txt", prop(Props.IS_PUBLIC, "true"));
        uploadOk("alice", p + "/sub/deep.txt", "deep words");

        for (String user : new String[] {"carol", null}) {
            String who = user == null ? "anonymous" : user;
            Response listing = as(user).get(BASE + "/nodes" + p);
            assertEquals(200, listing.statusCode(), who);
            assertEquals(Set.of(), names(NodeXml.read(listing.asByteArray()).children()), who + " sees no children");
            for (String below : List.of("/pub.txt", "/sub", "/sub/deep.txt", "/missing")) {
                assertDenied(as(user).get(BASE + "/nodes" + p + below));
            }
            assertDenied(download(user, p + "/pub.txt"));
            assertDenied(download(user, p + "/sub/deep.txt"));
            assertDenied(as(user).head(BASE + "/files" + p + "/pub.txt"));
            assertEquals("PermissionDenied", negotiatePull(user, p + "/pub.txt").error());
            java.util.Map<String, String> pkg = zipFiles(user, List.of(p + "/pub.txt", p + "/sub", area() + "/shared.txt"));
            assertEquals(Set.of("shared.txt", "MISSING.txt"), pkg.keySet(), who + " package");
            assertEquals(List.of("pub.txt: no read access", "sub: no read access"),
                    pkg.get("MISSING.txt").lines().skip(2).toList(), who + " package");
        }
        // the same nodes become readable once the ancestor is
        setProps("alice", p, "vos:ContainerNode", prop(Props.IS_PUBLIC, "true"));
        assertEquals("public words", download("carol", p + "/pub.txt").asString());
        assertEquals("deep words", download(null, p + "/sub/deep.txt").asString());
    }

    @Test
    void theHomeOwnerControlsWhatAGroupWriterUploaded() {
        Fixture f = fixture(Kind.GROUP_WRITE);
        String bobs = f.folder() + "/bobs.txt";
        uploadOk("bob", bobs, "bob's bytes");
        Node n = getNode("alice", bobs);
        assertEquals("bob", n.value(Props.CREATOR));
        assertNull(n.value(Props.GROUP_READ), "no inheritance: the new file has no groups");
        assertEquals("bob's bytes", download("bob", bobs).asString());
        assertDenied(download("carol", bobs));
        assertDenied(download(null, bobs));
        // alice owns the home above it: she reads, changes and deletes it
        assertEquals("bob's bytes", download("alice", bobs).asString());
        assertEquals("true", n.value(Props.WRITABLE));
        setProps("alice", bobs, "vos:DataNode", prop(CUSTOM, "checked by alice"));
        assertEquals("checked by alice", getNode("bob", bobs).value(CUSTOM));
        as("alice").delete(BASE + "/nodes" + bobs).then().statusCode(200);
        assertAbsent(bobs);
    }

    @Test
    void jobsAndPackageUrlsBelongToWhoeverCreatedThem() {
        Fixture f = fixture(Kind.GROUP_READ);
        Response pkg = as("alice").contentType("text/xml").body("<vos:transfer xmlns:vos=\"" + VOS_NS
                + "\" version=\"2.1\"><vos:target>" + AUTH_BANG + f.file() + "</vos:target>"
                + "<vos:direction>pullFromVoSpace</vos:direction><vos:view uri=\"vos://cadc.nrc.ca~vospace/CADC/std/"
                + "Pkg-1.0\"><vos:param uri=\"ivo://ivoa.net/vospace/core#format\">application/zip</vos:param>"
                + "</vos:view></vos:transfer>").post(BASE + "/synctrans");
        assertEquals(303, pkg.statusCode(), pkg::asString);
        String run = pkg.header("Location");
        // bob may read f.txt himself, but alice's package URL is alice's
        for (String other : new String[] {"bob", "carol", null}) {
            assertDenied(as(other).get(run));
        }
        as("alice").get(run).then().statusCode(200);

        Response move = as("alice").contentType("text/xml").body("<vos:transfer xmlns:vos=\"" + VOS_NS
                + "\" version=\"2.1\"><vos:target>" + AUTH_BANG + f.file() + "</vos:target><vos:direction>"
                + AUTH_BANG + f.folder() + "/moved.txt</vos:direction><vos:keepBytes>false</vos:keepBytes>"
                + "</vos:transfer>").post(BASE + "/transfers");
        String job = move.header("Location");
        for (String other : new String[] {"bob", "carol", null}) {
            assertDenied(as(other).get(job));
            assertDenied(as(other).contentType("application/x-www-form-urlencoded").body("PHASE=RUN")
                    .post(job + "/phase"));
            assertDenied(as(other).contentType("application/x-www-form-urlencoded").body("ACTION=DELETE")
                    .post(job));
        }
        assertEquals("PENDING", as("alice").get(job + "/phase").asString(), "nobody else started it");
        assertEquals(f.content(), download("alice", f.file()).asString());
    }

    @Test
    void aGroupReadMemberCannotChangePermissionsOrLock() {
        Fixture f = fixture(Kind.GROUP_READ);
        for (String props : List.of(prop(Props.IS_PUBLIC, "true"), prop(Props.GROUP_WRITE, GROUP),
                prop(Props.IS_LOCKED, "true"), nilProp(Props.GROUP_READ))) {
            assertDenied(as("bob").body(nodeDoc(f.file(), "vos:DataNode", props)).post(BASE + "/nodes" + f.file()));
            assertDenied(as("bob").body(nodeDoc(f.folder(), "vos:ContainerNode", props))
                    .post(BASE + "/nodes" + f.folder()));
        }
        Node n = getNode("alice", f.file());
        assertEquals("false", n.value(Props.IS_PUBLIC));
        assertEquals(GROUP, n.value(Props.GROUP_READ));
        assertNull(n.value(Props.GROUP_WRITE));
        assertNull(n.value(Props.IS_LOCKED));
    }

    // ------------------------------------------------------------------ helpers

    static void assertDenied(Response r) {
        assertEquals(403, r.statusCode(), r::asString);
        if (!r.asString().isEmpty()) { // HEAD has no body
            assertTrue(r.asString().startsWith("PermissionDenied"), r::asString);
        }
    }

    static void assertAbsent(String path) {
        assertAbsentAs("alice", path);
    }

    /** Asserts that {@code path} does not exist, asked as someone who may see it (its home's owner). */
    static void assertAbsentAs(String user, String path) {
        Response r = as(user).get(BASE + "/nodes" + path + "?limit=0");
        assertEquals(404, r.statusCode(), () -> path + " should not exist: " + r.asString());
    }

    /** A job refused for lack of permission: ERROR with the bare fault name, or refused outright. */
    static void assertJobDenied(JobEnd end) {
        if (!"REFUSED".equals(end.phase())) {
            assertEquals("ERROR", end.phase(), () -> "expected a denial, got " + end);
        }
        assertEquals("PermissionDenied", end.error(), () -> "expected a denial, got " + end);
    }

    /** A negotiated endpoint, or the job's error text when negotiation failed. */
    record Negotiation(String endpoint, String error) {
    }

    static Negotiation negotiatePush(String user, String path) {
        return negotiateAs(user, path, true);
    }

    static Negotiation negotiatePull(String user, String path) {
        return negotiateAs(user, path, false);
    }

    static Negotiation negotiateAs(String user, String path, boolean push) {
        Response post = as(user).contentType("text/xml")
                .body(transferDoc(path, push ? Transfer.PUSH_TO : Transfer.PULL_FROM, push ? "httpsput" : "httpsget"))
                .post(BASE + "/synctrans");
        assertEquals(303, post.statusCode(), post::asString);
        String details = post.header("Location");
        Response r = as(user).get(details);
        assertEquals(200, r.statusCode(), r::asString);
        Transfer t = TransferXml.read(r.asByteArray());
        if (!t.protocols().isEmpty()) {
            return new Negotiation(t.protocols().get(0).endpoint(), null);
        }
        String job = details.replace("/results/transferDetails", "");
        assertEquals("ERROR", as(user).get(job + "/phase").asString());
        return new Negotiation(null, as(user).get(job + "/error").asString());
    }

    record JobEnd(String phase, String error) {
    }

    private static final Pattern PHASE = Pattern.compile("<uws:phase>(\\w+)</uws:phase>");

    /** POST /transfers (move), PHASE=RUN, then GET job?WAIT=… until the job ends. */
    static JobEnd runMove(String user, String src, String dest) {
        return runTransfer(user, src, dest, false);
    }

    /** A move or copy job (keepBytes), created and run by {@code user}; waits for its end. */
    static JobEnd runTransfer(String user, String src, String dest, boolean keepBytes) {
        Response created = as(user).contentType("text/xml").body(moveDoc(src, dest, keepBytes)).post(BASE + "/transfers");
        if (created.statusCode() == 401 || created.statusCode() == 403) {
            // a service may refuse the job itself (e.g. to anonymous callers): that is a denial too
            return new JobEnd("REFUSED", created.asString().split(":")[0]);
        }
        assertEquals(303, created.statusCode(), created::asString);
        return runJob(user, created.header("Location"));
    }

    static String moveDoc(String src, String dest, boolean keepBytes) {
        return "<vos:transfer xmlns:vos=\"" + VOS_NS + "\" version=\"2.1\"><vos:target>" + AUTH_BANG + src
                + "</vos:target><vos:direction>" + AUTH_BANG + dest + "</vos:direction><vos:keepBytes>" + keepBytes
                + "</vos:keepBytes></vos:transfer>";
    }

    /** PHASE=RUN on a job, then GET job?WAIT=… until it ends. */
    static JobEnd runJob(String user, String job) {
        as(user).contentType("application/x-www-form-urlencoded").body("PHASE=RUN").post(job + "/phase").then()
                .statusCode(303);
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Response r = as(user).get(job + "?WAIT=10");
            assertEquals(200, r.statusCode(), r::asString);
            Matcher m = PHASE.matcher(r.asString());
            assertTrue(m.find(), r::asString);
            String phase = m.group(1);
            if (phase.equals("COMPLETED") || phase.equals("ERROR") || phase.equals("ABORTED")) {
                String error = phase.equals("ERROR") ? as(user).get(job + "/error").asString() : null;
                return new JobEnd(phase, error);
            }
        }
        throw new AssertionError("move job did not finish: " + job);
    }

    /** Requests a ZIP package of the targets as {@code user} and returns the entry names. */
    static Set<String> zipEntries(String user, List<String> targets) {
        return new TreeSet<>(zipFiles(user, targets).keySet());
    }

    /** Requests a ZIP package of the targets as {@code user} and returns its entries' names and texts. */
    static java.util.Map<String, String> zipFiles(String user, List<String> targets) {
        StringBuilder doc = new StringBuilder("<vos:transfer xmlns:vos=\"" + VOS_NS + "\" version=\"2.1\">");
        for (String t : targets) {
            doc.append("<vos:target>").append(AUTH_BANG).append(t).append("</vos:target>");
        }
        doc.append("<vos:direction>pullFromVoSpace</vos:direction>")
                .append("<vos:view uri=\"vos://cadc.nrc.ca~vospace/CADC/std/Pkg-1.0\">")
                .append("<vos:param uri=\"ivo://ivoa.net/vospace/core#format\">application/zip</vos:param></vos:view>")
                .append("<vos:protocol uri=\"ivo://ivoa.net/vospace/core#httpsget\"/></vos:transfer>");
        Response post = as(user).contentType("text/xml").body(doc.toString()).post(BASE + "/synctrans");
        assertEquals(303, post.statusCode(), post::asString);
        String location = post.header("Location");
        assertNotNull(location);
        Response zip = as(user).get(location);
        assertEquals(200, zip.statusCode(), zip::asString);
        assertTrue(zip.contentType().startsWith("application/zip"), zip.contentType());
        java.util.Map<String, String> entries = new java.util.TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.asByteArray()),
                StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }
}
