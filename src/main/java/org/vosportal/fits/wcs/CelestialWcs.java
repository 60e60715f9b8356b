package org.vosportal.fits.wcs;

import java.util.Locale;
import nom.tam.fits.Header;

/**
 * The celestial part of an image's FITS WCS (Papers I and II): the two axes whose CTYPE is
 * RA/DEC with a TAN, SIN or CAR projection, their CRPIX and CRVAL, the linear part from CDi_j,
 * from PCi_j × CDELTj, or from CDELT with CROTA2, and LONPOLE / LATPOLE. Maps equatorial (RA,
 * Dec) in degrees to 1-based FITS pixel coordinates of those two axes and back. Other axes of a
 * cube are left alone (their terms in the matrix are ignored).
 */
public final class CelestialWcs {

    /** 1-based axis numbers of longitude (RA) and latitude (Dec). */
    public final int lonAxis;
    public final int latAxis;
    private final Projection projection;
    private final SphericalRotation rotation;
    private final double crpixLon;
    private final double crpixLat;
    /** Pixel offsets to intermediate coordinates: [x; y] = m · [p_lon − crpix_lon; p_lat − crpix_lat]. */
    private final double m11;
    private final double m12;
    private final double m21;
    private final double m22;
    private final double det;

    private CelestialWcs(int lonAxis, int latAxis, Projection projection, SphericalRotation rotation,
            double crpixLon, double crpixLat, double[] m) {
        this.lonAxis = lonAxis;
        this.latAxis = latAxis;
        this.projection = projection;
        this.rotation = rotation;
        this.crpixLon = crpixLon;
        this.crpixLat = crpixLat;
        this.m11 = m[0];
        this.m12 = m[1];
        this.m21 = m[2];
        this.m22 = m[3];
        this.det = m11 * m22 - m12 * m21;
        if (det == 0 || !Double.isFinite(det)) {
            throw new WcsException("the WCS matrix is singular (check CDi_j or CDELTn)");
        }
    }

    /** Reads the celestial WCS of a header; {@link WcsException} saying what is missing or unsupported. */
    public static CelestialWcs of(Header h) {
        int naxis = h.getIntValue("WCSAXES", h.getIntValue("NAXIS", 0));
        int lon = 0;
        int lat = 0;
        String code = null;
        for (int i = 1; i <= naxis; i++) {
            String ctype = h.getStringValue("CTYPE" + i);
            if (ctype == null) {
                continue;
            }
            String t = ctype.strip().toUpperCase(Locale.ROOT);
            if (t.startsWith("RA--") || t.equals("RA")) {
                lon = i;
                code = projCode(t);
            } else if (t.startsWith("DEC-") || t.equals("DEC")) {
                lat = i;
            } else if (t.startsWith("GLON") || t.startsWith("GLAT") || t.startsWith("ELON") || t.startsWith("ELAT")) {
                throw new WcsException("this image's WCS is " + t.substring(0, 4)
                        + "; a CIRCLE needs equatorial (RA/Dec) axes");
            }
        }
        if (lon == 0 || lat == 0) {
            throw new WcsException("this image has no celestial WCS (no RA and DEC axes among CTYPEn)");
        }
        Projection p = code == null ? null : Projection.of(code);
        if (p == null) {
            throw new WcsException("the projection " + (code == null ? "(none)" : code)
                    + " is not supported (TAN, SIN and CAR are)");
        }
        double[] m = matrix(h, lon, lat);
        double crval1 = h.getDoubleValue("CRVAL" + lon, 0);
        double crval2 = h.getDoubleValue("CRVAL" + lat, 0);
        double phi0 = 0;
        double defaultLonpole = crval2 >= p.theta0 ? 0 : 180;
        double lonpole = h.getDoubleValue("LONPOLE", defaultLonpole);
        double latpole = h.getDoubleValue("LATPOLE", 90);
        SphericalRotation r;
        try {
            r = SphericalRotation.of(crval1, crval2, phi0, p.theta0, lonpole, latpole);
        } catch (IllegalArgumentException e) {
            throw new WcsException("the WCS is inconsistent: " + e.getMessage());
        }
        return new CelestialWcs(lon, lat, p, r, h.getDoubleValue("CRPIX" + lon, 0), h.getDoubleValue("CRPIX" + lat, 0), m);
    }

    private static String projCode(String ctype) {
        return ctype.length() >= 8 ? ctype.substring(5, 8) : null;
    }

    private static double[] matrix(Header h, int lon, int lat) {
        if (h.containsKey("CD" + lon + "_" + lon) || h.containsKey("CD" + lat + "_" + lat)
                || h.containsKey("CD" + lon + "_" + lat) || h.containsKey("CD" + lat + "_" + lon)) {
            return new double[] {cd(h, lon, lon), cd(h, lon, lat), cd(h, lat, lon), cd(h, lat, lat)};
        }
        double c1 = h.getDoubleValue("CDELT" + lon, 1);
        double c2 = h.getDoubleValue("CDELT" + lat, 1);
        boolean pc = h.containsKey("PC" + lon + "_" + lon) || h.containsKey("PC" + lon + "_" + lat)
                || h.containsKey("PC" + lat + "_" + lon) || h.containsKey("PC" + lat + "_" + lat);
        if (pc) {
            // CDi_j = CDELTi · PCi_j: CDELT scales the rows (world axes)
            return new double[] {c1 * pc(h, lon, lon), c1 * pc(h, lon, lat), c2 * pc(h, lat, lon), c2 * pc(h, lat, lat)};
        }
        double rho = Math.toRadians(h.getDoubleValue("CROTA" + lat, 0));
        return new double[] {c1 * Math.cos(rho), -c2 * Math.sin(rho), c1 * Math.sin(rho), c2 * Math.cos(rho)};
    }

    private static double cd(Header h, int i, int j) {
        return h.getDoubleValue("CD" + i + "_" + j, 0);
    }

    private static double pc(Header h, int i, int j) {
        return h.getDoubleValue("PC" + i + "_" + j, i == j ? 1 : 0);
    }

    /** 1-based pixel coordinates (lon axis, lat axis) of (RA, Dec); null where the projection has none. */
    public double[] toPixel(double ra, double dec) {
        double[] nat = rotation.toNative(ra, dec);
        double[] xy = projection.project(nat[0], nat[1]);
        if (xy == null) {
            return null;
        }
        double dx = (m22 * xy[0] - m12 * xy[1]) / det;
        double dy = (-m21 * xy[0] + m11 * xy[1]) / det;
        return new double[] {dx + crpixLon, dy + crpixLat};
    }

    /** (RA, Dec) in degrees of 1-based pixel coordinates (lon axis, lat axis); null off the projection. */
    public double[] toSky(double pLon, double pLat) {
        double u = pLon - crpixLon;
        double v = pLat - crpixLat;
        double[] nat = projection.deproject(m11 * u + m12 * v, m21 * u + m22 * v);
        return nat == null ? null : rotation.toCelestial(nat[0], nat[1]);
    }

    /** Thrown when an image's WCS cannot place a position: missing, unsupported or inconsistent. */
    public static class WcsException extends RuntimeException {
        public WcsException(String message) {
            super(message);
        }
    }
}
