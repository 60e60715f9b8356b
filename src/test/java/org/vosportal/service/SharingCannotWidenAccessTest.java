package org.vosportal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vosportal.service.PermissionCases.GROUP;
import static org.vosportal.service.PermissionMatrixTest.assertAbsentAs;
import static org.vosportal.service.PermissionMatrixTest.assertDenied;
import static org.vosportal.service.PermissionMatrixTest.assertJobDenied;
import static org.vosportal.service.PermissionCases.createData;
import static org.vosportal.service.PermissionCases.names;
import static org.vosportal.service.PermissionCases.nodeDoc;
import static org.vosportal.service.PermissionMatrixTest.runJob;
import static org.vosportal.service.PermissionMatrixTest.runMove;
import static org.vosportal.service.PermissionMatrixTest.runTransfer;
import static org.vosportal.service.PermissionCases.setProps;
import static org.vosportal.service.PermissionMatrixTest.zipEntries;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.vosportal.service.PermissionMatrixTest.JobEnd;
import org.vosportal.service.auth.PreauthSigner;
import org.vosportal.service.auth.PreauthSigner.Direction;
import org.vosportal.service.auth.PreauthSigner.Grant;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.Props;
import org.vosportal.vospace.Transfer;
import org.vosportal.vospace.TransferXml;

/**
 * No sequence of move, copy, link, rename or property change lets anyone read a byte, or change a
 * permission, that they could not before (docs/SECURITY.md, "Moves, copies and links cannot
 * widen access"); revoked grants hold in queued jobs; upload URLs are short and describe nothing;
 * names in other homes get one answer whether they exist or not.
 *
 * <p>alice and bob are in {@code survey-team}, carol in no group. Every test builds its own
 * folders; alice's shared folder {@code S} is group-writable by the team and holds alice's private
 * {@code secret.txt} and her team-readable {@code report.txt}.
 */
@QuarkusTest
class SharingCannotWidenAccessTest extends ServiceTestBase {

    /** alice's group-writable folder with a private and a team-readable file of hers. */
    record Shared(String folder, String secret, String report) {
    }

    static Shared shared() {
        String s = freshFolder("alice");
        setProps("alice", s, "vos:ContainerNode", prop(Props.GROUP_WRITE, GROUP));
        uploadOk("alice", s + "/secret.txt", "alice's secret");
        createData("alice", s + "/report.txt", prop(Props.GROUP_READ, GROUP));
        uploadOk("alice", s + "/report.txt", "team report");
        return new Shared(s, s + "/secret.txt", s + "/report.txt");
    }

    // ------------------------------------------------------------------ moves

    /** The case: bob moved /alice/shared/secret.txt into /bob and read it. */
    @Test
    void aGroupWriterCannotMoveAFileHeCannotReadIntoHisHome() {
        Shared s = shared();
        String dest = freshFolder("bob") + "/stolen.txt";
        assertDenied(download("bob", s.secret()));
        assertJobDenied(runMove("bob", s.secret(), dest));
        assertAbsentAs("bob", dest);
        assertEquals("alice's secret", download("alice", s.secret()).asString());
        // nor by moving the folder around it, nor into a folder of his inside alice's folder
        mkdir("bob", s.folder() + "/bobs");
        assertJobDenied(runMove("bob", s.secret(), s.folder() + "/bobs/secret.txt"));
        assertJobDenied(runMove("bob", s.secret(), s.folder() + "/renamed.txt"));
        assertEquals(Set.of("bobs", "report.txt", "secret.txt"), names(getNode("alice", s.folder()).children()));
        assertEquals("alice's secret", download("alice", s.secret()).asString());
    }

