package org.vosportal.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.Fits;
import nom.tam.fits.NullDataHDU;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosportal.service.ServiceTestBase;

/** {@code PREVIEW=png} on the byte URL: a PNG of the image, made once per content, 400 in words otherwise. */
@QuarkusTest
class FitsPreviewServiceTest extends ServiceTestBase {

    @TempDir
    Path dir;

    private static Response preview(String user, String path, String query) {
        Response files = as(user).get(BASE + "/files" + path + "?" + query);
        assertEquals(303, files.statusCode(), files::asString);
        return anonymous().get(files.header("Location"));
    }

    private static BufferedImage png(Response r) throws Exception {
        assertEquals(200, r.statusCode(), r::asString);
        assertEquals("image/png", r.contentType());
        byte[] b = r.asByteArray();
        assertEquals((byte) 0x89, b[0]);
        assertEquals("PNG", new String(b, 1, 3, java.nio.charset.StandardCharsets.US_ASCII), "the PNG signature");
        return ImageIO.read(new ByteArrayInputStream(b));
    }

    @Test
    void aFitsImageHasAPngPreviewMadeOnceThenCachedUntilItsBytesChange() throws Exception {
        String folder = freshFolder("alice");
        String f = folder + "/img.fits";
        assertEquals(201, upload("alice", f, Files.readAllBytes(FitsFixtures.image(dir, "img.fits", 300, 200))).statusCode());
        Response first = preview("alice", f, "PREVIEW=png&PREVIEW_SIZE=150");
        BufferedImage img = png(first);
        assertEquals(150, img.getWidth());
        assertEquals(100, img.getHeight());
        assertEquals("miss", first.header("X-Preview-Cache"));
        assertTrue(Long.parseLong(first.header("X-Preview-Bytes-Read")) > 0);
        Response second = preview("alice", f, "PREVIEW=png&PREVIEW_SIZE=150");
        assertEquals("hit", second.header("X-Preview-Cache"), "the second request reads no byte of the file");
        assertEquals("0", second.header("X-Preview-Bytes-Read"));
        assertEquals(150, png(second).getWidth());
        // the default size keeps a 300-pixel image as it is
        assertEquals(300, png(preview("alice", f, "PREVIEW=png")).getWidth());
        // new bytes, new preview
        assertEquals(201, upload("alice", f, Files.readAllBytes(FitsFixtures.image(dir, "img2.fits", 60, 40))).statusCode());
        Response after = preview("alice", f, "PREVIEW=png&PREVIEW_SIZE=150");
        assertEquals("miss", after.header("X-Preview-Cache"));
        assertEquals(60, png(after).getWidth());
    }

    @Test
    void aPngFileGetsAThumbnail() throws Exception {
        String folder = freshFolder("alice");
        BufferedImage src = new BufferedImage(800, 400, BufferedImage.TYPE_INT_RGB);
        Path p = dir.resolve("plot.png");
        ImageIO.write(src, "png", p.toFile());
        assertEquals(201, upload("alice", folder + "/plot.png", Files.readAllBytes(p)).statusCode());
        BufferedImage t = png(preview("alice", folder + "/plot.png", "PREVIEW=png&PREVIEW_SIZE=200"));
        assertEquals(200, t.getWidth());
        assertEquals(100, t.getHeight());
    }

    @Test
    void aTableOnlyFileATextFileAndABadSizeAreRefusedInWords() throws Exception {
        String folder = freshFolder("alice");
        Fits t = new Fits();
        t.addHDU(new NullDataHDU());
        t.addHDU(Fits.makeHDU(BinaryTable.fromRowMajor(new Object[][] {{1.5, 2}, {2.5, 3}})));
        Path table = dir.resolve("table.fits");
        t.write(table.toFile());
        t.close();
        assertEquals(201, upload("alice", folder + "/table.fits", Files.readAllBytes(table)).statusCode());
        Response r = preview("alice", folder + "/table.fits", "PREVIEW=png");
        assertEquals(400, r.statusCode());
        assertTrue(r.asString().contains("no image to preview"), r.asString());
        assertEquals(201, upload("alice", folder + "/notes.txt", "a,b\n1,2\n".getBytes()).statusCode());
        Response text = preview("alice", folder + "/notes.txt", "PREVIEW=png");
        assertEquals(400, text.statusCode());
        assertTrue(text.asString().contains("only FITS images, PNG and JPEG"), text.asString());
        Response size = preview("alice", folder + "/notes.txt", "PREVIEW=png&PREVIEW_SIZE=99999");
        assertEquals(400, size.statusCode());
        assertTrue(size.asString().contains("PREVIEW_SIZE"), size.asString());
        Response both = preview("alice", folder + "/table.fits", "PREVIEW=png&META=true");
        assertEquals(400, both.statusCode());
    }

    @Test
    void theCapabilitiesSayPreviewsAreOffered() {
        String caps = anonymous().get(BASE + "/capabilities").asString();
        assertTrue(caps.contains("standardID=\"ivo://vosportal.org/std/preview#png-1.0\""), caps);
    }
}
