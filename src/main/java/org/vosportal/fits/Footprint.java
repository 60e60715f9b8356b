package org.vosportal.fits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nom.tam.fits.Header;
import org.vosportal.fits.wcs.CelestialWcs;

/**
 * Where an image lies on the sky, from its celestial WCS: the centre pixel's position and the RA
 * and Dec its edges span (what someone filling a cutout's RA/Dec/radius needs to know). RA ranges
 * may cross 0° ({@code raFrom} > {@code raTo}); an image holding a pole spans every RA.
 *
 * @param raFrom the lowest RA going east from the largest gap, in [0, 360)
 * @param raTo   the highest, in [0, 360); equal to raFrom when the image spans every RA
 */
public record Footprint(long width, long height, double centreRa, double centreDec, double raFrom, double raTo,
        double decMin, double decMax, boolean allRa) {

    /** Points sampled along each edge: enough for a curved edge of a wide-field image. */
    static final int PER_EDGE = 16;

    /** The footprint of an image HDU's header, or null when it has no celestial WCS this package reads. */
    public static Footprint of(Header h) {
        CelestialWcs wcs;
        try {
            wcs = CelestialWcs.of(h);
        } catch (CelestialWcs.WcsException | IllegalArgumentException e) {
            return null;
        }
        long nx = h.getLongValue("NAXIS" + wcs.lonAxis, 0);
        long ny = h.getLongValue("NAXIS" + wcs.latAxis, 0);
        if (nx <= 0 || ny <= 0) {
            return null;
        }
        double[] centre = wcs.toSky((nx + 1) / 2.0, (ny + 1) / 2.0);
        if (centre == null) {
            return null;
        }
        List<double[]> edge = new ArrayList<>();
        // pixel n covers n − 0.5 to n + 0.5: the outline runs along the outer pixel edges
        double x0 = 0.5;
        double x1 = nx + 0.5;
        double y0 = 0.5;
        double y1 = ny + 0.5;
        for (int i = 0; i <= PER_EDGE; i++) {
            double t = (double) i / PER_EDGE;
            add(edge, wcs.toSky(x0 + t * (x1 - x0), y0));
            add(edge, wcs.toSky(x0 + t * (x1 - x0), y1));
            add(edge, wcs.toSky(x0, y0 + t * (y1 - y0)));
            add(edge, wcs.toSky(x1, y0 + t * (y1 - y0)));
        }
        if (edge.isEmpty()) {
            return null;
        }
        double decMin = edge.stream().mapToDouble(p -> p[1]).min().orElseThrow();
        double decMax = edge.stream().mapToDouble(p -> p[1]).max().orElseThrow();
        boolean north = inside(wcs.toPixel(0, 90), x0, x1, y0, y1);
        boolean south = inside(wcs.toPixel(0, -90), x0, x1, y0, y1);
        if (north || south) {
            return new Footprint(nx, ny, centre[0], centre[1], 0, 0, south ? -90 : decMin, north ? 90 : decMax, true);
        }
        double[] ras = edge.stream().mapToDouble(p -> normalise(p[0])).sorted().toArray();
        // the span is the circle minus its largest gap between neighbouring RAs
        double gap = ras[0] + 360 - ras[ras.length - 1];
        double from = ras[0];
        double to = ras[ras.length - 1];
        for (int i = 1; i < ras.length; i++) {
            if (ras[i] - ras[i - 1] > gap) {
                gap = ras[i] - ras[i - 1];
                from = ras[i];
                to = ras[i - 1];
            }
        }
        return new Footprint(nx, ny, normalise(centre[0]), centre[1], from, to, decMin, decMax, false);
    }

    /** The RA the image spans, in degrees (360 when it holds a pole). */
    public double raSpan() {
        return allRa ? 360 : normalise(raTo - raFrom);
    }

    /**
     * A radius that fits inside the image around its centre: half the smaller of its extents on
     * the sky (RA span shrunk by cos Dec), a starting value for a cutout.
     */
    public double innerRadius() {
        double ra = allRa ? 180 : raSpan() * Math.cos(Math.toRadians(centreDec));
        return Math.max(0, Math.min(ra, decMax - decMin) / 2);
    }

    private static void add(List<double[]> out, double[] sky) {
        if (sky != null && Double.isFinite(sky[0]) && Double.isFinite(sky[1])) {
            out.add(sky);
        }
    }

    private static boolean inside(double[] p, double x0, double x1, double y0, double y1) {
        return p != null && p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1;
    }

    static double normalise(double ra) {
        double r = ra % 360;
        return r < 0 ? r + 360 : r;
    }

    @Override
    public String toString() {
        return "Footprint" + Arrays.toString(new double[] {centreRa, centreDec, raFrom, raTo, decMin, decMax});
    }
}