    @Test
    void onlyTheOwnerOfEverythingInItMovesANodeToAnotherHome() {
        Shared s = shared();
        String bobHome = freshFolder("bob");
        // a file he may read, but alice's: moving it into his home would make him its master
        assertEquals("team report", download("bob", s.report()).asString());
        assertJobDenied(runMove("bob", s.report(), bobHome + "/report.txt"));
        assertEquals("team report", download("alice", s.report()).asString());
        // his own folder in alice's folder, but with a file of alice's in it
        String bobs = s.folder() + "/bobs";
        mkdir("bob", bobs);
        uploadOk("bob", bobs + "/mine.txt", "bob's own");
        uploadOk("alice", bobs + "/alices.txt", "alice put this here");
        assertJobDenied(runMove("bob", bobs, bobHome + "/bobs"));
        assertAbsentAs("bob", bobHome + "/bobs");
        assertEquals("alice put this here", download("alice", bobs + "/alices.txt").asString());
        // once it holds only his own things, he may take it home
        as("alice").delete(BASE + "/nodes" + bobs + "/alices.txt").then().statusCode(200);
        JobEnd home = runMove("bob", bobs, bobHome + "/bobs");
        assertEquals("COMPLETED", home.phase(), () -> "error: " + home.error());
        assertEquals("bob's own", download("bob", bobHome + "/bobs/mine.txt").asString());
        assertAbsentAs("alice", bobs);
    }

    @Test
    void aGroupWriterStillTidiesWhatHeCanReadAndBringsHisOwnFilesIn() {
        Shared s = shared();
        mkdir("alice", s.folder() + "/reports");
        setProps("alice", s.folder() + "/reports", "vos:ContainerNode", prop(Props.GROUP_WRITE, GROUP));
        JobEnd tidy = runMove("bob", s.report(), s.folder() + "/reports/2026.txt");
        assertEquals("COMPLETED", tidy.phase(), () -> "error: " + tidy.error());
        assertEquals("team report", download("bob", s.folder() + "/reports/2026.txt").asString());
        // the node keeps its own grant where it goes: carol still reads nothing
        assertDenied(download("carol", s.folder() + "/reports/2026.txt"));
        String own = freshFolder("bob") + "/contribution.txt";
        uploadOk("bob", own, "from bob");
        JobEnd in = runMove("bob", own, s.folder() + "/contribution.txt");
        assertEquals("COMPLETED", in.phase(), () -> "error: " + in.error());
        assertEquals("from bob", download("alice", s.folder() + "/contribution.txt").asString());
        // carol cannot bring anything in (no write on S)
        String hers = freshFolder("carol") + "/spam.txt";
        uploadOk("carol", hers, "spam");
        assertJobDenied(runMove("carol", hers, s.folder() + "/spam.txt"));
        assertEquals("spam", download("carol", hers).asString());
    }

    @Test
    void theHomeOwnerMovesWhatAGroupWriterPutInHerHome() {
        Shared s = shared();
        uploadOk("bob", s.folder() + "/bobs.txt", "bob's bytes");
        String archive = freshFolder("alice");
        JobEnd mv = runMove("alice", s.folder() + "/bobs.txt", archive + "/bobs.txt");
        assertEquals("COMPLETED", mv.phase(), () -> "error: " + mv.error());
        assertEquals("bob's bytes", download("alice", archive + "/bobs.txt").asString());
    }

    @Test
    void aMoveToAnExistingNameThereTellsAStrangerNothing() {
        Shared s = shared();
        String carols = freshFolder("carol") + "/x.txt";
        uploadOk("carol", carols, "x");
        // alice's secret.txt exists, missing.txt does not: the same answer to carol
        assertJobDenied(runMove("carol", carols, s.secret()));
        assertJobDenied(runMove("carol", carols, s.folder() + "/missing.txt"));
        assertEquals("alice's secret", download("alice", s.secret()).asString());
    }

    // ------------------------------------------------------------------ copies and links

    @Test
    void aCopyHoldsOnlyWhatTheCallerCouldReadAndIsTheirs() {
        Shared s = shared();
        mkdir("alice", s.folder() + "/sub");
        setProps("alice", s.folder() + "/sub", "vos:ContainerNode", prop(Props.GROUP_READ, GROUP));
        uploadOk("alice", s.folder() + "/sub/private.txt", "private");
        String dest = freshFolder("bob") + "/copy";
        JobEnd end = runTransfer("bob", s.folder(), dest, true);
        assertEquals("COMPLETED", end.phase(), () -> "error: " + end.error());
        assertEquals(Set.of("report.txt", "sub"), names(getNode("bob", dest).children()));
        assertEquals(Set.of(), names(getNode("bob", dest + "/sub").children()));
        assertEquals("bob", getNode("bob", dest + "/report.txt").value(Props.CREATOR));
        // a file he cannot read is not copied at all
        assertJobDenied(runTransfer("bob", s.secret(), dest + "/secret.txt", true));
        assertAbsentAs("bob", dest + "/secret.txt");
    }

