package org.vosportal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * The metadata search extension (GET /vault/search): by name and by property values, recursively
 * below a folder, keyset-paged, announced in the capabilities, and never showing what the caller
 * could not open (alice's private file stays out of bob's results, even inside a folder she
 * shared with him).
 * The folder above must be readable too (the Authorizer's rule: every folder on the path).
 */
@QuarkusTest
class SearchTest extends ServiceTestBase {

    static final String OBJECT = "ivo://vosportal.org/fits#OBJECT";
    static final String EXPTIME = "ivo://vosportal.org/fits#EXPTIME";

    static String q(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    static Response search(String user, String query) {
        return (user == null ? anonymous() : as(user)).get(BASE + "/search?" + query);
    }

    static List<String> paths(String user, String query) {
        Response r = search(user, query);
        assertEquals(200, r.statusCode(), r::asString);
        JsonArray nodes = new JsonObject(r.asString()).getJsonArray("nodes");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            out.add(nodes.getJsonObject(i).getString("uri").substring(AUTH.length()));
        }
        return out.stream().sorted().toList();
    }

    @Test
    void capabilitiesAnnounceIt() {
        String caps = anonymous().get(BASE + "/capabilities").asString();
        assertTrue(caps.contains("standardID=\"ivo://vosportal.org/std/search#1.0\""), caps);
        assertTrue(caps.contains(BASE + "/search"), caps);
    }

    @Test
    void findsByNameAndPropertiesRecursively() {
        String dir = freshFolder("alice");
        mkdir("alice", dir + "/night1");
        mkdir("alice", dir + "/night1/raw");
        createData("alice", dir + "/night1/raw/NGC1365_001.fits", prop(OBJECT, "NGC1365") + prop(EXPTIME, "600"));
        createData("alice", dir + "/night1/ngc1365_002.fits", prop(OBJECT, "NGC1365") + prop(EXPTIME, "120"));
        createData("alice", dir + "/m31.fits", prop(OBJECT, "M31") + prop(EXPTIME, "900.5"));
        createData("alice", dir + "/notes.txt", "");

        String under = "under=" + q(AUTH + dir);
        assertEquals(List.of(dir + "/night1/ngc1365_002.fits", dir + "/night1/raw/NGC1365_001.fits"),
                paths("alice", under + "&name=ngc1365"));
        assertEquals(List.of(dir + "/m31.fits", dir + "/night1/ngc1365_002.fits",
                dir + "/night1/raw/NGC1365_001.fits"), paths("alice", under + "&name=" + q("*.fits")));
        assertEquals(List.of(dir + "/m31.fits"), paths("alice", under + "&name=" + q("m?1.*")));
        // a path works as well as a URI
        assertEquals(List.of(dir + "/notes.txt"), paths("alice", "under=" + q(dir) + "&name=notes"));

        String ngc = "&prop=" + q(OBJECT) + "&op=eq&value=NGC1365";
        String longer = "&prop=" + q(EXPTIME) + "&op=gt&value=300";
        assertEquals(List.of(dir + "/night1/ngc1365_002.fits", dir + "/night1/raw/NGC1365_001.fits"),
                paths("alice", under + ngc));
        assertEquals(List.of(dir + "/m31.fits", dir + "/night1/raw/NGC1365_001.fits"), paths("alice", under + longer));
        assertEquals(List.of(dir + "/night1/raw/NGC1365_001.fits"), paths("alice", under + ngc + longer));
        // numeric, not text, order: 900.5 > 1000 is false
        assertEquals(List.of(), paths("alice", under + "&prop=" + q(EXPTIME) + "&op=gt&value=1000"));

        // the answer carries type, size and date
        JsonObject hit = new JsonObject(search("alice", under + "&name=notes").asString()).getJsonArray("nodes")
                .getJsonObject(0);
        assertEquals("data", hit.getString("type"));
        assertEquals(0L, hit.getLong("size"));
        assertTrue(hit.getString("date").matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), hit.encode());
    }

    @Test
    void pagesWithACursor() {
        String dir = freshFolder("alice");
        for (int d = 0; d < 3; d++) {
            mkdir("alice", dir + "/d" + d);
            for (int i = 0; i < 4; i++) {
                createData("alice", dir + "/d" + d + "/f" + i + ".dat", "");
            }
        }
        List<String> all = new ArrayList<>();
        String after = null;
        for (int round = 0; round < 10; round++) {
            JsonObject page = new JsonObject(search("alice", "under=" + q(dir) + "&name=" + q("*.dat") + "&limit=5"
                    + (after == null ? "" : "&after=" + q(after))).asString());
            JsonArray nodes = page.getJsonArray("nodes");
            assertTrue(nodes.size() <= 5);
            nodes.forEach(n -> all.add(((JsonObject) n).getString("uri")));
            after = page.getString("next");
            if (after == null) {
                break;
            }
        }
        assertNull(after);
        assertEquals(12, all.size());
        assertEquals(12, all.stream().distinct().count());
    }

    /**
     * bob sees what he could open: the folder alice shared with his group and the files in it she
     * shared too, never her private file inside it, nor anything of a private folder inside it.
     */
    @Test
    void neverShowsWhatTheCallerCannotOpen() {
        String dir = freshFolder("alice");
        setProps("alice", dir, "vos:ContainerNode", prop(Props.GROUP_READ, GROUP));
        mkdir("alice", dir + "/shared");
        setProps("alice", dir + "/shared", "vos:ContainerNode", prop(Props.GROUP_READ, GROUP));
        createData("alice", dir + "/shared/open_target.fits", prop(Props.GROUP_READ, GROUP) + prop(OBJECT, "NGC1365"));
        createData("alice", dir + "/shared/private_target.fits", prop(OBJECT, "NGC1365"));
        mkdir("alice", dir + "/shared/closed");
        createData("alice", dir + "/shared/closed/deep_target.fits",
                prop(Props.GROUP_READ, GROUP) + prop(OBJECT, "NGC1365"));
        createData("alice", dir + "/private_top_target.fits", prop(OBJECT, "NGC1365"));

        String byName = "&name=target";
        String byProp = "&prop=" + q(OBJECT) + "&value=NGC1365";
        for (String what : List.of(byName, byProp)) {
            // alice sees all four
            assertEquals(4, paths("alice", "under=" + q(dir) + what).size(), what);
            // bob (in the group) only the shared file, searching her home, the folder or the shared folder
            for (String under : List.of("/alice", dir, dir + "/shared")) {
                Response r = search("bob", "under=" + q(under) + what);
                assertEquals(List.of(dir + "/shared/open_target.fits"), paths("bob", "under=" + q(under) + what),
                        under + what);
                assertFalse(r.asString().contains("private"), r.asString());
                assertFalse(r.asString().contains("deep_target"), r.asString());
            }
            // an anonymous caller sees nothing of hers; carol (in no group) neither
            assertEquals(List.of(), paths(null, "under=" + q("/alice") + what));
            assertEquals(List.of(), paths("carol", "under=" + q("/alice") + what));
        }
    }

    @Test
    void badQueriesAreRefusedInWords() {
        String dir = freshFolder("alice");
        createData("alice", dir + "/f.txt", "");
        assertRefused(search("alice", "under=" + q(dir)), 400, "what to look for");
        assertRefused(search("alice", "under=" + q(dir) + "&prop=" + q(EXPTIME) + "&op=gt&value=long"), 400,
                "compares numbers");
        assertRefused(search("alice", "under=" + q(dir) + "&prop=" + q(EXPTIME) + "&op=like&value=1"), 400, "op");
        assertRefused(search("alice", "under=" + q(dir) + "&prop=EXPTIME&value=1"), 400, "property URI");
        assertRefused(search("alice", "under=" + q(dir) + "&name=x&after=" + q("' OR 1=1")), 400, "cursor");
        assertRefused(search("alice", "under=" + q(dir) + "&name=x&limit=many"), 400, "not a number");
        assertRefused(search("alice", "under=" + q(dir + "/f.txt") + "&name=x"), 400, "not a folder");
        assertRefused(search("alice", "under=" + q(dir + "/nothing") + "&name=x"), 404, "");
        assertRefused(search(null, "name=x"), 400, "under");
    }

    private static void assertRefused(Response r, int status, String words) {
        assertEquals(status, r.statusCode(), r::asString);
        assertTrue(r.asString().contains(words), r.asString());
        assertFalse(r.asString().contains("Exception"), r.asString());
    }
}
