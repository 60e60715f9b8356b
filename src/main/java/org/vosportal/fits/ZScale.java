package org.vosportal.fits;

import java.util.Arrays;

/**
 * IRAF's zscale display limits, as astropy's {@code ZScaleInterval} computes them: a regular
 * sample of at most {@link #SAMPLES} finite pixels, sorted; a straight line fitted to the sorted
 * values with iterative 2.5-sigma rejection (rejected points grown by 1% of the sample); the
 * limits are the median ∓ the fitted slope over the contrast (0.25), inside the sample's range.
 * A sky with a few bright stars gets limits close to the sky's noise, not the stars' peaks.
 */
public final class ZScale {

    public static final int SAMPLES = 1000;
    static final double CONTRAST = 0.25;
    static final double MAX_REJECT = 0.5;
    static final int MIN_PIXELS = 5;
    static final double KREJ = 2.5;
    static final int MAX_ITERATIONS = 5;

    private ZScale() {
    }

    /** The limits {@code [low, high]} of these values (NaN ignored); {@code [NaN, NaN]} when none is finite. */
    public static double[] limits(float[] values) {
        int finite = 0;
        for (float v : values) {
            if (Float.isFinite(v)) {
                finite++;
            }
        }
        if (finite == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        int stride = (int) Math.max(1.0, finite / (double) SAMPLES);
        double[] s = new double[Math.min(SAMPLES, (finite + stride - 1) / stride)];
        int n = 0;
        int k = 0;
        for (float v : values) {
            if (!Float.isFinite(v)) {
                continue;
            }
            if (k++ % stride == 0 && n < s.length) {
                s[n++] = v;
            }
        }
        s = Arrays.copyOf(s, n);
        Arrays.sort(s);
        return fromSorted(s);
    }

    static double[] fromSorted(double[] samples) {
        int npix = samples.length;
        double vmin = samples[0];
        double vmax = samples[npix - 1];
        int minpix = Math.max(MIN_PIXELS, (int) (npix * MAX_REJECT));
        int ngrow = Math.max(1, (int) (npix * 0.01));
        boolean[] bad = new boolean[npix];
        int ngood = npix;
        int lastNgood = npix + 1;
        double slope = 0;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            if (ngood >= lastNgood || ngood < minpix) {
                break;
            }
            // least squares line through the good points (x = index)
            double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
            for (int i = 0; i < npix; i++) {
                if (!bad[i]) {
                    sw++;
                    sx += i;
                    sy += samples[i];
                    sxx += (double) i * i;
                    sxy += i * samples[i];
                }
            }
            double den = sw * sxx - sx * sx;
            slope = den == 0 ? 0 : (sw * sxy - sx * sy) / den;
            double intercept = (sy - slope * sx) / sw;
            double[] flat = new double[npix];
            double mean = 0;
            for (int i = 0; i < npix; i++) {
                flat[i] = samples[i] - (intercept + slope * i);
                if (!bad[i]) {
                    mean += flat[i];
                }
            }
            mean /= sw;
            double var = 0;
            for (int i = 0; i < npix; i++) {
                if (!bad[i]) {
                    var += (flat[i] - mean) * (flat[i] - mean);
                }
            }
            double threshold = KREJ * Math.sqrt(var / sw);
            for (int i = 0; i < npix; i++) {
                if (flat[i] < -threshold || flat[i] > threshold) {
                    bad[i] = true;
                }
            }
            // numpy.convolve(bad, ones(ngrow), mode="same"): each bad point spreads over ngrow places
            boolean[] grown = new boolean[npix];
            int off = (ngrow - 1) / 2;
            for (int j = 0; j < npix; j++) {
                if (bad[j]) {
                    for (int i = Math.max(0, j - off); i <= Math.min(npix - 1, j - off + ngrow - 1); i++) {
                        grown[i] = true;
                    }
                }
            }
            bad = grown;
            lastNgood = ngood;
            ngood = 0;
            for (boolean b : bad) {
                if (!b) {
                    ngood++;
                }
            }
        }
        if (ngood >= minpix) {
            double sl = slope / CONTRAST;
            int center = (npix - 1) / 2;
            double median = npix % 2 == 1 ? samples[npix / 2] : (samples[npix / 2 - 1] + samples[npix / 2]) / 2;
            vmin = Math.max(vmin, median - (center - 1) * sl);
            vmax = Math.min(vmax, median + (npix - center) * sl);
        }
        return new double[] {vmin, vmax};
    }
}