    @Test
    void aLinkToSomeoneElsesFileGrantsNothing() {
        Shared s = shared();
        String d = freshFolder("carol");
        as("carol").body(linkDoc(d + "/to-secret", AUTH + s.secret())).put(BASE + "/nodes" + d + "/to-secret").then()
                .statusCode(201);
        as("carol").body(linkDoc(d + "/to-folder", AUTH + s.folder())).put(BASE + "/nodes" + d + "/to-folder").then()
                .statusCode(201);
        assertDenied(download("carol", d + "/to-secret"));
        assertDenied(download("carol", d + "/to-folder/report.txt"));
        assertDenied(as("carol").get(BASE + "/nodes" + d + "/to-folder/report.txt"));
        assertEquals("PermissionDenied", PermissionMatrixTest.negotiatePull("carol", d + "/to-secret").error());
        java.util.Map<String, String> pkg = PermissionMatrixTest.zipFiles("carol", List.of(d + "/to-secret", d + "/to-folder"));
        assertEquals(Set.of("MISSING.txt"), pkg.keySet(), "links are not followed into a package");
        assertEquals(List.of("to-secret: a link: not followed (download its target itself)",
                "to-folder: a link: not followed (download its target itself)"),
                pkg.get("MISSING.txt").lines().skip(2).toList());
        // bob (team) reads the report through carol's link, never the secret
        Response viaLink = download("bob", d + "/to-folder/report.txt");
        assertDenied(viaLink); // carol's private link is not his to follow
    }

    @Test
    void linkTargetsThatAreScriptsDataOrLocalFilesAreRefused() {
        String d = freshFolder("alice");
        for (String target : List.of("javascript:alert(document.cookie)", "JavaScript:alert(1)",
                "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "file:///etc/passwd",
                "ftp://example.org/x", "mailto:someone@example.org")) {
            Response r = as("alice").body(linkDoc(d + "/l", target.replace("&", "&amp;"))).put(BASE + "/nodes" + d + "/l");
            assertEquals(400, r.statusCode(), () -> target + ": " + r.asString());
            assertTrue(r.asString().startsWith("InvalidArgument"), r::asString);
            assertAbsentAs("alice", d + "/l");
        }
        for (String target : List.of("https://example.org/x", "http://example.org/y", AUTH + d)) {
            String name = "ok-" + Math.abs(target.hashCode());
            as("alice").body(linkDoc(d + "/" + name, target)).put(BASE + "/nodes" + d + "/" + name).then()
                    .statusCode(201);
        }
    }

    // ------------------------------------------------------------------ permissions and the lock

    @Test
    void groupWritersChangeContentAndPropertiesButNotPermissionsOrTheLock() {
        Shared s = shared();
        String f = s.folder() + "/team.txt";
        createData("alice", f, prop(Props.GROUP_WRITE, GROUP));
        uploadOk("alice", f, "v1");
        for (String change : List.of(prop(Props.IS_PUBLIC, "true"), nilProp(Props.GROUP_WRITE),
                prop(Props.GROUP_READ, "ivo://opencadc.org/gms?bobs-friends"), prop(Props.IS_LOCKED, "true"))) {
            assertDenied(as("bob").body(nodeDoc(f, "vos:DataNode", change)).post(BASE + "/nodes" + f));
        }
        assertDenied(as("bob").body(nodeDoc(s.folder(), "vos:ContainerNode",
                prop(Props.INHERIT_PERMISSIONS, "true"))).post(BASE + "/nodes" + s.folder()));
        Node n = getNode("alice", f);
        assertEquals("false", n.value(Props.IS_PUBLIC));
        assertEquals(GROUP, n.value(Props.GROUP_WRITE));
        assertNull(n.value(Props.GROUP_READ));
        assertNull(n.value(Props.IS_LOCKED));
        // content and other properties: yes; the current permissions sent back unchanged: no change, allowed
        uploadOk("bob", f, "v2 by bob");
        setProps("bob", f, "vos:DataNode", prop("custom:checked", "bob") + prop(Props.GROUP_WRITE, GROUP)
                + prop(Props.IS_PUBLIC, "false"));
        assertEquals("bob", getNode("alice", f).value("custom:checked"));
        assertEquals("v2 by bob", download("alice", f).asString());
        // the owner still does all of it
        setProps("alice", f, "vos:DataNode", prop(Props.IS_LOCKED, "true"));
        setProps("alice", f, "vos:DataNode", nilProp(Props.IS_LOCKED));
        // bob's own file in alice's folder is his to open
        uploadOk("bob", s.folder() + "/bobs.txt", "b");
        setProps("bob", s.folder() + "/bobs.txt", "vos:DataNode", prop(Props.GROUP_READ, GROUP));
    }

