package org.vosportal.fits;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;
import nom.tam.fits.NullDataHDU;
import nom.tam.image.compression.hdu.CompressedImageHDU;

/**
 * Small FITS files made by the tests themselves (nom-tam-fits writes them): pixel values encode
 * their own 1-based coordinates, so a cutout's values say where they came from.
 */
public final class FitsFixtures {

    static final double RA = 210.80;
    static final double DEC = 54.35;

    private FitsFixtures() {
    }

    /** value(x, y) = x + 1000·y (1-based), BITPIX 32, with a TAN WCS centred on (RA, DEC), 1″ pixels, rotated slightly. */
    public static Path image(Path dir, String name, int nx, int ny) throws IOException, FitsException {
        int[][] data = new int[ny][nx];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                data[y][x] = (x + 1) + 1000 * (y + 1);
            }
        }
        BasicHDU<?> hdu = Fits.makeHDU(data);
        tanWcs(hdu.getHeader(), nx / 2.0, ny / 2.0);
        hdu.getHeader().addValue("OBJECT", "NGC5457", "M101");
        return write(dir.resolve(name), hdu);
    }

    /** As {@link #image}, with the linear WCS as PCi_j × CDELTi (rotated, unequal scales) instead of CDi_j. */
    static Path imagePc(Path dir, String name, int nx, int ny) throws IOException, FitsException {
        int[][] data = new int[ny][nx];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                data[y][x] = (x + 1) + 1000 * (y + 1);
            }
        }
        BasicHDU<?> hdu = Fits.makeHDU(data);
        Header h = hdu.getHeader();
        h.addValue("CTYPE1", "RA---SIN", "");
        h.addValue("CTYPE2", "DEC--SIN", "");
        h.addValue("CRVAL1", 83.63, "");
        h.addValue("CRVAL2", 22.01, "");
        h.addValue("CRPIX1", nx / 2.0, "");
        h.addValue("CRPIX2", ny / 2.0, "");
        h.addValue("CDELT1", -1.5e-3, "");
        h.addValue("CDELT2", 2.0e-3, "");
        h.addValue("PC1_1", 0.9659258, "");
        h.addValue("PC1_2", -0.2588190, "");
        h.addValue("PC2_1", 0.2588190, "");
        h.addValue("PC2_2", 0.9659258, "");
        return write(dir.resolve(name), hdu);
    }

    /** A BITPIX −32 image: value(x, y) = x + y / 1000. */
    static Path floatImage(Path dir, String name, int nx, int ny) throws IOException, FitsException {
        float[][] data = new float[ny][nx];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                data[y][x] = (x + 1) + (y + 1) / 1000f;
            }
        }
        BasicHDU<?> hdu = Fits.makeHDU(data);
        tanWcs(hdu.getHeader(), nx / 2.0, ny / 2.0);
        return write(dir.resolve(name), hdu);
    }

    /** value(x, y, z) = x + 100·y + 10000·z, BITPIX 16, RA/DEC/FREQ axes. */
    static Path cube(Path dir, String name, int nx, int ny, int nz) throws IOException, FitsException {
        short[][][] data = new short[nz][ny][nx];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    data[z][y][x] = (short) ((x + 1) + 100 * (y + 1) + 10000 * (z + 1));
                }
            }
        }
        BasicHDU<?> hdu = Fits.makeHDU(data);
        Header h = hdu.getHeader();
        tanWcs(h, nx / 2.0, ny / 2.0);
        h.addValue("CTYPE3", "FREQ", "");
        h.addValue("CRPIX3", 1.0, "");
        h.addValue("CRVAL3", 1.4e9, "");
        h.addValue("CDELT3", 1e6, "");
        return write(dir.resolve(name), hdu);
    }

    /**
     * An empty primary (OBJECT only), then SCI,1 (value x + 1000·y + 100000), ERR,1 (+ 200000),
     * SCI,2 (+ 300000), each 8×6, and a binary table last.
     */
    static Path multiExtension(Path dir, String name) throws IOException, FitsException {
        Fits f = new Fits();
        NullDataHDU p = new NullDataHDU();
        f.addHDU(p);
        p.getHeader().addValue("OBJECT", "NGC1365", "");
        String[][] ext = {{"SCI", "1", "100000"}, {"ERR", "1", "200000"}, {"SCI", "2", "300000"}};
        for (String[] e : ext) {
            int[][] data = new int[6][8];
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 8; x++) {
                    data[y][x] = (x + 1) + 1000 * (y + 1) + Integer.parseInt(e[2]);
                }
            }
            BasicHDU<?> hdu = Fits.makeHDU(data);
            hdu.getHeader().addValue("EXTNAME", e[0], "");
            hdu.getHeader().addValue("EXTVER", Integer.parseInt(e[1]), "");
            f.addHDU(hdu);
        }
        BinaryTable t = BinaryTable.fromRowMajor(new Object[][] {{1.5, 2}, {2.5, 3}});
        f.addHDU(Fits.makeHDU(t));
        Path out = dir.resolve(name);
        f.write(out.toFile());
        f.close();
        return out;
    }

    /** A RICE tile-compressed image in extension 1. */
    static Path compressed(Path dir, String name) throws IOException, FitsException {
        int[][] data = new int[16][16];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                data[y][x] = x + 16 * y;
            }
        }
        ImageHDU image = (ImageHDU) Fits.makeHDU(data);
        CompressedImageHDU c = CompressedImageHDU.fromImageHDU(image, 16, 16);
        c.setCompressAlgorithm("RICE_1");
        c.compress();
        Fits f = new Fits();
        f.addHDU(new NullDataHDU());
        f.addHDU(c);
        Path out = dir.resolve(name);
        f.write(out.toFile());
        f.close();
        return out;
    }

    static Path gzipped(Path dir, String name, Path fits) throws IOException {
        Path out = dir.resolve(name);
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(out))) {
            Files.copy(fits, o);
        }
        return out;
    }

    static void tanWcs(Header h, double crpix1, double crpix2) throws FitsException {
        h.addValue("CTYPE1", "RA---TAN", "");
        h.addValue("CTYPE2", "DEC--TAN", "");
        h.addValue("CRVAL1", RA, "");
        h.addValue("CRVAL2", DEC, "");
        h.addValue("CRPIX1", crpix1, "");
        h.addValue("CRPIX2", crpix2, "");
        h.addValue("CD1_1", -2.7e-4, "");
        h.addValue("CD1_2", 1.0e-5, "");
        h.addValue("CD2_1", 1.2e-5, "");
        h.addValue("CD2_2", 2.8e-4, "");
    }

    private static Path write(Path out, BasicHDU<?> hdu) throws IOException, FitsException {
        Fits f = new Fits();
        f.addHDU(hdu);
        f.write(out.toFile());
        f.close();
        return out;
    }
}
