package org.vosportal.fits;

import nom.tam.fits.Header;

/**
 * One header-data unit of a file: its parsed header and where its header and data lie. Axes are
 * in FITS order ({@code axes[0]} is NAXIS1, the fastest-varying).
 */
public record Hdu(int index, Header header, long headerStart, long headerSize, long dataStart, long dataSize) {

    /** The EXTNAME, upper case, or null. */
    public String extname() {
        String n = header.getStringValue("EXTNAME");
        return n == null ? null : n.strip().toUpperCase(java.util.Locale.ROOT);
    }

    public int extver() {
        return header.getIntValue("EXTVER", 1);
    }

    public int bitpix() {
        return header.getIntValue("BITPIX", 0);
    }

    public int bytesPerPixel() {
        return Math.abs(bitpix()) / 8;
    }

    public long[] axes() {
        int n = header.getIntValue("NAXIS", 0);
        long[] axes = new long[n];
        for (int i = 0; i < n; i++) {
            axes[i] = header.getLongValue("NAXIS" + (i + 1), 0);
        }
        return axes;
    }

    /** A tile-compressed image: stored as a binary table, cut only after decompression (not done here). */
    public boolean isCompressedImage() {
        return header.getBooleanValue("ZIMAGE", false);
    }

    /** An image with pixels: the primary HDU or an IMAGE extension with at least one axis. */
    public boolean isImage() {
        String x = header.getStringValue("XTENSION");
        boolean imageKind = index == 0 || (x != null && x.strip().equalsIgnoreCase("IMAGE"));
        long[] axes = axes();
        if (!imageKind || axes.length == 0) {
            return false;
        }
        for (long a : axes) {
            if (a <= 0) {
                return false;
            }
        }
        return true;
    }

    /** How this HDU is named in messages: "primary HDU", "extension 2 (SCI,1)". */
    public String describe() {
        if (index == 0) {
            return "the primary HDU";
        }
        String n = extname();
        return "extension " + index + (n == null ? "" : " (" + n + "," + extver() + ")");
    }
}
