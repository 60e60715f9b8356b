package org.vosportal.fits;

import java.util.ArrayList;
import java.util.List;
import org.vosportal.fits.wcs.CelestialWcs;

/**
 * A SODA {@code CIRCLE=ra dec radius} (ICRS degrees) and the pixel box it covers on an image:
 * the image's celestial WCS places points around the circle's edge and its centre; their
 * bounding box, clipped to the image, is the cut. A cube keeps its other axes whole.
 */
public record SkyCircle(double ra, double dec, double radius) {

    private static final int EDGE_POINTS = 72;

    public static SkyCircle parse(String value) {
        String[] p = value == null ? new String[0] : value.strip().split("[\\s,]+");
        if (p.length != 3) {
            throw new FitsRefusal("invalid CIRCLE '" + value + "': expected 'ra dec radius' in degrees");
        }
        double[] v = new double[3];
        for (int i = 0; i < 3; i++) {
            try {
                v[i] = Double.parseDouble(p[i]);
            } catch (NumberFormatException e) {
                throw new FitsRefusal("invalid CIRCLE '" + value + "': '" + p[i] + "' is not a number");
            }
            if (!Double.isFinite(v[i])) {
                throw new FitsRefusal("invalid CIRCLE '" + value + "': '" + p[i] + "' is not a finite number");
            }
        }
        if (v[0] < 0 || v[0] > 360 || v[1] < -90 || v[1] > 90) {
            throw new FitsRefusal("invalid CIRCLE '" + value + "': RA must be 0 to 360 and Dec -90 to 90 degrees");
        }
        if (v[2] <= 0 || v[2] > 90) {
            throw new FitsRefusal("invalid CIRCLE '" + value + "': the radius must be above 0 and at most 90 degrees");
        }
        return new SkyCircle(v[0], v[1], v[2]);
    }

    /** The pixel ranges of {@code hdu} this circle covers; a refusal when it does not overlap the image. */
    public List<PixelRange> box(Hdu hdu) {
        CelestialWcs wcs;
        try {
            wcs = CelestialWcs.of(hdu.header());
        } catch (CelestialWcs.WcsException e) {
            throw new FitsRefusal("cannot place the CIRCLE on " + hdu.describe() + ": " + e.getMessage());
        }
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] sky : outline()) {
            double[] p = wcs.toPixel(sky[0], sky[1]);
            if (p == null || !Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
                continue;
            }
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        long[] axes = hdu.axes();
        long nx = axes[wcs.lonAxis - 1];
        long ny = axes[wcs.latAxis - 1];
        // pixel n covers n − 0.5 to n + 0.5
        long x0 = Math.max(1, Math.round(Math.floor(minX + 0.5)));
        long x1 = Math.min(nx, Math.round(Math.floor(maxX + 0.5)));
        long y0 = Math.max(1, Math.round(Math.floor(minY + 0.5)));
        long y1 = Math.min(ny, Math.round(Math.floor(maxY + 0.5)));
        if (minX == Double.POSITIVE_INFINITY || x0 > x1 || y0 > y1) {
            throw new FitsRefusal("no overlap: the circle " + this + " lies outside " + hdu.describe());
        }
        List<PixelRange> ranges = new ArrayList<>();
        for (int i = 1; i <= axes.length; i++) {
            ranges.add(i == wcs.lonAxis ? new PixelRange(x0, x1) : i == wcs.latAxis ? new PixelRange(y0, y1) : PixelRange.ALL);
        }
        return ranges;
    }

    /** The centre and points on the edge, by great-circle offsets of {@code radius} in every direction. */
    private List<double[]> outline() {
        List<double[]> pts = new ArrayList<>();
        pts.add(new double[] {ra, dec});
        double d = Math.toRadians(dec);
        double r = Math.toRadians(radius);
        for (int i = 0; i < EDGE_POINTS; i++) {
            double b = 2 * Math.PI * i / EDGE_POINTS;
            double lat = Math.asin(Math.sin(d) * Math.cos(r) + Math.cos(d) * Math.sin(r) * Math.cos(b));
            double lon = Math.toRadians(ra) + Math.atan2(Math.sin(b) * Math.sin(r) * Math.cos(d),
                    Math.cos(r) - Math.sin(d) * Math.sin(lat));
            pts.add(new double[] {(Math.toDegrees(lon) % 360 + 360) % 360, Math.toDegrees(lat)});
        }
        return pts;
    }

    @Override
    public String toString() {
        return "(" + ra + ", " + dec + ", " + radius + ")";
    }
}
