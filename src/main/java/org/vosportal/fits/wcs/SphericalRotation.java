package org.vosportal.fits.wcs;

/**
 * Celestial (α, δ) to native (φ, θ) and back (FITS WCS Paper II, eqs. 2 and 5), given the
 * celestial coordinates of the native pole (αp, δp) and the native longitude of the celestial
 * pole φp (LONPOLE). Degrees throughout.
 */
final class SphericalRotation {

    private static final double EPS = 1e-12;

    final double alphaP;
    final double deltaP;
    final double phiP;

    SphericalRotation(double alphaP, double deltaP, double phiP) {
        this.alphaP = alphaP;
        this.deltaP = deltaP;
        this.phiP = phiP;
    }

    /**
     * The rotation putting the reference point (α0, δ0) at native (φ0, θ0), with LONPOLE φp and
     * LATPOLE choosing between the two solutions for δp when θ0 ≠ 90° (Paper II, eqs. 8-10).
     */
    static SphericalRotation of(double alpha0, double delta0, double phi0, double theta0, double phiP, double latPole) {
        if (Math.abs(theta0 - 90) < EPS) {
            return new SphericalRotation(alpha0, delta0, phiP);
        }
        double t0 = Math.toRadians(theta0);
        double d0 = Math.toRadians(delta0);
        double dphi = Math.toRadians(phiP - phi0);
        double base = Math.atan2(Math.sin(t0), Math.cos(t0) * Math.cos(dphi));
        double root = Math.sin(d0) / Math.sqrt(1 - Math.pow(Math.cos(t0) * Math.sin(dphi), 2));
        if (Math.abs(root) > 1 + EPS) {
            throw new IllegalArgumentException("no native pole satisfies CRVAL and LONPOLE");
        }
        double spread = Math.acos(Math.max(-1, Math.min(1, root)));
        double a = Math.toDegrees(base + spread);
        double b = Math.toDegrees(base - spread);
        boolean aOk = a >= -90 - EPS && a <= 90 + EPS;
        boolean bOk = b >= -90 - EPS && b <= 90 + EPS;
        double deltaP;
        if (aOk && bOk) {
            deltaP = Math.abs(a - latPole) <= Math.abs(b - latPole) ? a : b;
        } else {
            deltaP = aOk ? a : b;
        }
        deltaP = Math.max(-90, Math.min(90, deltaP));
        double alphaP;
        double dp = Math.toRadians(deltaP);
        if (Math.abs(Math.cos(dp)) < EPS) {
            alphaP = deltaP > 0 ? alpha0 + phiP - phi0 - 180 : alpha0 + phi0 - phiP;
        } else if (Math.abs(Math.cos(d0)) < EPS) {
            alphaP = alpha0; // the reference point is at a celestial pole: any αp, take α0
        } else {
            double x = (Math.sin(t0) - Math.sin(dp) * Math.sin(d0)) / (Math.cos(dp) * Math.cos(d0));
            double y = Math.sin(dphi) * Math.cos(t0) / Math.cos(d0);
            alphaP = alpha0 - Math.toDegrees(Math.atan2(y, x));
        }
        return new SphericalRotation(alphaP, deltaP, phiP);
    }

    double[] toNative(double alpha, double delta) {
        double[] r = rotate(alpha - alphaP, delta, phiP);
        return new double[] {Projection.normalize(r[0]), r[1]};
    }

    double[] toCelestial(double phi, double theta) {
        double[] r = rotate(phi - phiP, theta, alphaP);
        return new double[] {((r[0] % 360) + 360) % 360, r[1]};
    }

    /**
     * Eqs. 2 and 5 are one rotation about the poles' great circle, each the other's inverse:
     * (longitude from the source pole, latitude) to the other frame, whose pole longitude is
     * {@code toPole}.
     */
    private double[] rotate(double dLon, double lat, double toPole) {
        double a = Math.toRadians(dLon);
        double d = Math.toRadians(lat);
        double dp = Math.toRadians(deltaP);
        double lon = toPole + Math.toDegrees(Math.atan2(-Math.cos(d) * Math.sin(a),
                Math.sin(d) * Math.cos(dp) - Math.cos(d) * Math.sin(dp) * Math.cos(a)));
        double out = Math.toDegrees(Math.asin(clamp(Math.sin(d) * Math.sin(dp) + Math.cos(d) * Math.cos(dp) * Math.cos(a))));
        return new double[] {lon, out};
    }

    private static double clamp(double v) {
        return Math.max(-1, Math.min(1, v));
    }
}