    @Test
    void aRecursivePermissionChangeAppliesTheSameRuleToEachNode() {
        Shared s = shared();
        uploadOk("bob", s.folder() + "/bobs.txt", "b");
        String job = createSetProps("bob", s.folder(), prop(Props.IS_PUBLIC, "true"));
        String doc = awaitJob("bob", job);
        // only bob's own file changes; the folder and alice's files stay as they were
        assertEquals(1, count(doc, "successcount"), doc);
        assertEquals(3, count(doc, "errorcount"), doc);
        assertEquals("true", getNode("alice", s.folder() + "/bobs.txt").value(Props.IS_PUBLIC));
        for (String p : List.of(s.folder(), s.secret(), s.report())) {
            assertEquals("false", getNode("alice", p).value(Props.IS_PUBLIC), p);
        }
        assertDenied(download(null, s.report()));
    }

    // ------------------------------------------------------------------ revocation

    @Test
    void aRevokedGrantTakesEffectOnTheVeryNextRequest() {
        Shared s = shared();
        assertEquals("team report", download("bob", s.report()).asString());
        setProps("alice", s.report(), "vos:DataNode", nilProp(Props.GROUP_READ));
        assertDenied(download("bob", s.report()));
        assertDenied(as("bob").head(BASE + "/files" + s.report()));
        uploadOk("bob", s.folder() + "/new.txt", "still a writer of S");
        setProps("alice", s.folder(), "vos:ContainerNode", nilProp(Props.GROUP_WRITE));
        assertEquals("PermissionDenied", PermissionMatrixTest.negotiatePush("bob", s.folder() + "/newer.txt").error());
    }

    @Test
    void aQueuedMoveOrCopyIsCheckedWhenItRunsNotWhenItWasCreated() {
        Shared s = shared();
        String bobHome = freshFolder("bob");
        String move = createTransfer("bob", s.report(), s.folder() + "/renamed.txt", false);
        String copy = createTransfer("bob", s.report(), bobHome + "/copy.txt", true);
        setProps("alice", s.folder(), "vos:ContainerNode", nilProp(Props.GROUP_WRITE));
        setProps("alice", s.report(), "vos:DataNode", nilProp(Props.GROUP_READ));
        assertJobDenied(runJob("bob", move));
        assertJobDenied(runJob("bob", copy));
        assertEquals("team report", download("alice", s.report()).asString());
        assertAbsentAs("alice", s.folder() + "/renamed.txt");
        assertAbsentAs("bob", bobHome + "/copy.txt");
    }

    @Test
    void aQueuedRecursiveDeleteOrPropertyChangeIsCheckedWhenItRuns() {
        Shared s = shared();
        mkdir("alice", s.folder() + "/sub");
        setProps("alice", s.folder() + "/sub", "vos:ContainerNode", prop(Props.GROUP_WRITE, GROUP));
        createData("alice", s.folder() + "/sub/a.txt", prop(Props.GROUP_WRITE, GROUP));
        uploadOk("alice", s.folder() + "/sub/a.txt", "a");
        String delete = createDelete("bob", s.folder() + "/sub");
        String props = createSetProps("bob", s.folder() + "/sub", prop("custom:tag", "bob"));
        // alice takes the team's write access away before bob starts either job
        setProps("alice", s.folder(), "vos:ContainerNode", nilProp(Props.GROUP_WRITE));
        setProps("alice", s.folder() + "/sub", "vos:ContainerNode", nilProp(Props.GROUP_WRITE));
        setProps("alice", s.folder() + "/sub/a.txt", "vos:DataNode", nilProp(Props.GROUP_WRITE));
        runPhase("bob", delete);
        String deleted = awaitJob("bob", delete);
        assertTrue(deleted.contains("<uws:phase>ERROR</uws:phase>"), deleted);
        runPhase("bob", props);
        String changed = awaitJob("bob", props);
        assertTrue(changed.contains("<uws:phase>ERROR</uws:phase>"), changed);
        assertEquals("a", download("alice", s.folder() + "/sub/a.txt").asString());
        assertNull(getNode("alice", s.folder() + "/sub").value("custom:tag"));
        assertNull(getNode("alice", s.folder() + "/sub/a.txt").value("custom:tag"));
    }

