package org.vosportal.fits.wcs;

/**
 * The projections of FITS WCS Paper II that images here use: native spherical (φ, θ) to
 * intermediate world coordinates (x, y), all in degrees, and back. {@code theta0} is the native
 * latitude of the reference point: 90° for the zenithal projections, 0° for CAR.
 */
enum Projection {

    /** Gnomonic: R = cot θ. */
    TAN(90) {
        @Override
        double[] project(double phi, double theta) {
            if (theta <= 0) {
                return null; // the far hemisphere has no gnomonic image
            }
            double r = Math.toDegrees(1 / Math.tan(Math.toRadians(theta)));
            return zenithal(phi, r);
        }

        @Override
        double[] deproject(double x, double y) {
            double r = Math.hypot(x, y);
            return new double[] {phiOf(x, y, r), Math.toDegrees(Math.atan2(Math.toDegrees(1), r))};
        }
    },

    /** Orthographic (without the ξ, η terms): R = cos θ. */
    SIN(90) {
        @Override
        double[] project(double phi, double theta) {
            if (theta < 0) {
                return null;
            }
            return zenithal(phi, Math.toDegrees(Math.cos(Math.toRadians(theta))));
        }

        @Override
        double[] deproject(double x, double y) {
            double r = Math.hypot(x, y);
            double rr = Math.toRadians(r);
            if (rr > 1) {
                return null; // outside the disk
            }
            return new double[] {phiOf(x, y, r), Math.toDegrees(Math.acos(rr))};
        }
    },

    /** Plate carrée: x = φ, y = θ. */
    CAR(0) {
        @Override
        double[] project(double phi, double theta) {
            return new double[] {normalize(phi), theta};
        }

        @Override
        double[] deproject(double x, double y) {
            return Math.abs(y) > 90 ? null : new double[] {x, y};
        }
    };

    final double theta0;

    Projection(double theta0) {
        this.theta0 = theta0;
    }

    /** (x, y) of native (φ, θ); null where the projection has no image of that point. */
    abstract double[] project(double phi, double theta);

    /** Native (φ, θ) of (x, y); null outside the projection's domain. */
    abstract double[] deproject(double x, double y);

    static Projection of(String code) {
        for (Projection p : values()) {
            if (p.name().equals(code)) {
                return p;
            }
        }
        return null;
    }

    private static double[] zenithal(double phi, double r) {
        double p = Math.toRadians(phi);
        return new double[] {r * Math.sin(p), -r * Math.cos(p)};
    }

    private static double phiOf(double x, double y, double r) {
        return r == 0 ? 0 : Math.toDegrees(Math.atan2(x, -y));
    }

    static double normalize(double deg) {
        double d = deg % 360;
        if (d >= 180) {
            d -= 360;
        } else if (d < -180) {
            d += 360;
        }
        return d;
    }
}
