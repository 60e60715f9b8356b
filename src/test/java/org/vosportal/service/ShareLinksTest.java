package org.vosportal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vosportal.service.PermissionCases.GROUP;
import static org.vosportal.service.PermissionCases.createData;
import static org.vosportal.service.PermissionCases.setProps;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vosportal.vospace.Props;

/**
 * The share-link registry and "shared with me" (the service's sharing extensions): a share link
 * is listed for its maker, refused (410, in words) on the next request after it is revoked or
 * has expired, invisible and unrevocable for others except the file's owner; plain transfer URLs
 * are not recorded. "Shared with me" finds the topmost nodes others shared with the caller's
 * groups that the caller can really open.
 */
@QuarkusTest
class ShareLinksTest extends ServiceTestBase {

    static String uri(String path) {
        return URLEncoder.encode(AUTH + path, StandardCharsets.UTF_8);
    }

    static Response create(String user, String path, String lifetime) {
        return as(user).contentType("application/x-www-form-urlencoded")
                .body("target=" + uri(path) + "&lifetime=" + lifetime).post(BASE + "/shares");
    }

    static JsonObject created(String user, String path, String lifetime) {
        Response r = create(user, path, lifetime);
        assertEquals(201, r.statusCode(), r::asString);
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        return new JsonObject(r.asString());
    }

    static List<String> listedIds(String user, String query) {
        Response r = as(user).get(BASE + "/shares" + query);
        assertEquals(200, r.statusCode(), r::asString);
        List<String> ids = new ArrayList<>();
        JsonArray links = new JsonObject(r.asString()).getJsonArray("links");
        for (int i = 0; i < links.size(); i++) {
            ids.add(links.getJsonObject(i).getString("id"));
        }
        return ids;
    }

    @Test
    void aRevokedLinkIsRefusedOnTheVeryNextRequest() {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/private.txt", "only through the link");
        JsonObject link = created("alice", dir + "/private.txt", "P1D");
        String url = link.getString("url");
        assertTrue(url.startsWith(BASE + "/preauth/") && url.endsWith("/private.txt"), url);
        assertEquals(AUTH + dir + "/private.txt", link.getString("uri"));
        assertEquals("alice", link.getString("creator"));
        assertTrue(listedIds("alice", "").contains(link.getString("id")), "listed for its maker");
        assertEquals(List.of(link.getString("id")), listedIds("alice", "?target=" + uri(dir + "/private.txt")));

        assertEquals("only through the link", anonymous().get(url).then().statusCode(200).extract().asString());
        Response revoked = as("alice").delete(BASE + "/shares/" + link.getString("id"));
        assertEquals(204, revoked.statusCode(), revoked::asString);

        Response refused = anonymous().get(url);
        assertEquals(410, refused.statusCode(), refused::asString);
        assertTrue(refused.asString().startsWith("Gone: this share link was revoked on "), refused.asString());
        assertTrue(refused.asString().contains("ask the person who sent it for a new one"), refused.asString());
        assertEquals(410, anonymous().head(url).statusCode(), "HEAD too");
        assertFalse(listedIds("alice", "").contains(link.getString("id")), "no longer listed as active");
        // the file itself is untouched and still private
        assertEquals("only through the link", download("alice", dir + "/private.txt").asString());
        assertEquals(403, anonymous().get(BASE + "/files" + dir + "/private.txt").statusCode());
    }

    @Test
    void anExpiredLinkIsGoneAndSaysWhen() throws Exception {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/brief.txt", "brief");
        JsonObject link = created("alice", dir + "/brief.txt", "2");
        String url = link.getString("url");
        assertEquals(200, anonymous().get(url).statusCode());
        Thread.sleep(2_300);
        Response refused = anonymous().get(url);
        assertEquals(410, refused.statusCode(), refused::asString);
        assertTrue(refused.asString().startsWith("Gone: this share link expired on "), refused.asString());
        assertFalse(listedIds("alice", "").contains(link.getString("id")));
    }