    @Test
    void aPackageAskedForBeforeARevocationHoldsOnlyWhatIsStillReadable() throws IOException {
        Shared s = shared();
        Response pkg = as("bob").contentType("text/xml").body("<vos:transfer xmlns:vos=\"" + VOS_NS
                + "\" version=\"2.1\"><vos:target>" + AUTH_BANG + s.folder() + "</vos:target>"
                + "<vos:direction>pullFromVoSpace</vos:direction><vos:view uri=\"vos://cadc.nrc.ca~vospace/CADC/std/"
                + "Pkg-1.0\"><vos:param uri=\"ivo://ivoa.net/vospace/core#format\">application/zip</vos:param>"
                + "</vos:view></vos:transfer>").post(BASE + "/synctrans");
        assertEquals(303, pkg.statusCode(), pkg::asString);
        setProps("alice", s.report(), "vos:DataNode", nilProp(Props.GROUP_READ));
        Response zip = as("bob").get(pkg.header("Location"));
        assertEquals(200, zip.statusCode(), zip::asString);
        String name = s.folder().substring(s.folder().lastIndexOf('/') + 1);
        assertEquals(Set.of(name + "/", "MISSING.txt"), zipNames(zip.asByteArray()));
        assertEquals(Set.of(name + "/report.txt: no read access", name + "/secret.txt: no read access"),
                new TreeSet<>(missingLines(zip.asByteArray())), "the revoked file is named, not just gone");
    }

