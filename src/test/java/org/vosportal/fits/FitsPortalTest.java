package org.vosportal.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosportal.portal.PortalSession;
import org.vosportal.portal.PortalTest;
import org.vosportal.service.ServiceTestBase;

/** A FITS file's details in the portal: the headers by HDU, coloured by kind, and cutouts. */
@QuarkusTest
class FitsPortalTest extends ServiceTestBase {

    @TempDir
    Path dir;

    @Test
    void theDetailsOfAFitsFileShowItsHeadersByHduAndTheKeywordsPeopleLookFor() throws Exception {
        String folder = freshFolder("alice");
        String f = folder + "/mef.fits";
        assertEquals(201, upload("alice", f, Files.readAllBytes(FitsFixtures.multiExtension(dir, "mef.fits"))).statusCode());
        PortalSession s = PortalTest.alice();
        Document info = Jsoup.parse(s.get("/storage/vault/info" + f).body());
        assertEquals(1, info.select("a[hx-get=/storage/vault/fits-header" + f + "]").size(), "a button loads the headers");
        assertEquals(1, info.select("form.cutout[action=/storage/vault/cutout" + f + "]").size());
        HttpResponse<String> r = s.htmx("/storage/vault/fits-header" + f);
        assertEquals(200, r.statusCode(), r.body());
        Document h = Jsoup.parse(r.body());
        assertEquals(5, h.select("details.fits-hdu").size(), "primary, three images, a table");
        String third = h.select("details.fits-hdu summary").get(2).text();
        assertTrue(third.startsWith("Extension 2 (ERR)") && third.endsWith(" cards"), third);
        assertEquals("NGC1365", h.select(".fits-highlights dt:contains(OBJECT) + dd").text());
        assertFalse(h.select(".card.structure:contains(BITPIX)").isEmpty(), "structure cards are marked");
        assertFalse(h.select(".card.observation:contains(OBJECT)").isEmpty(), "observation cards are marked");
    }

    @Test
    void theCutoutFormSaysWhereTheImageLiesOnTheSky() throws Exception {
        String folder = freshFolder("alice");
        String f = folder + "/img.fits";
        Path img = FitsFixtures.image(dir, "img.fits", 60, 40);
        assertEquals(201, upload("alice", f, Files.readAllBytes(img)).statusCode());
        PortalSession s = PortalTest.alice();
        Document info = Jsoup.parse(s.get("/storage/vault/info" + f).body());
        assertEquals(1, info.select("[hx-get=/storage/vault/fits-footprint" + f + "][hx-trigger=load]").size(),
                "the footprint loads beside the cutout form");
        HttpResponse<String> r = s.htmx("/storage/vault/fits-footprint" + f);
        assertEquals(200, r.statusCode(), r.body());
        String text = Jsoup.parse(r.body()).select(".fits-footprint").text();
        Footprint expected = Footprint.of(nom.tam.fits.Header.readHeader(
                new nom.tam.util.FitsInputStream(Files.newInputStream(img))));
        assertTrue(text.startsWith(String.format(java.util.Locale.ROOT,
                "The image: 60 × 40 pixels centred on RA %.4f°, Dec %+.4f°", expected.centreRa(), expected.centreDec())), text);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "RA %.4f° to %.4f°", expected.raFrom(),
                expected.raTo())), text);

        String table = folder + "/plain.fits";
        assertEquals(201, upload("alice", table, Files.readAllBytes(FitsFixtures.multiExtension(dir, "mef.fits")))
                .statusCode());
        String mef = Jsoup.parse(s.htmx("/storage/vault/fits-footprint" + table).body()).text();
        assertTrue(mef.contains("no sky position") && mef.contains("use pixel ranges"), "its images have no WCS: " + mef);
    }

    @Test
    void aCutoutDownloadsOnlyThosePixelsAndABadOneSaysWhy() throws Exception {
        String folder = freshFolder("alice");
        String f = folder + "/img.fits";
        assertEquals(201, upload("alice", f, Files.readAllBytes(FitsFixtures.image(dir, "img.fits", 60, 40))).statusCode());
        PortalSession s = PortalTest.alice();
        HttpResponse<byte[]> cut = s.sendBytes(s.request("/storage/vault/cutout" + f + "?sub=%5B5:9,3:4%5D").GET().build());
        assertEquals(200, cut.statusCode());
        assertTrue(cut.headers().firstValue("Content-Disposition").orElse("").contains("img-cutout.fits"));
        try (Fits fits = new Fits(new ByteArrayInputStream(cut.body()))) {
            BasicHDU<?> hdu = fits.read()[0];
            int[][] px = (int[][]) hdu.getKernel();
            assertEquals(2, px.length);
            assertEquals(5 + 3000, px[0][0]);
        }
        HttpResponse<String> bad = s.get("/storage/vault/cutout" + f + "?sub=%5B50:70,1:2%5D");
        assertEquals(400, bad.statusCode());
        assertTrue(Jsoup.parse(bad.body()).text().contains("outside axis 1, which has pixels 1 to 60"), bad.body());
        HttpResponse<String> garbage = s.get("/storage/vault/cutout" + f + "?sub=hello");
        assertEquals(400, garbage.statusCode());
        assertTrue(Jsoup.parse(garbage.body()).text().contains("This cutout cannot be made: invalid SUB"), garbage.body());
        HttpResponse<String> off = s.get("/storage/vault/cutout" + f + "?ra=10&dec=-30&radius=0.01");
        assertEquals(400, off.statusCode());
        assertTrue(Jsoup.parse(off.body()).text().contains("no overlap"), off.body());
    }
}
