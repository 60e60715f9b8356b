package org.vosportal.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import org.junit.jupiter.api.Test;
import org.vosportal.fits.wcs.CelestialWcs;

/**
 * org.vosportal.fits.wcs against an independent implementation: pixel-to-sky values computed by
 * astropy.wcs (WCSLIB) for TAN, SIN and CAR with CD, PC+CDELT and CROTA2 matrices, near a pole,
 * and with the axes swapped (src/test/resources/fits/make-wcs-reference.py wrote them).
 */
class WcsReferenceTest {

    record Point(double x, double y, double ra, double dec) {
    }

    record Case(String name, Header header, List<Point> points) {
    }

    @Test
    void everyReferenceCaseMatchesBothWays() throws Exception {
        List<Case> cases = read();
        assertTrue(cases.size() >= 7, "cases: " + cases.size());
        for (Case c : cases) {
            CelestialWcs wcs = CelestialWcs.of(c.header());
            for (Point q : c.points()) {
                // astropy gives world coordinates in axis order: (Dec, RA) when Dec is axis 1
                Point p = wcs.lonAxis == 1 ? q : new Point(q.x(), q.y(), q.dec(), q.ra());
                double pLon = wcs.lonAxis == 1 ? p.x() : p.y();
                double pLat = wcs.lonAxis == 1 ? p.y() : p.x();
                double[] sky = wcs.toSky(pLon, pLat);
                assertNotNull(sky, c.name() + " " + p);
                String where = c.name() + " pixel " + p.x() + "," + p.y();
                assertEquals(0, angle(sky[0], sky[1], p.ra(), p.dec()), 1e-4, where + " (arcsec off)");
                double[] px = wcs.toPixel(p.ra(), p.dec());
                assertNotNull(px, where);
                assertEquals(pLon, px[0], 1e-4, where + " back to pixels");
                assertEquals(pLat, px[1], 1e-4, where + " back to pixels");
            }
        }
    }

    /** Angular distance in arcseconds. */
    private static double angle(double ra1, double dec1, double ra2, double dec2) {
        double a = Math.toRadians(ra1 - ra2);
        double d1 = Math.toRadians(dec1);
        double d2 = Math.toRadians(dec2);
        double s = Math.sin(d1) * Math.sin(d2) + Math.cos(d1) * Math.cos(d2) * Math.cos(a);
        double c = Math.hypot(Math.cos(d2) * Math.sin(a), Math.cos(d1) * Math.sin(d2) - Math.sin(d1) * Math.cos(d2) * Math.cos(a));
        return Math.toDegrees(Math.atan2(c, s)) * 3600;
    }

    private static List<Case> read() throws Exception {
        List<Case> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                WcsReferenceTest.class.getResourceAsStream("/fits/wcs-reference.txt"), StandardCharsets.US_ASCII))) {
            String line;
            String name = null;
            Header h = null;
            List<Point> pts = null;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("CASE ")) {
                    name = line.substring(5).strip();
                    h = new Header();
                    pts = null;
                } else if (line.equals("POINTS")) {
                    pts = new ArrayList<>();
                } else if (line.equals("END CASE")) {
                    cases.add(new Case(name, h, pts));
                } else if (pts != null) {
                    String[] v = line.strip().split("\\s+");
                    pts.add(new Point(Double.parseDouble(v[0]), Double.parseDouble(v[1]), Double.parseDouble(v[2]),
                            Double.parseDouble(v[3])));
                } else {
                    h.addLine(HeaderCard.create(line));
                }
            }
        }
        return cases;
    }
}
