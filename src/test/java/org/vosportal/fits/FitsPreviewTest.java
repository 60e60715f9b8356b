package org.vosportal.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.Fits;
import nom.tam.fits.NullDataHDU;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preview's stretch (zscale), its decimated read, the choice of image, and PNG/JPEG thumbnails. */
class FitsPreviewTest {

    @TempDir
    Path dir;

    // ------------------------------------------------------------------ zscale

    @Test
    void zscaleOfAStraightRampIsItsRange() {
        float[] ramp = new float[10_000];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i;
        }
        // 10,000 values: every 10th is sampled (0, 10, … 9990), which lie on a line of slope 10;
        // the limits median ∓ slope/contrast × half the sample reach beyond it, so they are its ends
        assertArrayEquals(new double[] {0, 9990}, ZScale.limits(ramp), 1e-9);
    }

    @Test
    void zscaleIgnoresBrightStarsAndNaN() {
        // a sky of 1000 values 100.0 … 109.99 (sorted: a line of slope 0.01), 2% of them stars at 1e6, NaN holes
        float[] sky = new float[1000];
        for (int i = 0; i < sky.length; i++) {
            sky[i] = 100 + (i % 1000) * 0.01f;
        }
        for (int i = 0; i < sky.length; i += 50) {
            sky[i] = 1e6f;
        }
        float[] withHoles = new float[1100];
        System.arraycopy(sky, 0, withHoles, 0, 1000);
        java.util.Arrays.fill(withHoles, 1000, 1100, Float.NaN);
        double[] lim = ZScale.limits(withHoles);
        assertTrue(lim[0] >= 100 && lim[0] < 101, "low limit at the sky's bottom: " + lim[0]);
        assertTrue(lim[1] > 109 && lim[1] < 130, "high limit near the sky, not the stars: " + lim[1]);
    }

    @Test
    void zscaleOfNothingFiniteIsNaN() {
        double[] lim = ZScale.limits(new float[] {Float.NaN, Float.POSITIVE_INFINITY});
        assertTrue(Double.isNaN(lim[0]) && Double.isNaN(lim[1]));
    }

    // ------------------------------------------------------------------ pixels

    @Test
    void sixteenBitPixelsAreScaledFlippedAndBlankIsTransparent() throws Exception {
        // 3 × 2, BITPIX 16, BZERO 32768 (unsigned), BLANK -32768 at (1,1): stored values -32768, -32767 … 
        ByteBuffer data = ByteBuffer.allocate(12);
        short[] stored = {-32768, -32000, 0, 100, 200, 32767};
        for (short s : stored) {
            data.putShort(s);
        }
        Path f = raw(dir.resolve("u16.fits"), 16, 3, 2, data.array(), "BZERO   =              32768.0", "BSCALE  =                  1.0",
                "BLANK   =               -32768");
        FitsPreview.Samples s = samples(f, 1024);
        assertEquals(3, s.width());
        assertEquals(2, s.height());
        assertEquals(1, s.step());
        // FITS row 1 (stored[0..2]) is the bottom row of the picture
        assertEquals(32768 + 100, s.values()[0], 0);
        assertEquals(32768 + 32767, s.values()[2], 0);
        assertTrue(Float.isNaN(s.values()[3]), "BLANK is no value");
        assertEquals(768, s.values()[4], 0);
        BufferedImage img = FitsPreview.stretch(s);
        assertEquals(0, img.getRGB(0, 1) >>> 24, "BLANK is transparent");
        assertEquals(0xff, img.getRGB(1, 1) >>> 24, "a value is opaque");
        assertEquals(0, img.getRGB(1, 1) & 0xff, "the lowest value is black");
        assertEquals(0xff, img.getRGB(2, 0) & 0xff, "the highest value is white");
    }

    @Test
    void eightBitPixelsAreUnsigned() throws Exception {
        Path f = raw(dir.resolve("u8.fits"), 8, 2, 1, new byte[] {(byte) 200, 5});
        FitsPreview.Samples s = samples(f, 64);
        assertArrayEquals(new float[] {200, 5}, s.values(), 0);
    }

    @Test
    void doublePixelsWithNaN() throws Exception {
        ByteBuffer data = ByteBuffer.allocate(16).putDouble(1.5).putDouble(Double.NaN);
        Path f = raw(dir.resolve("f64.fits"), -64, 2, 1, data.array());
        FitsPreview.Samples s = samples(f, 64);
        assertEquals(1.5f, s.values()[0], 0);
        assertTrue(Float.isNaN(s.values()[1]));
        assertEquals(0, FitsPreview.stretch(s).getRGB(1, 0) >>> 24, "NaN is transparent");
    }

    @Test
    void aCubeShowsItsMiddlePlane() throws Exception {
        Path f = FitsFixtures.cube(dir, "cube.fits", 5, 4, 3);
        FitsPreview.Samples s = samples(f, 1024);
        // value(x, y, z) = x + 100·y + 10000·z (1-based): plane z = 2; top-left of the picture is (1, 4)
        assertEquals(1 + 400 + 20000, s.values()[0], 0);
        assertEquals(5 + 100 + 20000, s.values()[3 * 5 + 4], 0);
    }

    @Test
    void theFirstImageExtensionWhenThePrimaryIsEmpty() throws Exception {
        Path f = FitsFixtures.multiExtension(dir, "mef.fits");
        FitsPreview.Samples s = samples(f, 1024);
        assertEquals(1, s.hdu().index());
        assertEquals(8, s.width());
        assertEquals(1 + 6000 + 100000, s.values()[0], 0, "SCI,1 top-left (1, 6)");
    }

    // ------------------------------------------------------------------ decimation

    @Test
    void aLargeImageIsReadEveryKthRowOnly() throws Exception {
        Path f = FitsFixtures.floatImage(dir, "big.fits", 2000, 1500);
        long size = Files.size(f);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            CountingChannel in = new CountingChannel(ch);
            FitsPreview.Samples s = FitsPreview.sample(in, FitsPreview.choose(FitsLayout.read(in)), 100);
            assertEquals(20, s.step());
            assertEquals(100, s.width());
            assertEquals(75, s.height());
            // value(x, y) = x + y/1000 (1-based): the picture's bottom-left is pixel (1, 1), the next sample (21, 1)
            assertEquals(1.001f, s.values()[74 * 100], 1e-4);
            assertEquals(21.001f, s.values()[74 * 100 + 1], 1e-4);
            assertEquals(1 + 1481 / 1000f, s.values()[0], 1e-4, "top row: FITS row 1 + 74 × 20");
            long rows = 75L * ((99 * 20 + 1) * 4);
            assertTrue(in.bytesRead() < size / 15, "read " + in.bytesRead() + " of " + size);
            assertTrue(in.bytesRead() >= rows && in.bytesRead() < rows + 4 * 2880, "75 row spans and the header: " + in.bytesRead());
        }
    }

    @Test
    void farApartSamplesAreReadPixelByPixel() throws Exception {
        ByteBuffer data = ByteBuffer.allocate(20_000 * 4 * 8);
        for (int i = 0; i < 20_000 * 4; i++) {
            data.putDouble(i);
        }
        Path f = raw(dir.resolve("wide.fits"), -64, 20_000, 4, data.array());
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            CountingChannel in = new CountingChannel(ch);
            Hdu h = FitsPreview.choose(FitsLayout.read(in));
            long before = in.bytesRead();
            FitsPreview.Samples s = FitsPreview.sample(in, h, 16);
            assertEquals(1250, s.step());
            assertEquals(16, s.width());
            assertEquals(1, s.height());
            assertEquals(16 * 8, in.bytesRead() - before, "16 pixels of 8 bytes, nothing between them");
            assertEquals(1250, s.values()[1], 0);
        }
    }

    // ------------------------------------------------------------------ refusals

    @Test
    void aTableOnlyFileOrACompressedImageHasNoPreview() throws Exception {
        Fits t = new Fits();
        t.addHDU(new NullDataHDU());
        t.addHDU(Fits.makeHDU(BinaryTable.fromRowMajor(new Object[][] {{1.5, 2}, {2.5, 3}})));
        Path table = dir.resolve("table.fits");
        t.write(table.toFile());
        t.close();
        FitsRefusal e = assertThrows(FitsRefusal.class, () -> render(table, 256));
        assertTrue(e.getMessage().contains("no image to preview"), e.getMessage());
        FitsRefusal c = assertThrows(FitsRefusal.class, () -> render(FitsFixtures.compressed(dir, "c.fits"), 256));
        assertTrue(c.getMessage().contains("tile-compressed"), c.getMessage());
        Path gz = FitsFixtures.gzipped(dir, "i.fits.gz", FitsFixtures.image(dir, "i.fits", 4, 4));
        assertTrue(assertThrows(FitsRefusal.class, () -> render(gz, 256)).getMessage().contains("gzip"));
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, not an image\n");
        assertTrue(assertThrows(FitsRefusal.class, () -> render(text, 256)).getMessage().contains("no preview of this kind"));
    }

    // ------------------------------------------------------------------ PNG and JPEG

    @Test
    void pngAndJpegAreScaledToTheLongSide() throws Exception {
        BufferedImage src = new BufferedImage(3000, 2000, BufferedImage.TYPE_INT_RGB);
        src.setRGB(0, 0, 0xff0000);
        for (String format : new String[] {"png", "jpg"}) {
            Path f = dir.resolve("photo." + format);
            assertTrue(ImageIO.write(src, format, f.toFile()));
            BufferedImage out = render(f, 256);
            assertEquals(256, out.getWidth(), format);
            assertEquals(171, out.getHeight(), format);
            byte[] png = Previews.png(out);
            assertEquals((byte) 0x89, png[0]);
            assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
            assertEquals(256, ImageIO.read(new ByteArrayInputStream(png)).getWidth());
        }
    }

    @Test
    void aHugeDeclaredImageIsRefusedBeforeDecoding() throws Exception {
        // a PNG whose header says 100,000 × 100,000 (a decompression bomb says so too)
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(100_000).putInt(100_000).put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        png.write(ByteBuffer.allocate(4).putInt(13).array());
        png.write(ihdr.array());
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        png.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        Path f = Files.write(dir.resolve("bomb.png"), png.toByteArray());
        FitsRefusal e = assertThrows(FitsRefusal.class, () -> render(f, 256));
        assertTrue(e.getMessage().contains("100000 × 100000 pixels"), e.getMessage());
    }

    // ------------------------------------------------------------------ helpers

    static BufferedImage render(Path f, int size) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            return Previews.render(new CountingChannel(ch), size);
        }
    }

    static FitsPreview.Samples samples(Path f, int size) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            CountingChannel in = new CountingChannel(ch);
            return FitsPreview.sample(in, FitsPreview.choose(FitsLayout.read(in)), size);
        }
    }

    /** A primary image written card by card: every byte as the test says. */
    static Path raw(Path out, int bitpix, int nx, int ny, byte[] data, String... cards) throws IOException {
        StringBuilder h = new StringBuilder();
        card(h, "SIMPLE  =                    T");
        card(h, String.format(Locale.ROOT, "BITPIX  = %20d", bitpix));
        card(h, String.format(Locale.ROOT, "NAXIS   = %20d", 2));
        card(h, String.format(Locale.ROOT, "NAXIS1  = %20d", nx));
        card(h, String.format(Locale.ROOT, "NAXIS2  = %20d", ny));
        for (String c : cards) {
            card(h, c);
        }
        card(h, "END");
        while (h.length() % 2880 != 0) {
            h.append(' ');
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(h.toString().getBytes(StandardCharsets.US_ASCII));
        b.write(data);
        b.write(new byte[(int) (FitsLayout.padded(data.length) - data.length)]);
        return Files.write(out, b.toByteArray());
    }

    private static void card(StringBuilder h, String c) {
        h.append(String.format(Locale.ROOT, "%-80s", c));
    }
}
