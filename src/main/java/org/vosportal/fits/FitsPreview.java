package org.vosportal.fits;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A picture of a FITS image for people to look at: the primary image, else the first image
 * extension; of a cube its middle plane. The image is <em>decimated</em> while it is read: of
 * an image k times larger than the preview only every k-th row is read, and of those rows every
 * k-th pixel (a row is read whole while its skipped pixels are less than a page apart, pixel by
 * pixel beyond), so the preview of a 16k × 16k image reads about a sixteenth of it, not all.
 * Values are physical ({@code BZERO + BSCALE × stored}); {@code BLANK} and NaN become transparent;
 * the grey levels are a linear stretch between the {@link ZScale} limits. Row 1 of FITS is the
 * bottom row of the picture.
 */
public final class FitsPreview {

    public static final int DEFAULT_SIZE = 1024;
    public static final int MIN_SIZE = 16;
    public static final int MAX_SIZE = 2048;
    /** Skipped pixels at least this many bytes apart are read one by one instead of with their row. */
    static final int SPARSE_GAP = 4096;
    /** A row longer than this is never read whole. */
    static final int MAX_ROW_BYTES = 16 << 20;

    /** The sampled pixels, physical values, row 0 at the top; NaN where there is no value. */
    public record Samples(int width, int height, float[] values, Hdu hdu, int step) {
    }

    private FitsPreview() {
    }

    /** The HDU a preview shows; {@link FitsRefusal} when there is none (a table only, compressed). */
    public static Hdu choose(FitsLayout layout) {
        Hdu oneAxis = null;
        for (Hdu h : layout.hdus()) {
            if (h.isCompressedImage()) {
                throw new FitsRefusal(h.describe() + " is a tile-compressed image: previews of compressed images are not supported");
            }
            if (h.isImage()) {
                if (h.axes().length >= 2) {
                    return h;
                }
                oneAxis = oneAxis == null ? h : oneAxis;
            }
        }
        if (oneAxis != null) {
            throw new FitsRefusal(oneAxis.describe() + " has one axis (a spectrum or a list of values), not a picture to preview");
        }
        throw new FitsRefusal("this FITS file has no image to preview (it holds only tables or headers)");
    }

    /** Reads every {@code step}-th row and column of the image (its middle plane), at most {@code size} on the long side. */
    public static Samples sample(CountingChannel in, Hdu hdu, int size) throws IOException {
        long[] axes = hdu.axes();
        long nx = axes[0];
        long ny = axes[1];
        int bpp = hdu.bytesPerPixel();
        int bitpix = hdu.bitpix();
        if (bitpix != 8 && bitpix != 16 && bitpix != 32 && bitpix != 64 && bitpix != -32 && bitpix != -64) {
            throw new FitsRefusal(hdu.describe() + " has BITPIX " + bitpix + ", which is not a FITS pixel type");
        }
        long step = Math.max(1, (Math.max(nx, ny) + size - 1) / size);
        int w = (int) ((nx + step - 1) / step);
        int h = (int) ((ny + step - 1) / step);
        // the middle plane of every axis beyond the second
        long plane = 0;
        long stride = nx * ny;
        for (int i = 2; i < axes.length; i++) {
            plane += (axes[i] - 1) / 2 * stride;
            stride = Math.multiplyExact(stride, axes[i]);
        }
        double bscale = hdu.header().getDoubleValue("BSCALE", 1.0);
        double bzero = hdu.header().getDoubleValue("BZERO", 0.0);
        boolean hasBlank = bitpix > 0 && hdu.header().containsKey("BLANK");
        long blank = hasBlank ? hdu.header().getLongValue("BLANK", 0) : 0;
        float[] out = new float[w * h];
        long spanBytes = ((long) (w - 1) * step + 1) * bpp;
        boolean sparse = step * bpp >= SPARSE_GAP || spanBytes > MAX_ROW_BYTES;
        ByteBuffer row = ByteBuffer.allocate(sparse ? bpp : (int) spanBytes);
        for (int j = 0; j < h; j++) {
            long y = (long) j * step;
            long rowStart = hdu.dataStart() + (plane + y * nx) * bpp;
            int o = (h - 1 - j) * w; // FITS row 1 is the bottom
            if (!sparse) {
                row.clear();
                in.readFully(rowStart, row);
            }
            for (int i = 0; i < w; i++) {
                int at;
                if (sparse) {
                    row.clear();
                    in.readFully(rowStart + (long) i * step * bpp, row);
                    at = 0;
                } else {
                    at = (int) ((long) i * step * bpp);
                }
                out[o + i] = value(row, at, bitpix, hasBlank, blank, bscale, bzero);
            }
        }
        return new Samples(w, h, out, hdu, (int) step);
    }

    private static float value(ByteBuffer b, int at, int bitpix, boolean hasBlank, long blank, double bscale, double bzero) {
        double v;
        switch (bitpix) {
            case 8 -> {
                int raw = b.get(at) & 0xff;
                if (hasBlank && raw == blank) {
                    return Float.NaN;
                }
                v = raw;
            }
            case 16 -> {
                short raw = b.getShort(at);
                if (hasBlank && raw == blank) {
                    return Float.NaN;
                }
                v = raw;
            }
            case 32 -> {
                int raw = b.getInt(at);
                if (hasBlank && raw == blank) {
                    return Float.NaN;
                }
                v = raw;
            }
            case 64 -> {
                long raw = b.getLong(at);
                if (hasBlank && raw == blank) {
                    return Float.NaN;
                }
                v = raw;
            }
            case -32 -> v = b.getFloat(at);
            default -> v = b.getDouble(at);
        }
        return (float) (bzero + bscale * v);
    }

    /** The preview of a FITS file: the image chosen, sampled, stretched. */
    public static BufferedImage render(CountingChannel in, int size) throws IOException {
        FitsLayout layout = FitsLayout.read(in);
        Samples s = sample(in, choose(layout), size);
        return stretch(s);
    }

    /**
     * Grey levels between the zscale limits; transparent where there is no value. An 8-bit
     * palette image: index 0 is transparent, 1 … 255 run from black to white (254 steps), which
     * PNG stores in a byte a pixel, faster to write and smaller than RGBA.
     */
    public static BufferedImage stretch(Samples s) {
        double[] lim = ZScale.limits(s.values());
        byte[] r = new byte[256];
        byte[] a = new byte[256];
        for (int i = 1; i < 256; i++) {
            r[i] = (byte) Math.round((i - 1) * 255 / 254.0);
            a[i] = (byte) 0xff;
        }
        IndexColorModel palette = new IndexColorModel(8, 256, r, r, r, a);
        BufferedImage img = new BufferedImage(s.width(), s.height(), BufferedImage.TYPE_BYTE_INDEXED, palette);
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        float[] v = s.values();
        double low = lim[0];
        double range = lim[1] - lim[0];
        double k = range > 0 ? 254 / range : 0;
        for (int i = 0; i < v.length; i++) {
            float p = v[i];
            if (!Float.isFinite(p)) {
                px[i] = 0;
            } else if (k == 0) {
                px[i] = (byte) 128;
            } else {
                double t = (p - low) * k;
                px[i] = (byte) (1 + (t <= 0 ? 0 : t >= 254 ? 254 : (int) (t + 0.5)));
            }
        }
        return img;
    }

    static int grey(double p, double low, double range) {
        if (!(range > 0)) {
            return 128;
        }
        double t = (p - low) / range;
        return (int) Math.round(255 * Math.max(0, Math.min(1, t)));
    }
}
