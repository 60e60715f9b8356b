package org.vosportal.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vosportal.fits.FitsTestSupport.sub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosportal.fits.FitsTestSupport.Answer;
import org.vosportal.fits.wcs.CelestialWcs;

class ImageCutoutTest {

    @TempDir
    Path dir;

    @Test
    void aPixelBoxHoldsExactlyThosePixelsAndAShiftedWcs() throws Exception {
        Path img = FitsFixtures.image(dir, "img.fits", 200, 150);
        Answer a = sub(img, "[10:20,30:40]");
        assertEquals("application/fits", a.contentType());
        List<BasicHDU<?>> hdus = a.hdus();
        assertEquals(1, hdus.size(), "one cut of the primary image is a single-HDU file");
        Header h = hdus.get(0).getHeader();
        assertEquals(11, h.getIntValue("NAXIS1"));
        assertEquals(11, h.getIntValue("NAXIS2"));
        int[][] px = (int[][]) hdus.get(0).getKernel();
        assertEquals(10 + 1000 * 30, px[0][0]);
        assertEquals(20 + 1000 * 40, px[10][10]);
        assertEquals(15 + 1000 * 33, px[3][5]);
        assertEquals(100 - 9, h.getDoubleValue("CRPIX1"), 1e-9);
        assertEquals("NGC5457", h.getStringValue("OBJECT"), "the source's cards are kept");
        assertTrue(h.findCard("HISTORY").getComment().contains("[10:20,30:40] of img.fits"), h.findCard("HISTORY").getComment());
        sameSky(Header.readHeader(new nom.tam.util.FitsInputStream(Files.newInputStream(img))), h, 10, 30, 1, 1);
        sameSky(Header.readHeader(new nom.tam.util.FitsInputStream(Files.newInputStream(img))), h, 20, 40, 11, 11);
    }

    @Test
    void flippedAxesReverseThePixelsAndKeepEveryPixelOnTheSameSky() throws Exception {
        Path img = FitsFixtures.image(dir, "img.fits", 60, 50);
        Answer a = sub(img, "[20:11,5:1]");
        BasicHDU<?> hdu = a.hdus().get(0);
        int[][] px = (int[][]) hdu.getKernel();
        assertEquals(20 + 1000 * 5, px[0][0]);
        assertEquals(11 + 1000 * 5, px[0][9]);
        assertEquals(20 + 1000 * 1, px[4][0]);
        Header src = Header.readHeader(new nom.tam.util.FitsInputStream(Files.newInputStream(img)));
        sameSky(src, hdu.getHeader(), 20, 5, 1, 1);
        sameSky(src, hdu.getHeader(), 11, 1, 10, 5);
        sameSky(src, hdu.getHeader(), 14, 3, 7, 3);
    }

    @Test
    void flipsKeepTheSkyWithAPcMatrixToo() throws Exception {
        Path img = FitsFixtures.imagePc(dir, "pc.fits", 60, 50);
        BasicHDU<?> hdu = sub(img, "[30:21,8:40]").hdus().get(0);
        Header src = Header.readHeader(new nom.tam.util.FitsInputStream(Files.newInputStream(img)));
        sameSky(src, hdu.getHeader(), 30, 8, 1, 1);
        sameSky(src, hdu.getHeader(), 21, 40, 10, 33);
        sameSky(src, hdu.getHeader(), 25, 17, 6, 10);
    }

    @Test
    void floatImagesKeepTheirBitpixAndValues() throws Exception {
        Path img = FitsFixtures.floatImage(dir, "f.fits", 40, 30);
        BasicHDU<?> hdu = sub(img, "[3:4,7:9]").hdus().get(0);
        assertEquals(-32, hdu.getHeader().getIntValue("BITPIX"));
        float[][] px = (float[][]) hdu.getKernel();
        assertEquals(3.007f, px[0][0], 1e-6);
        assertEquals(4.009f, px[2][1], 1e-6);
    }

    @Test
    void cubesCutOnEveryAxisAndLeaveUnnamedAxesWhole() throws Exception {
        Path cube = FitsFixtures.cube(dir, "cube.fits", 30, 20, 3);
        BasicHDU<?> hdu = sub(cube, "[5:7,2:3,2:3]").hdus().get(0);
        short[][][] px = (short[][][]) hdu.getKernel();
        assertEquals(2, px.length);
        assertEquals(5 + 200 + 20000, px[0][0][0]);
        assertEquals(7 + 300 + 30000, px[1][1][2]);
        assertEquals(1.4e9 + 1e6, hdu.getHeader().getDoubleValue("CRVAL3")
                + (1 - hdu.getHeader().getDoubleValue("CRPIX3")) * hdu.getHeader().getDoubleValue("CDELT3"),
                1e-3, "the cut's first plane keeps the source's second plane's frequency");
        BasicHDU<?> planes = sub(cube, "[1:2,1:2]").hdus().get(0);
        assertEquals(3, planes.getHeader().getIntValue("NAXIS3"), "an axis without a range stays whole");
    }