    @Test
    void othersCannotListOrRevokeMyLinksButTheFilesOwnerCan() {
        String dir = freshFolder("alice");
        createData("alice", dir + "/team.txt", prop(Props.GROUP_READ, GROUP));
        uploadOk("alice", dir + "/team.txt", "for the team");
        setProps("alice", dir, "vos:ContainerNode", prop(Props.GROUP_READ, GROUP));
        JsonObject mine = created("alice", dir + "/team.txt", "PT1H");
        String id = mine.getString("id");

        // bob reads the file (team) but sees and revokes none of alice's links
        assertFalse(listedIds("bob", "").contains(id));
        assertFalse(listedIds("bob", "?target=" + uri(dir + "/team.txt")).contains(id));
        assertEquals(404, as("bob").delete(BASE + "/shares/" + id).statusCode());
        assertEquals(404, as("carol").delete(BASE + "/shares/" + id).statusCode());
        assertEquals(403, anonymous().delete(BASE + "/shares/" + id).statusCode());
        assertEquals(403, anonymous().get(BASE + "/shares").statusCode());
        assertEquals(403, as("carol").get(BASE + "/shares?target=" + uri(dir + "/team.txt")).statusCode());
        assertEquals(200, anonymous().get(mine.getString("url")).statusCode(), "still works");
        // carol cannot read the file, so she cannot make a link to it
        assertEquals(403, create("carol", dir + "/team.txt", "PT1H").statusCode());

        // bob may make a link to what he can read; alice, the owner, sees it and may revoke it
        JsonObject bobs = created("bob", dir + "/team.txt", "PT1H");
        assertTrue(listedIds("bob", "").contains(bobs.getString("id")));
        List<String> onFile = listedIds("alice", "?target=" + uri(dir + "/team.txt"));
        assertTrue(onFile.contains(id) && onFile.contains(bobs.getString("id")), onFile.toString());
        assertFalse(listedIds("alice", "").contains(bobs.getString("id")), "her own list has only hers");
        assertEquals(204, as("alice").delete(BASE + "/shares/" + bobs.getString("id")).statusCode());
        assertEquals(410, anonymous().get(bobs.getString("url")).statusCode());
        assertEquals(200, anonymous().get(mine.getString("url")).statusCode());
    }

    @Test
    void badRequestsAreRefusedInWords() {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/f.txt", "f");
        assertEquals(400, create("alice", dir + "/f.txt", "P30D").statusCode(), "longer than the maximum");
        assertEquals(400, create("alice", dir + "/f.txt", "soon").statusCode());
        assertEquals(400, create("alice", dir, "PT1H").statusCode(), "a folder has no share link");
        assertEquals(404, create("alice", dir + "/missing.txt", "PT1H").statusCode());
        Response noTarget = as("alice").contentType("application/x-www-form-urlencoded").body("lifetime=PT1H")
                .post(BASE + "/shares");
        assertEquals(400, noTarget.statusCode());
        assertTrue(noTarget.asString().contains("target"), noTarget.asString());
        assertEquals(403, anonymous().contentType("application/x-www-form-urlencoded")
                .body("target=" + uri(dir + "/f.txt") + "&lifetime=PT1H").post(BASE + "/shares").statusCode());
        assertEquals(404, as("alice").delete(BASE + "/shares/no-such-link").statusCode());
    }

    /** Plain transfers stay stateless: the URLs vcp negotiates are not share links and are not listed. */
    @Test
    void plainTransferUrlsAreNotRecorded() {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/plain.txt", "plain");
        int before = listedIds("alice", "").size();
        String url = negotiate("alice", dir + "/plain.txt", false);
        assertEquals("plain", anonymous().get(url).asString());
        assertEquals("plain", download("alice", dir + "/plain.txt").asString());
        assertEquals(before, listedIds("alice", "").size());
        assertTrue(listedIds("alice", "?target=" + uri(dir + "/plain.txt")).isEmpty());
    }

    /** A deleted file takes its links with it: the link says so instead of serving anything. */
    @Test
    void aDeletedFilesLinkSaysItIsGone() {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/gone.txt", "soon deleted");
        JsonObject link = created("alice", dir + "/gone.txt", "PT1H");
        as("alice").delete(BASE + "/nodes" + dir + "/gone.txt").then().statusCode(200);
        uploadOk("alice", dir + "/gone.txt", "another file at the same path");
        Response refused = anonymous().get(link.getString("url"));
        assertEquals(410, refused.statusCode(), refused::asString);
        assertTrue(refused.asString().startsWith("Gone: this share link no longer works"), refused.asString());
    }

    /** A link serves only the bytes it was made for: once the file is replaced its list entry says so. */
    @Test
    void aReplacedFilesLinkIsListedAsNoLongerWorking() {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/v.txt", "version 1");
        JsonObject link = created("alice", dir + "/v.txt", "PT1H");
        assertTrue(works("alice", link.getString("id")));
        uploadOk("alice", dir + "/v.txt", "version 2");
        assertFalse(works("alice", link.getString("id")));
        assertEquals(404, anonymous().get(link.getString("url")).statusCode(), "never the new bytes");
    }

