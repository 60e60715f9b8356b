package org.vosportal.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import org.junit.jupiter.api.Test;
import org.vosportal.fits.wcs.CelestialWcs;

class FootprintTest {

    /** A TAN image of nx × ny pixels of 0.001° with its reference pixel at the centre. */
    static Header tan(int nx, int ny, double ra, double dec) {
        Header h = new Header();
        h.addLine(HeaderCard.create("SIMPLE  =                    T"));
        h.addLine(HeaderCard.create("BITPIX  =                  -32"));
        h.addLine(HeaderCard.create("NAXIS   =                    2"));
        h.addLine(HeaderCard.create(String.format("NAXIS1  = %20d", nx)));
        h.addLine(HeaderCard.create(String.format("NAXIS2  = %20d", ny)));
        h.addLine(HeaderCard.create("CTYPE1  = 'RA---TAN'"));
        h.addLine(HeaderCard.create("CTYPE2  = 'DEC--TAN'"));
        h.addLine(HeaderCard.create(String.format(java.util.Locale.ROOT, "CRVAL1  = %20.10f", ra)));
        h.addLine(HeaderCard.create(String.format(java.util.Locale.ROOT, "CRVAL2  = %20.10f", dec)));
        h.addLine(HeaderCard.create(String.format(java.util.Locale.ROOT, "CRPIX1  = %20.4f", (nx + 1) / 2.0)));
        h.addLine(HeaderCard.create(String.format(java.util.Locale.ROOT, "CRPIX2  = %20.4f", (ny + 1) / 2.0)));
        h.addLine(HeaderCard.create("CDELT1  =               -0.001"));
        h.addLine(HeaderCard.create("CDELT2  =                0.001"));
        return h;
    }

    @Test
    void anImageSpansItsPixelsOnTheSkyAroundItsCentre() {
        Footprint f = Footprint.of(tan(100, 80, 210.8, 54.35));
        assertEquals(100, f.width());
        assertEquals(80, f.height());
        assertEquals(210.8, f.centreRa(), 1e-9);
        assertEquals(54.35, f.centreDec(), 1e-9);
        assertFalse(f.allRa());
        // 80 pixels of 0.001° in Dec; 100 in RA, widened by 1/cos(Dec) (more at the northern edge)
        assertEquals(54.31, f.decMin(), 1e-4);
        assertEquals(54.39, f.decMax(), 2e-4);
        double expected = 0.1 / Math.cos(Math.toRadians(54.35));
        assertEquals(expected, f.raSpan(), expected * 0.01);
        assertTrue(f.raFrom() < 210.8 && f.raTo() > 210.8, f.toString());
        assertEquals(0.04, f.innerRadius(), 1e-3); // half the smaller extent (Dec)
    }

    @Test
    void everyCornerIsInsideTheSpanTheWcsGives() {
        Header h = tan(300, 200, 45.0, -30.0);
        Footprint f = Footprint.of(h);
        CelestialWcs wcs = CelestialWcs.of(h);
        for (double[] px : new double[][] {{0.5, 0.5}, {300.5, 0.5}, {0.5, 200.5}, {300.5, 200.5}}) {
            double[] sky = wcs.toSky(px[0], px[1]);
            assertTrue(sky[1] >= f.decMin() - 1e-9 && sky[1] <= f.decMax() + 1e-9, "Dec of a corner " + sky[1]);
            assertTrue(sky[0] >= f.raFrom() - 1e-9 && sky[0] <= f.raTo() + 1e-9, "RA of a corner " + sky[0]);
        }
    }

    @Test
    void anImageAcrossRaZeroSpansFromBelow360ToAboveZero() {
        Footprint f = Footprint.of(tan(100, 100, 0.02, 10));
        assertTrue(f.raFrom() > 359.9 && f.raFrom() < 360, "from " + f.raFrom());
        assertTrue(f.raTo() > 0.05 && f.raTo() < 0.1, "to " + f.raTo());
        assertEquals(0.1 / Math.cos(Math.toRadians(10)), f.raSpan(), 0.002);
        assertEquals(0.02, f.centreRa(), 1e-9);
    }

    @Test
    void anImageHoldingThePoleSpansEveryRa() {
        Footprint f = Footprint.of(tan(100, 100, 123.0, 89.99));
        assertTrue(f.allRa());
        assertEquals(360, f.raSpan());
        assertEquals(90, f.decMax());
        assertTrue(f.decMin() > 89.9 && f.decMin() < 89.95, "min " + f.decMin());
    }

    @Test
    void noCelestialWcsIsNoFootprint() {
        Header h = new Header();
        h.addLine(HeaderCard.create("SIMPLE  =                    T"));
        h.addLine(HeaderCard.create("BITPIX  =                   16"));
        h.addLine(HeaderCard.create("NAXIS   =                    2"));
        h.addLine(HeaderCard.create("NAXIS1  =                   10"));
        h.addLine(HeaderCard.create("NAXIS2  =                   10"));
        assertNull(Footprint.of(h));
        h.addLine(HeaderCard.create("CTYPE1  = 'GLON-TAN'"));
        h.addLine(HeaderCard.create("CTYPE2  = 'GLAT-TAN'"));
        assertNull(Footprint.of(h));
    }
}
