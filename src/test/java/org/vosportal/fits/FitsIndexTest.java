package org.vosportal.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosportal.portal.PortalSession;
import org.vosportal.service.ServiceTestBase;
import org.vosportal.vospace.Node;

/**
 * "Index FITS headers" on a FITS file's details page copies the searchable keywords into the
 * file's properties, and the service's search then finds the file by them.
 */
@QuarkusTest
class FitsIndexTest extends ServiceTestBase {

    @TempDir
    Path dir;

    static String q(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    @Test
    void indexingCopiesKeywordsIntoPropertiesAndSearchFindsThem() throws Exception {
        String folder = freshFolder("alice");
        mkdir("alice", folder + "/night1");
        String f = folder + "/night1/mef.fits";
        assertEquals(201, upload("alice", f, Files.readAllBytes(FitsFixtures.multiExtension(dir, "mef.fits")))
                .statusCode());
        String other = folder + "/img.fits";
        assertEquals(201, upload("alice", other, Files.readAllBytes(FitsFixtures.image(dir, "img.fits", 20, 10)))
                .statusCode());
        PortalSession s = org.vosportal.portal.PortalSession.login(SERVER, "alice");

        Document info = Jsoup.parse(s.get("/storage/vault/info" + f).body());
        assertNotNull(info.selectFirst("form.fits-index[action=/storage/vault/fits-index" + f + "] button"),
                "the details of a FITS file offer Index FITS headers");
        assertEquals("Index FITS headers", info.selectFirst("form.fits-index button").text());

        // before: nothing to find
        String byObject = "under=" + q(folder) + "&prop=" + q("ivo://vosportal.org/fits#OBJECT") + "&value=NGC1365";
        assertEquals(0, hits(byObject).size());

        HttpResponse<String> done = s.post("/storage/vault/fits-index" + f, Map.of(), true);
        assertEquals(303, done.statusCode(), done.body());
        Document after = Jsoup.parse(s.follow(done).body());
        assertTrue(after.text().contains("Copied into the metadata: OBJECT"), after.text());
        Node node = getNode("alice", f);
        assertEquals("NGC1365", node.value("ivo://vosportal.org/fits#OBJECT"));

        JsonArray found = hits(byObject);
        assertEquals(1, found.size(), found.encode());
        assertEquals(AUTH + f, found.getJsonObject(0).getString("uri"));

        // the other file: its own OBJECT, found by it after indexing, numbers compare as numbers
        assertEquals(303, s.post("/storage/vault/fits-index" + other, Map.of(), true).statusCode());
        assertEquals("NGC5457", getNode("alice", other).value("ivo://vosportal.org/fits#OBJECT"));
        assertEquals(1, hits("under=" + q(folder) + "&prop=" + q("ivo://vosportal.org/fits#OBJECT")
                + "&value=NGC5457").size());
        assertEquals(2, hits("under=" + q(folder) + "&prop=" + q("ivo://vosportal.org/fits#OBJECT")).size());

        // without the CSRF token nothing is copied
        assertEquals(403, s.post("/storage/vault/fits-index" + f, Map.of(), false).statusCode());
    }

    private static JsonArray hits(String query) {
        io.restassured.response.Response r = as("alice").get(BASE + "/search?" + query);
        assertEquals(200, r.statusCode(), r::asString);
        return new JsonObject(r.asString()).getJsonArray("nodes");
    }
}