    /** The items a package's MISSING.txt names, one line each. */
    static List<String> missingLines(byte[] zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals("MISSING.txt")) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(2).toList();
                }
            }
        }
        return List.of();
    }

    // ------------------------------------------------------------------ pre-authorised URLs

    @Test
    void aLinkServesOnlyTheBytesAndTheNodeItWasMadeFor() {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/x.txt", "first");
        String link = as("alice").get(BASE + "/files" + dir + "/x.txt").header("Location");
        String shared = negotiate("alice", dir + "/x.txt", false);
        assertEquals("first", anonymous().get(link).asString());
        assertEquals("first", anonymous().get(shared).asString());
        // replaced: the links made for the first bytes no longer serve anything
        uploadOk("alice", dir + "/x.txt", "second");
        assertEquals(404, anonymous().get(link).statusCode());
        assertEquals(404, anonymous().get(shared).statusCode());
        assertEquals("second", download("alice", dir + "/x.txt").asString());

        // moved away and another file with the same bytes put at the path: still not that link's file
        String again = as("alice").get(BASE + "/files" + dir + "/x.txt").header("Location");
        assertEquals("second", anonymous().get(again).asString());
        assertEquals("COMPLETED", runMove("alice", dir + "/x.txt", dir + "/y.txt").phase());
        uploadOk("alice", dir + "/x.txt", "second");
        Response replaced = anonymous().get(again);
        assertEquals(404, replaced.statusCode());
        assertFalse(replaced.asString().contains("second"), replaced.asString());
    }

    @Test
    void uploadUrlsLiveMinutesWhileShareLinksKeepTheirLifetime() {
        String d = freshFolder("alice");
        uploadOk("alice", d + "/f.txt", "f");
        Instant now = Instant.now();
        Duration put = lifetimeOf(negotiate("alice", d + "/f.txt", true), now);
        assertTrue(put.compareTo(Duration.ofMinutes(15).plusSeconds(5)) <= 0, "PUT URL lives " + put);
        assertTrue(put.compareTo(Duration.ofMinutes(14)) >= 0, "PUT URL lives " + put);
        // asking for a week does not make an upload URL live longer
        Duration askedPut = lifetimeOf(negotiateFor("alice", d + "/g.txt", true, "P7D"), now);
        assertTrue(askedPut.compareTo(Duration.ofMinutes(15).plusSeconds(5)) <= 0, "PUT URL lives " + askedPut);
        Duration share = lifetimeOf(negotiateFor("alice", d + "/f.txt", false, "P7D"), now);
        assertTrue(share.compareTo(Duration.ofDays(7).minusMinutes(1)) >= 0, "share link lives " + share);
        assertEquals("f", anonymous().get(negotiateFor("alice", d + "/f.txt", false, "P7D")).asString());
    }

    @Test
    void headOnAnUploadUrlDescribesNothing() {
        String d = freshFolder("alice");
        uploadOk("alice", d + "/f.txt", "existing bytes");
        String put = negotiate("alice", d + "/f.txt", true);
        Response head = anonymous().head(put);
        assertEquals(404, head.statusCode());
        for (String h : List.of("Digest", "Last-Modified", "Content-Disposition", "Content-Type")) {
            assertNull(head.header(h), h + " told the holder of an upload URL about the file");
        }
        // the vos client's sequence still works: HEAD (404), then PUT
        anonymous().body("new bytes").put(put).then().statusCode(201);
        assertEquals("new bytes", download("alice", d + "/f.txt").asString());
        // a read URL still describes its file
        Response get = anonymous().head(negotiate("alice", d + "/f.txt", false));
        assertEquals(200, get.statusCode());
        assertEquals("9", get.header("Content-Length"));
    }

    @Test
    void anExpiredUploadUrlFinishesItsTransactionButStartsNothing() throws Exception {
        String d = freshFolder("alice");
        String fresh = negotiate("alice", d + "/big.bin", true);
        // the same grant, signed with an expiry in the past, as it will be a while into a long upload
        PreauthSigner signer = BadInputTest.signer();
        String token = fresh.substring(fresh.indexOf("/preauth/") + "/preauth/".length(), fresh.lastIndexOf('/'));
        Grant g = signer.verify(token, Instant.now());
        String expired = fresh.replace(token, signer.sign(new Grant(Direction.PUT, g.path(), g.user(),
                Instant.now().minusSeconds(60))));
        Response start = anonymous().header("x-put-txn-op", "start").header("x-total-length", "6").body(new byte[0])
                .put(fresh);
        assertEquals(202, start.statusCode(), start::asString);
        String txn = start.header("x-put-txn-id");
        // nothing new with the expired URL
        Response refused = anonymous().body("other").put(expired);
        assertDenied(refused);
        Response refusedStart = anonymous().header("x-put-txn-op", "start").body("other").put(expired);
        assertDenied(refusedStart);
        // the transaction begun in time goes on
        anonymous().header("x-put-txn-id", txn).body("abcdef").put(expired).then().statusCode(202);
        Response status = anonymous().header("x-put-txn-id", txn).head(expired);
        assertEquals(200, status.statusCode());
        assertEquals("6", status.header("x-put-txn-length"));
        anonymous().header("x-put-txn-id", txn).header("x-put-txn-op", "commit").body(new byte[0]).put(expired).then()
                .statusCode(201);
        assertEquals("abcdef", download("alice", d + "/big.bin").asString());
    }

    // ------------------------------------------------------------------ names in other homes

    @Test
    void aStrangerGetsOneAnswerWhetherANameInAnotherHomeExistsOrNot() {
        String d = freshFolder("carol");
        uploadOk("carol", d + "/exists.txt", "x");
        String top = "/carol/top-" + d.substring(d.lastIndexOf('-') + 1) + ".txt";
        uploadOk("carol", top, "top");
        List<String[]> pairs = List.of(new String[] {d, d + "-missing"},
                new String[] {top, "/carol/missing-top.txt"},
                new String[] {d + "/exists.txt", d + "/missing.txt"},
                new String[] {d + "/exists.txt/below", d + "-missing/below"},
                new String[] {top + "/below", "/carol/missing-top.txt/below"});
        for (String[] pair : pairs) {
            for (String who : new String[] {"bob", null}) {
                Response a = as(who).get(BASE + "/nodes" + pair[0] + "?limit=0");
                Response b = as(who).get(BASE + "/nodes" + pair[1] + "?limit=0");
                assertEquals(403, a.statusCode(), () -> pair[0] + ": " + a.asString());
                assertEquals(a.asString(), b.asString(), who + ": " + pair[0] + " vs " + pair[1]);
                assertEquals(a.statusCode(), as(who).get(BASE + "/files" + pair[1]).statusCode());
                assertEquals(as(who).get(BASE + "/files" + pair[0]).asString(),
                        as(who).get(BASE + "/files" + pair[1]).asString());
                assertEquals(as(who).delete(BASE + "/nodes" + pair[0]).asString(),
                        as(who).delete(BASE + "/nodes" + pair[1]).asString());
            }
        }
        assertEquals("x", download("carol", d + "/exists.txt").asString());
        // carol herself, and a name at the root, still get 404
        assertEquals(404, as("carol").get(BASE + "/nodes" + d + "/missing.txt").statusCode());
        assertEquals(404, as("bob").get(BASE + "/nodes/no-such-home-" + d.substring(d.lastIndexOf('-') + 1))
                .statusCode());
    }

    // ------------------------------------------------------------------ groups

    @Test
    void aGroupGrantsOnlyWithAnAcceptedAuthorityAndItsExactName() {
        String d = freshFolder("alice");
        setProps("alice", d, "vos:ContainerNode", prop(Props.GROUP_READ, GROUP));
        String[][] cases = {
            {"ivo://opencadc.org/gms?survey-team", "true"},
            {"ivo://cadc.nrc.ca/gms?survey-team", "true"}, // what vchmod writes
            {"ivo://evil.example.org/gms?survey-team", "false"},
            {"ivo://opencadc.org/gms?other/survey-team", "false"}, // a sub-group of the same name
            {"ivo://opencadc.org/gms?survey-team/sub", "false"},
        };
        for (int i = 0; i < cases.length; i++) {
            String group = cases[i][0];
            String f = d + "/f" + i + ".txt";
            createData("alice", f, prop(Props.GROUP_READ, group));
            uploadOk("alice", f, "f" + i);
            Response r = download("bob", f);
            if (Boolean.parseBoolean(cases[i][1])) {
                assertEquals("f" + i, r.asString(), group);
            } else {
                assertEquals(403, r.statusCode(), () -> group + " let bob read");
            }
            assertEquals(group, getNode("alice", f).value(Props.GROUP_READ));
        }
    }

    // ------------------------------------------------------------------ names

    @Test
    void invisibleCharactersAreRefusedAndUnicodeTwinsAreOneName() {
        String d = freshFolder("alice");
        for (String bad : List.of("%E2%80%AEtxt.exe", "a%E2%80%8Bb", "%EF%BB%BFbom", "soft%C2%ADhyphen", "c1%C2%85")) {
            String doc = dataDoc(d + "/" + URLDecoder.decode(bad, StandardCharsets.UTF_8), "");
            Response r = as("alice").body(doc.getBytes(StandardCharsets.UTF_8)).put(BASE + "/nodes" + d + "/" + bad);
            assertEquals(400, r.statusCode(), () -> bad + ": " + r.asString());
            assertTrue(r.asString().startsWith("InvalidURI"), r::asString);
        }
        assertEquals(Set.of(), names(getNode("alice", d).children()));
        String nfc = "%C3%A9t%C3%A9.txt"; // "été" as single characters
        String nfd = "e%CC%81te%CC%81.txt"; // "e" + combining accent, twice
        Response created = as("alice").body(dataDoc(d + "/e\u0301te\u0301.txt", "").getBytes(StandardCharsets.UTF_8))
                .put(BASE + "/nodes" + d + "/" + nfd);
        assertEquals(201, created.statusCode(), created::asString);
        assertEquals(409, as("alice").body(dataDoc(d + "/\u00e9t\u00e9.txt", "").getBytes(StandardCharsets.UTF_8))
                .put(BASE + "/nodes" + d + "/" + nfc).statusCode());
        assertEquals(Set.of("\u00e9t\u00e9.txt"), names(getNode("alice", d).children()));
        uploadOk("alice", d + "/" + nfd, "one file"); // (vos URIs in documents percent-encoded)
        assertEquals("one file", download("alice", d + "/" + nfc).asString());
        assertEquals(Set.of("\u00e9t\u00e9.txt"), names(getNode("alice", d).children()));
        assertEquals(200, as("alice").get(BASE + "/nodes" + d + "/" + nfd).statusCode());
        // a rename to the other form of an existing name is a duplicate too
        uploadOk("alice", d + "/other.txt", "o");
        JobEnd twin = runMove("alice", d + "/other.txt", d + "/" + nfd);
        assertEquals("ERROR", twin.phase());
        assertEquals(Set.of("other.txt", "\u00e9t\u00e9.txt"), names(getNode("alice", d).children()));
    }

    @Test
    void aPackageOfTheRootHasRelativeEntryNames() {
        String d = freshFolder("carol");
        uploadOk("carol", d + "/x.txt", "x");
        Set<String> entries = zipEntries("carol", List.of("/"));
        assertTrue(entries.contains("vault/carol" + d.substring("/carol".length()) + "/x.txt"), entries::toString);
        for (String e : entries) {
            assertFalse(e.startsWith("/") || e.contains("../"), e);
            assertTrue(e.startsWith("vault/") || e.equals("MISSING.txt"), e); // the other homes are left out
        }
    }

    // ------------------------------------------------------------------ helpers

    static String createTransfer(String user, String src, String dest, boolean keepBytes) {
        Response r = as(user).contentType("text/xml").body(PermissionMatrixTest.moveDoc(src, dest, keepBytes))
                .post(BASE + "/transfers");
        assertEquals(303, r.statusCode(), r::asString);
        return r.header("Location");
    }

    static String createDelete(String user, String path) {
        Response r = as(user).contentType("application/x-www-form-urlencoded")
                .body("target=" + URLEncoder.encode(AUTH_BANG + path, StandardCharsets.UTF_8)).post(BASE + "/async-delete");
        assertEquals(303, r.statusCode(), r::asString);
        assertEquals("PENDING", as(user).get(r.header("Location") + "/phase").asString());
        return r.header("Location");
    }

    static String createSetProps(String user, String path, String propsXml) {
        Response r = as(user).contentType("text/xml").body(containerDoc(path).replace("<vos:properties/>",
                "<vos:properties>" + propsXml + "</vos:properties>")).post(BASE + "/async-setprops");
        assertEquals(303, r.statusCode(), r::asString);
        return r.header("Location");
    }

    static void runPhase(String user, String job) {
        as(user).contentType("application/x-www-form-urlencoded").body("PHASE=RUN").post(job + "/phase").then()
                .statusCode(303);
    }

    /** Runs the job if it is still pending and returns its final document. */
    static String awaitJob(String user, String job) {
        if ("PENDING".equals(as(user).get(job + "/phase").asString())) {
            runPhase(user, job);
        }
        return VosClientReplayTest.awaitFinal(user, job);
    }

    static long count(String jobDoc, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*final:(\\d+)").matcher(jobDoc);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** How long a pre-authorised URL stays valid from {@code now} (its token is base64url(payload).mac). */
    static Duration lifetimeOf(String endpoint, Instant now) {
        String token = endpoint.substring(endpoint.indexOf("/preauth/") + "/preauth/".length(),
                endpoint.lastIndexOf('/'));
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        return Duration.between(now, Instant.ofEpochSecond(Long.parseLong(payload.split("\n")[2])));
    }

    /** A sync negotiation asking for a lifetime (as the portal does for share links). */
    static String negotiateFor(String user, String path, boolean push, String lifetime) {
        String doc = transferDoc(path, push ? Transfer.PUSH_TO : Transfer.PULL_FROM, push ? "httpsput" : "httpsget")
                .replace("</vos:transfer>", "<vos:param uri=\"" + Transfer.LIFETIME + "\">" + lifetime
                        + "</vos:param></vos:transfer>");
        Response post = as(user).contentType("text/xml").body(doc).post(BASE + "/synctrans");
        assertEquals(303, post.statusCode(), post::asString);
        Transfer t = TransferXml.read(as(user).get(post.header("Location")).asByteArray());
        assertFalse(t.protocols().isEmpty(), "negotiation failed");
        return t.protocols().get(0).endpoint();
    }

    static Set<String> zipNames(byte[] zip) throws IOException {
        Set<String> names = new TreeSet<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }
}