    @Test
    void extensionsByIndexNameAndVersionComeAfterAnEmptyPrimary() throws Exception {
        Path mef = FitsFixtures.multiExtension(dir, "mef.fits");
        List<BasicHDU<?>> byName = sub(mef, "[SCI,2][2:3,1:2]").hdus();
        assertEquals(2, byName.size());
        assertEquals(0, byName.get(0).getHeader().getIntValue("NAXIS"));
        assertEquals("NGC1365", byName.get(0).getHeader().getStringValue("OBJECT"), "the primary's cards come along");
        assertEquals("IMAGE", byName.get(1).getHeader().getStringValue("XTENSION"));
        assertEquals("SCI", byName.get(1).getHeader().getStringValue("EXTNAME"));
        int[][] px = (int[][]) byName.get(1).getKernel();
        assertEquals(2 + 1000 + 300000, px[0][0]);

        int[][] err = (int[][]) sub(mef, "[2][1:1,6:6]").hdus().get(1).getKernel();
        assertEquals(1 + 6000 + 200000, err[0][0]);

        List<BasicHDU<?>> two = sub(mef, "[SCI][1:2,1:1]", "[ERR][1:2,1:1]").hdus();
        assertEquals(3, two.size(), "one extension per SUB");
        assertEquals(1 + 1000 + 100000, ((int[][]) two.get(1).getKernel())[0][0], "SCI without a version is the first");
        assertEquals(1 + 1000 + 200000, ((int[][]) two.get(2).getKernel())[0][0]);

        List<BasicHDU<?>> whole = sub(mef, "[3]").hdus();
        assertEquals(8, whole.get(1).getHeader().getIntValue("NAXIS1"));
        assertEquals(6, whole.get(1).getHeader().getIntValue("NAXIS2"));
    }

    @Test
    void rangesWithoutAnExtensionCutTheFirstImageWhenThePrimaryIsEmpty() throws Exception {
        Path mef = FitsFixtures.multiExtension(dir, "mef.fits");
        int[][] px = (int[][]) sub(mef, "[1:1,1:1]").hdus().get(1).getKernel();
        assertEquals(1 + 1000 + 100000, px[0][0]);
    }

    @Test
    void whatCannotBeCutIsRefusedInWordsBeforeAnyByteIsWritten() throws Exception {
        Path img = FitsFixtures.image(dir, "img.fits", 20, 10);
        Path mef = FitsFixtures.multiExtension(dir, "mef.fits");
        assertRefused("outside axis 1, which has pixels 1 to 20", img, "[15:25,1:2]");
        assertRefused("gives 3 pixel ranges, but the primary HDU has 2 axes", img, "[1:2,1:2,1:1]");
        assertRefused("no extension 9", mef, "[9]");
        assertRefused("no extension named RAW", mef, "[RAW]");
        assertRefused("no extension named SCI with version 3", mef, "[SCI,3]");
        assertRefused("is not an image", mef, "[4][1:1]");
        assertRefused("tile-compressed", FitsFixtures.compressed(dir, "c.fits"), "[1][1:4,1:4]");
        assertRefused("gzip-compressed", FitsFixtures.gzipped(dir, "img.fits.gz", img), "[1:2,1:2]");
        Path text = Files.writeString(dir.resolve("notes.txt"), "x".repeat(4000));
        assertRefused("not a FITS file", text, "[1:2]");
    }

    @Test
    void aSmallCutOfALargeImageReadsKilobytesNotTheFile() throws Exception {
        Path big = FitsFixtures.image(dir, "big.fits", 2000, 2000); // 16 MB
        Answer a = sub(big, "[1000:1009,1500:1509]");
        assertEquals(10, ((int[][]) a.hdus().get(0).getKernel()).length);
        assertTrue(a.bytesRead() < 16 * 1024, "read " + a.bytesRead() + " of " + Files.size(big) + " bytes");
    }

    private static void assertRefused(String words, Path file, String... subs) {
        FitsRefusal e = assertThrows(FitsRefusal.class, () -> sub(file, subs));
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }

    /** Source pixel (sx, sy) and cutout pixel (cx, cy) map to the same sky position. */
    private static void sameSky(Header src, Header cut, double sx, double sy, double cx, double cy) {
        double[] a = CelestialWcs.of(src).toSky(sx, sy);
        double[] b = CelestialWcs.of(cut).toSky(cx, cy);
        assertArrayEquals(a, b, 1e-9, "pixel " + sx + "," + sy + " of the source is " + cx + "," + cy + " of the cut");
    }
}
