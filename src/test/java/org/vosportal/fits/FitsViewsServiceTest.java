package org.vosportal.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosportal.service.ServiceTestBase;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeXml;

/**
 * The FITS views through the service, replaying the {@code vos} client's own requests
 * (VOSPACE.md: {@code vcp --head}, pixel and circle cutouts, {@code vcat --head}).
 */
@QuarkusTest
class FitsViewsServiceTest extends ServiceTestBase {

    @TempDir
    Path dir;

    private String put(String user, String path, Path file) throws Exception {
        Response r = upload(user, path, Files.readAllBytes(file));
        assertEquals(201, r.statusCode(), r::asString);
        return path;
    }

    /** {@code GET /files/f} → 303, then the client appends its own query to the Location. */
    private static Response bytesWith(String user, String path, String query) {
        Response files = as(user).get(BASE + "/files" + path);
        assertEquals(303, files.statusCode(), files::asString);
        String loc = files.header("Location");
        return anonymous().get(loc + (loc.contains("?") ? "&" : "?") + query);
    }

    @Test
    void vcpHeadGetsTheHeadersOfEveryHduAsText() throws Exception {
        String dir0 = freshFolder("alice");
        String f = put("alice", dir0 + "/mef.fits", FitsFixtures.multiExtension(dir, "mef.fits"));
        assertEquals(200, as("alice").get(BASE + "/nodes" + f + "?limit=0").statusCode());
        Response head = bytesWith("alice", f, "META=true");
        assertEquals(200, head.statusCode(), head::asString);
        assertTrue(head.contentType().startsWith("text/plain"), head.contentType());
        String text = head.asString();
        assertTrue(text.startsWith("SIMPLE  =                    T"), text);
        assertEquals(5, text.lines().filter(l -> l.startsWith("END")).count(), text);
        assertTrue(text.contains("EXTNAME = 'SCI     '"));
        assertEquals(null, head.header("Digest"), "not the file's bytes: no file digest");
    }

    @Test
    void vcatHeadThroughFilesKeepsTheQueryOnTheRedirect() throws Exception {
        String dir0 = freshFolder("alice");
        String f = put("alice", dir0 + "/img.fits", FitsFixtures.image(dir, "img.fits", 50, 40));
        Response files = as("alice").get(BASE + "/files" + f + "?META=true");
        assertEquals(303, files.statusCode());
        assertTrue(files.header("Location").endsWith("?META=true"), files.header("Location"));
        Response head = anonymous().get(files.header("Location"));
        assertTrue(head.asString().contains("OBJECT  = 'NGC5457 '"), head.asString());
    }

    @Test
    void vcpPixelCutoutLooksTheSourceUpWithTheSuffixThenGetsTheCut() throws Exception {
        String dir0 = freshFolder("alice");
        String f = put("alice", dir0 + "/mef.fits", FitsFixtures.multiExtension(dir, "mef.fits"));
        // vcp "vos:…/mef.fits[1][2:4,3:5]" c.fits
        Response lookup = as("alice").get(BASE + "/nodes" + f + "%5B1%5D%5B2:4,3:5%5D?limit=0");
        assertEquals(200, lookup.statusCode(), lookup::asString);
        Node n = NodeXml.read(lookup.asByteArray());
        assertEquals(f, n.uri().path().toString(), "the node is the file being cut");
        Response cut = bytesWith("alice", f, "SUB=%5B1%5D%5B2:4,3:5%5D");
        assertEquals(200, cut.statusCode(), cut::asString);
        assertEquals("application/fits", cut.contentType());
        try (Fits fits = new Fits(new ByteArrayInputStream(cut.asByteArray()))) {
            BasicHDU<?>[] hdus = fits.read();
            assertEquals(2, hdus.length);
            int[][] px = (int[][]) hdus[1].getKernel();
            assertEquals(3, px.length);
            assertEquals(2 + 3000 + 100000, px[0][0]);
        }
    }

    @Test
    void vcpCircleCutoutLooksTheSourceUpWithTheCircleThenGetsTheBox() throws Exception {
        String dir0 = freshFolder("alice");
        String f = put("alice", dir0 + "/wcs.fits", FitsFixtures.image(dir, "wcs.fits", 300, 300));
        String circle = FitsFixtures.RA + "," + FitsFixtures.DEC + ",0.005";
        assertEquals(200, as("alice").get(BASE + "/nodes" + f.replace("wcs.fits", "wcs.fits(" + circle + ")") + "?limit=0").statusCode());
        Response cut = bytesWith("alice", f, "CIRCLE=" + FitsFixtures.RA + "%20" + FitsFixtures.DEC + "%200.005");
        assertEquals(200, cut.statusCode(), cut::asString);
        try (Fits fits = new Fits(new ByteArrayInputStream(cut.asByteArray()))) {
            int nx = fits.read()[0].getHeader().getIntValue("NAXIS1");
            assertTrue(nx > 20 && nx < 50, "about 36 pixels wide: " + nx);
        }
    }

    @Test
    void theCapabilitiesSayTheFilesEndpointTakesSodaParameters() {
        String caps = anonymous().get(BASE + "/capabilities").asString();
        assertTrue(caps.contains("standardID=\"ivo://ivoa.net/std/SODA#sync-1.0\""), caps);
        assertTrue(caps.contains(BASE + "/files</accessURL>"), caps);
    }

    @Test
    void aNodeWhoseNameLooksLikeACutoutIsItself() throws Exception {
        String dir0 = freshFolder("alice");
        uploadOk("alice", dir0 + "/odd%5B1%5D", "not fits");
        Node n = getNode("alice", dir0 + "/odd%5B1%5D?limit=0");
        assertEquals("odd[1]", n.uri().path().name());
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir0 + "/missing.fits%5B1%5D?limit=0").statusCode());
    }

    @Test
    void whatCannotBeAnsweredIsA400InWordsNeverTheWholeFile() throws Exception {
        String dir0 = freshFolder("alice");
        uploadOk("alice", dir0 + "/notes.txt", "x".repeat(5000));
        String img = put("alice", dir0 + "/img.fits", FitsFixtures.image(dir, "img.fits", 20, 10));
        assertBad(bytesWith("alice", dir0 + "/notes.txt", "META=true"), "not a FITS file");
        assertBad(bytesWith("alice", img, "SUB=%5B15:25,1:2%5D"), "outside axis 1");
        assertBad(bytesWith("alice", img, "SUB=garbage"), "invalid SUB");
        assertBad(bytesWith("alice", img, "CIRCLE=10%20-30%200.01"), "no overlap");
        assertBad(bytesWith("alice", img, "META=true&SUB=%5B1%5D"), "one of META, SUB or CIRCLE");
    }

    private static void assertBad(Response r, String words) {
        assertEquals(400, r.statusCode(), r::asString);
        assertTrue(r.asString().contains(words), r.asString());
    }
}