    static boolean works(String user, String id) {
        JsonArray links = new JsonObject(as(user).get(BASE + "/shares").asString()).getJsonArray("links");
        for (int i = 0; i < links.size(); i++) {
            if (links.getJsonObject(i).getString("id").equals(id)) {
                return links.getJsonObject(i).getBoolean("works");
            }
        }
        throw new AssertionError("link " + id + " not listed");
    }

    // ------------------------------------------------------------------ shared with me

    /** Every node "shared with me" lists for the user, following the pages to the end. */
    static List<JsonObject> sharedWith(String user) {
        List<JsonObject> all = new ArrayList<>();
        String after = null;
        for (int pages = 0; pages < 1000; pages++) {
            Response r = as(user).get(BASE + "/shared-with-me?limit=50" + (after == null ? "" : "&after=" + after));
            assertEquals(200, r.statusCode(), r::asString);
            JsonObject body = new JsonObject(r.asString());
            JsonArray nodes = body.getJsonArray("nodes");
            assertTrue(nodes.size() <= 50, "bounded by the limit");
            for (int i = 0; i < nodes.size(); i++) {
                all.add(nodes.getJsonObject(i));
            }
            after = body.getString("next");
            if (after == null) {
                return all;
            }
        }
        throw new AssertionError("shared-with-me never ended");
    }

    static List<String> sharedPaths(String user, String under) {
        return sharedWith(user).stream().map(o -> o.getString("uri")).filter(u -> u.startsWith(AUTH + under))
                .map(u -> u.substring(AUTH.length())).toList();
    }

    @Test
    void sharedWithMeListsTheTopmostReachableGroupShares() {
        String dir = freshFolder("alice");
        // anyone may list alice's test folder: what is below it decides
        setProps("alice", dir, "vos:ContainerNode", prop(Props.IS_PUBLIC, "true"));
        // a team folder, everything inside it team-readable too (as "apply to everything inside" does)
        mkdir("alice", dir + "/team");
        setProps("alice", dir + "/team", "vos:ContainerNode", prop(Props.GROUP_READ, GROUP));
        createData("alice", dir + "/team/inside.txt", prop(Props.GROUP_READ, GROUP));
        mkdir("alice", dir + "/team/sub");
        setProps("alice", dir + "/team/sub", "vos:ContainerNode", prop(Props.GROUP_READ, GROUP));
        // a team-writable folder
        mkdir("alice", dir + "/drop");
        setProps("alice", dir + "/drop", "vos:ContainerNode", prop(Props.GROUP_WRITE, GROUP));
        // a team-readable file under a private folder: nobody of the team can open it
        mkdir("alice", dir + "/private");
        createData("alice", dir + "/private/blocked.txt", prop(Props.GROUP_READ, GROUP));
        // a team-readable file under a public folder: reachable, and its own topmost share
        mkdir("alice", dir + "/open");
        setProps("alice", dir + "/open", "vos:ContainerNode", prop(Props.IS_PUBLIC, "true"));
        createData("alice", dir + "/open/note.txt", prop(Props.GROUP_READ, GROUP));
        // bob's own team folder is not "shared with" bob
        String bobs = freshFolder("bob");
        setProps("bob", bobs, "vos:ContainerNode", prop(Props.GROUP_READ, GROUP));

        List<String> forBob = sharedPaths("bob", dir);
        assertEquals(List.of(dir + "/open/note.txt", dir + "/drop", dir + "/team"), forBob, "newest first");
        JsonObject team = sharedWith("bob").stream().filter(o -> o.getString("uri").equals(AUTH + dir + "/team"))
                .findFirst().orElseThrow();
        assertEquals("alice", team.getString("owner"));
        assertEquals("survey-team", team.getString("group"));
        assertEquals("read", team.getString("access"));
        assertEquals("container", team.getString("type"));
        JsonObject drop = sharedWith("bob").stream().filter(o -> o.getString("uri").equals(AUTH + dir + "/drop"))
                .findFirst().orElseThrow();
        assertEquals("write", drop.getString("access"));
        assertTrue(sharedPaths("bob", bobs).isEmpty(), "not bob's own");

        assertTrue(sharedPaths("carol", dir).isEmpty(), "carol is in no group");
        assertTrue(sharedPaths("alice", dir).isEmpty(), "alice owns them");
        assertEquals(403, anonymous().get(BASE + "/shared-with-me").statusCode());
        assertEquals(400, as("bob").get(BASE + "/shared-with-me?after=x").statusCode());
    }
}
