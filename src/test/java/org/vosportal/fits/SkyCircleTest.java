package org.vosportal.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vosportal.fits.FitsTestSupport.circle;

import java.nio.file.Files;
import java.nio.file.Path;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosportal.fits.wcs.CelestialWcs;

class SkyCircleTest {

    @TempDir
    Path dir;

    @Test
    void aCircleCutsTheBoxAroundItWithTheWcsKept() throws Exception {
        Path img = FitsFixtures.image(dir, "img.fits", 400, 400);
        Header src = Header.readHeader(new nom.tam.util.FitsInputStream(Files.newInputStream(img)));
        CelestialWcs wcs = CelestialWcs.of(src);
        double[] centre = wcs.toSky(150, 260);
        // 0.01° = 36″; pixels are about 1″ (|CD| ≈ 2.7e-4 to 2.8e-4 deg): a box ~ 65 to 75 pixels wide
        BasicHDU<?> hdu = circle(img, centre[0] + " " + centre[1] + " 0.01").hdus().get(0);
        Header h = hdu.getHeader();
        int nx = h.getIntValue("NAXIS1");
        int ny = h.getIntValue("NAXIS2");
        assertTrue(nx >= 65 && nx <= 78, "width " + nx);
        assertTrue(ny >= 65 && ny <= 78, "height " + ny);
        int[][] px = (int[][]) hdu.getKernel();
        int x0 = px[0][0] % 1000;
        int y0 = px[0][0] / 1000;
        assertTrue(Math.abs(x0 + nx / 2.0 - 150) <= 2 && Math.abs(y0 + ny / 2.0 - 260) <= 2,
                "centred on pixel 150,260: starts at " + x0 + "," + y0);
        double[] back = CelestialWcs.of(h).toSky(150 - x0 + 1, 260 - y0 + 1);
        assertEquals(centre[0], back[0], 1e-9);
        assertEquals(centre[1], back[1], 1e-9);
    }

    @Test
    void aCircleAtTheEdgeIsClippedAndOneOffTheImageIsNoOverlap() throws Exception {
        Path img = FitsFixtures.image(dir, "img.fits", 100, 100);
        CelestialWcs wcs = CelestialWcs.of(Header.readHeader(new nom.tam.util.FitsInputStream(Files.newInputStream(img))));
        double[] corner = wcs.toSky(1, 1);
        Header h = circle(img, corner[0] + " " + corner[1] + " 0.005").hdus().get(0).getHeader();
        assertTrue(h.getIntValue("NAXIS1") < 25 && h.getIntValue("NAXIS1") > 10, "clipped: " + h.getIntValue("NAXIS1"));
        FitsRefusal e = assertThrows(FitsRefusal.class, () -> circle(img, "10.0 -30.0 0.01"));
        assertTrue(e.getMessage().startsWith("no overlap"), e.getMessage());
    }

    @Test
    void cubesKeepTheirSpectralAxisWhole() throws Exception {
        Path cube = FitsFixtures.cube(dir, "cube.fits", 80, 80, 3);
        Header h = circle(cube, FitsFixtures.RA + " " + FitsFixtures.DEC + " 0.003").hdus().get(0).getHeader();
        assertEquals(3, h.getIntValue("NAXIS3"));
        assertTrue(h.getIntValue("NAXIS1") < 80);
    }

    @Test
    void malformedCirclesAndImagesWithoutCelestialWcsAreRefused() throws Exception {
        for (String bad : new String[] {"1 2", "a b c", "10 95 0.1", "10 20 0", "10 20 NaN", "400 0 1"}) {
            assertTrue(assertThrows(FitsRefusal.class, () -> SkyCircle.parse(bad)).getMessage().startsWith("invalid CIRCLE"), bad);
        }
        Path mef = FitsFixtures.multiExtension(dir, "mef.fits");
        assertTrue(assertThrows(FitsRefusal.class, () -> circle(mef, "10 20 0.1")).getMessage().contains("no celestial WCS"));
    }
}
