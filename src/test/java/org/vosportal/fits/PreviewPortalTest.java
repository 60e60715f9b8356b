package org.vosportal.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosportal.portal.PortalSession;
import org.vosportal.portal.PortalTest;
import org.vosportal.service.ServiceTestBase;

/** Previews in the portal: a FITS file's picture in its details, a CSV's first rows as a table, the grid's thumbnails. */
@QuarkusTest
class PreviewPortalTest extends ServiceTestBase {

    @TempDir
    Path dir;

    @Test
    void theDetailsOfAFitsFileShowItsPreviewAndTheGridHasItsThumbnail() throws Exception {
        String folder = freshFolder("alice");
        String f = folder + "/img.fits";
        assertEquals(201, upload("alice", f, Files.readAllBytes(FitsFixtures.image(dir, "img.fits", 400, 300))).statusCode());
        assertEquals(201, upload("alice", folder + "/notes.txt", "hello".getBytes(StandardCharsets.UTF_8)).statusCode());
        PortalSession s = PortalTest.alice();
        Document info = Jsoup.parse(s.get("/storage/vault/info" + f).body());
        Element img = info.selectFirst("figure.preview img[data-preview]");
        assertTrue(img != null, info.select(".info").outerHtml());
        assertEquals("/storage/vault/preview" + f, img.attr("src"));
        assertEquals("Preview of img.fits", img.attr("alt"));
        HttpResponse<byte[]> png = s.sendBytes(s.request(img.attr("src")).GET().build());
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertEquals(400, picture.getWidth());
        assertEquals(300, picture.getHeight());

        Document list = Jsoup.parse(s.get("/storage/vault/list" + folder).body());
        assertEquals(1, list.select("[data-view-toggle] button[data-view=grid]").size(), "the list | grid toggle");
        Element thumb = list.selectFirst("tr.row[data-name=img.fits] img.thumb");
        assertTrue(thumb != null, "a thumbnail for the FITS row");
        assertEquals("lazy", thumb.attr("loading"));
        assertEquals("/storage/vault/preview" + f + "?size=256", thumb.attr("src"));
        assertTrue(list.select("tr.row[data-name=notes.txt] img.thumb").isEmpty(), "a text file has its icon only");
        HttpResponse<byte[]> small = s.sendBytes(s.request(thumb.attr("src")).GET().build());
        // every second row and column: at most 256 pixels on the long side
        assertEquals(200, ImageIO.read(new ByteArrayInputStream(small.body())).getWidth());

        HttpResponse<String> bad = s.get("/storage/vault/preview" + f + "?size=huge");
        assertEquals(400, bad.statusCode());
        assertTrue(Jsoup.parse(bad.body()).text().contains("The preview size 'huge' is not a number of pixels"), bad.body());
        HttpResponse<String> none = s.get("/storage/vault/preview" + folder + "/notes.txt");
        assertEquals(400, none.statusCode());
        assertTrue(Jsoup.parse(none.body()).text().contains("only FITS images, PNG and JPEG"), none.body());
    }

    @Test
    void aCsvFileShowsItsFirstRowsAsATableEscaped() throws Exception {
        String folder = freshFolder("alice");
        String f = folder + "/cat.csv";
        StringBuilder csv = new StringBuilder("id,name,\"ra, deg\"\n1,<script>alert(1)</script>,210.8\n2,\"say \"\"hi\"\"\",54.3\n");
        for (int i = 3; csv.length() < 100_000; i++) {
            csv.append(i).append(",star ").append(i).append(',').append(i * 0.5).append('\n');
        }
        assertEquals(201, upload("alice", f, csv.toString().getBytes(StandardCharsets.UTF_8)).statusCode());
        PortalSession s = PortalTest.alice();
        Document info = Jsoup.parse(s.get("/storage/vault/info" + f).body());
        assertEquals(1, info.select("#text-preview-slot[hx-get=/storage/vault/text-preview" + f + "][hx-trigger=load]").size());
        assertTrue(info.select("figure.preview").isEmpty(), "no picture of a CSV file");
        HttpResponse<String> r = s.htmx("/storage/vault/text-preview" + f);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(!r.body().contains("<script>alert"), "escaped: " + r.body());
        Document t = Jsoup.parse(r.body());
        assertEquals(java.util.List.of("id", "name", "ra, deg"), t.select("table.csv-preview thead th").eachText());
        assertEquals("<script>alert(1)</script>", t.select("table.csv-preview tbody tr").get(0).select("td").get(1).text());
        assertTrue(t.select("table.csv-preview script").isEmpty());
        assertEquals("say \"hi\"", t.select("table.csv-preview tbody tr").get(1).select("td").get(1).text());
        assertEquals(99, t.select("table.csv-preview tbody tr").size(), "the first 100 rows, the header among them");
        assertTrue(t.text().contains("the file goes on"), t.text());
    }

    @Test
    void aTextFileShowsItsLines() throws Exception {
        String folder = freshFolder("alice");
        String f = folder + "/run.log";
        assertEquals(201, upload("alice", f, "started\n<b>bold</b> & done\n".getBytes(StandardCharsets.UTF_8)).statusCode());
        PortalSession s = PortalTest.alice();
        Document t = Jsoup.parse(s.htmx("/storage/vault/text-preview" + f).body());
        assertEquals("started\n<b>bold</b> & done\n", t.selectFirst("pre.text-lines").wholeText());
        assertTrue(t.select("pre.text-lines b").isEmpty(), "escaped");
        assertTrue(!t.text().contains("goes on"));
    }
}
