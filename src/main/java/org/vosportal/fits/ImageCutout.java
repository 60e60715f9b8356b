package org.vosportal.fits;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.util.Cursor;
import nom.tam.util.FitsOutputStream;

/**
 * Writes a FITS file holding only the requested pixels. The pixels are copied as stored (same
 * BITPIX, big-endian), one run of the first axis at a time, read at their offsets: a 10×10
 * cutout of a 4 GiB image reads its headers and ten short runs. Memory is one run. The header
 * keeps the source's cards with NAXISn set to the cut, CRPIXn shifted, flipped axes' CDELTn / CDi_n
 * negated (so the WCS still maps every pixel to the same sky), and a HISTORY card saying where
 * the pixels came from.
 *
 * <p>One cut of an image in the primary HDU gives a single-HDU file; otherwise the output is an
 * empty primary HDU (the source's primary cards) followed by one IMAGE extension per cut.
 */
public final class ImageCutout {

    /** Cards written from the new structure, never copied from the source. */
    private static final Set<String> STRUCTURAL = Set.of("SIMPLE", "XTENSION", "BITPIX", "NAXIS", "EXTEND",
            "PCOUNT", "GCOUNT", "CHECKSUM", "DATASUM", "END", "GROUPS");
    /** Copying runs of at most this many bytes bounds memory on long rows. */
    private static final int MAX_RUN = 1 << 20;

    private final CountingChannel in;
    private final FitsLayout layout;
    private final String source;

    public ImageCutout(CountingChannel in, FitsLayout layout, String source) {
        this.in = in;
        this.layout = layout;
        this.source = source;
    }

    /** A cut resolved against the file: which HDU, and one range per axis. */
    public record Plan(Hdu hdu, List<PixelRange> ranges, Cut asked) {

        long pixels() {
            long n = 1;
            for (PixelRange r : ranges) {
                n = Math.multiplyExact(n, r.length());
            }
            return n;
        }
    }

    /** Checks every cut before a byte is written, so a bad one never yields a partial file. */
    public List<Plan> plan(List<Cut> cuts) {
        List<Plan> plans = new ArrayList<>();
        for (Cut c : cuts) {
            Hdu hdu = choose(c.hdu());
            long[] axes = hdu.axes();
            if (c.ranges().size() > axes.length) {
                throw new FitsRefusal("SUB " + c + " gives " + c.ranges().size() + " pixel ranges, but "
                        + hdu.describe() + " has " + axes.length + " axes");
            }
            List<PixelRange> ranges = new ArrayList<>();
            for (int i = 0; i < axes.length; i++) {
                PixelRange r = i < c.ranges().size() ? c.ranges().get(i) : PixelRange.ALL;
                ranges.add(r.on(axes[i], i + 1));
            }
            plans.add(new Plan(hdu, ranges, c));
        }
        return plans;
    }

    public Hdu choose(Cut.HduChoice choice) {
        List<Hdu> hdus = layout.hdus();
        Hdu found = null;
        if (choice.index() != null) {
            if (choice.index() >= hdus.size()) {
                throw new FitsRefusal("this file has no extension " + choice.index() + " (it has "
                        + (hdus.size() - 1) + " extensions)");
            }
            found = hdus.get(choice.index());
        } else if (choice.name() != null) {
            for (Hdu h : hdus) {
                if (choice.name().equals(h.extname()) && (choice.version() == null || choice.version() == h.extver())) {
                    found = h;
                    break;
                }
            }
            if (found == null) {
                throw new FitsRefusal("this file has no extension named " + choice.name()
                        + (choice.version() == null ? "" : " with version " + choice.version()));
            }
        } else {
            // no HDU named: the primary image, or the first image extension when the primary is empty
            for (Hdu h : hdus) {
                if (h.isImage() || h.isCompressedImage()) {
                    found = h;
                    break;
                }
            }
            if (found == null) {
                throw new FitsRefusal("this file has no image to cut");
            }
        }
        if (found.isCompressedImage()) {
            throw new FitsRefusal(found.describe() + " is a tile-compressed image: cutouts of compressed images are not supported");
        }
        if (!found.isImage()) {
            throw new FitsRefusal(found.describe() + " is not an image (cutouts need pixels: a table cannot be cut)");
        }
        return found;
    }

    public void write(List<Plan> plans, OutputStream out) throws IOException {
        FitsOutputStream fout = new FitsOutputStream(out, 64 * 1024);
        try {
            boolean single = plans.size() == 1 && plans.get(0).hdu().index() == 0;
            if (!single) {
                emptyPrimary(layout.hdus().get(0).header()).write(fout);
            }
            for (Plan p : plans) {
                cutHeader(p, single).write(fout);
                long bytes = copyPixels(p, fout);
                int pad = (int) (FitsLayout.padded(bytes) - bytes);
                fout.write(new byte[pad]);
            }
            fout.flush();
        } catch (FitsException e) {
            throw new IOException("could not write the cutout header: " + e.getMessage(), e);
        }
    }

    private static Header emptyPrimary(Header src) throws FitsException {
        Header h = new Header();
        h.addLine(HeaderCard.create("SIMPLE  =                    T"));
        h.addValue("BITPIX", 8, "no data in the primary HDU");
        h.addValue("NAXIS", 0, "");
        h.addValue("EXTEND", true, "extensions follow");
        copyCards(src, h);
        return h;
    }

    private Header cutHeader(Plan p, boolean primary) throws FitsException {
        Header src = p.hdu().header();
        Header h = new Header();
        if (primary) {
            h.addLine(HeaderCard.create("SIMPLE  =                    T"));
        } else {
            h.addValue("XTENSION", "IMAGE", "image extension");
        }
        h.addValue("BITPIX", p.hdu().bitpix(), "");
        h.addValue("NAXIS", p.ranges().size(), "");
        for (int i = 0; i < p.ranges().size(); i++) {
            h.addValue("NAXIS" + (i + 1), p.ranges().get(i).length(), "");
        }
        if (!primary) {
            h.addValue("PCOUNT", 0, "");
            h.addValue("GCOUNT", 1, "");
        }
        copyCards(src, h);
        shiftWcs(src, h, p.ranges());
        h.insertHistory("Cutout " + p.asked() + " of " + source + " (" + p.hdu().describe() + ")");
        return h;
    }

    private static void copyCards(Header src, Header dst) {
        Cursor<String, HeaderCard> c = src.iterator();
        while (c.hasNext()) {
            HeaderCard card = c.next();
            String key = card.getKey() == null ? "" : card.getKey().strip();
            if (STRUCTURAL.contains(key) || key.matches("NAXIS\\d+")) {
                continue;
            }
            dst.addLine(card.copy());
        }
    }

    /**
     * Pixel p' of the cut is pixel lo + p' − 1 of the source (lo + 1 − p' on a flipped axis), so
     * CRPIX' = CRPIX − (lo − 1), or lo + 1 − CRPIX with the axis' column of the matrix negated.
     */
    static void shiftWcs(Header src, Header dst, List<PixelRange> ranges) {
        int n = ranges.size();
        for (int k = 1; k <= n; k++) {
            PixelRange r = ranges.get(k - 1);
            String crpix = "CRPIX" + k;
            if (!r.flipped()) {
                if (src.containsKey(crpix) || r.from() != 1) {
                    dst.addValue(crpix, src.getDoubleValue(crpix, 0) - (r.from() - 1), "shifted by the cutout");
                }
                continue;
            }
            dst.addValue(crpix, r.from() + 1 - src.getDoubleValue(crpix, 0), "flipped by the cutout");
            // the matrix's column k is negated: CDi_k, or PCi_k (CDELTi scales rows there), or
            // CDELTk where the matrix is diagonal or CROTA's (whose columns scale with CDELTk)
            if (hasMatrix(src, "CD", n)) {
                for (int i = 1; i <= n; i++) {
                    dst.addValue("CD" + i + "_" + k, -src.getDoubleValue("CD" + i + "_" + k, 0), "axis flipped by the cutout");
                }
            } else if (hasMatrix(src, "PC", n)) {
                for (int i = 1; i <= n; i++) {
                    String key = "PC" + i + "_" + k;
                    dst.addValue(key, -src.getDoubleValue(key, i == k ? 1 : 0), "axis flipped by the cutout");
                }
            } else {
                String cdelt = "CDELT" + k;
                dst.addValue(cdelt, -src.getDoubleValue(cdelt, 1), "axis flipped by the cutout");
            }
        }
    }

    private static boolean hasMatrix(Header h, String prefix, int n) {
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= n; j++) {
                if (h.containsKey(prefix + i + "_" + j)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Copies the plan's pixels, first axis fastest; returns the bytes written. */
    private long copyPixels(Plan p, FitsOutputStream out) throws IOException {
        List<PixelRange> r = p.ranges();
        long[] axes = p.hdu().axes();
        int bpp = p.hdu().bytesPerPixel();
        int dims = r.size();
        long[] stride = new long[dims];
        long s = 1;
        for (int i = 0; i < dims; i++) {
            stride[i] = s;
            s *= axes[i];
        }
        PixelRange x = r.get(0);
        long runPixels = x.length();
        long[] at = new long[dims]; // 0-based position within the cut of axes 2..n
        long written = 0;
        long rows = p.pixels() / runPixels;
        for (long row = 0; row < rows; row++) {
            long offset = x.low() - 1;
            for (int i = 1; i < dims; i++) {
                PixelRange ri = r.get(i);
                long pixel = ri.flipped() ? ri.from() - at[i] : ri.from() + at[i]; // 1-based source pixel
                offset += (pixel - 1) * stride[i];
            }
            written += copyRun(p.hdu().dataStart() + offset * bpp, runPixels, bpp, x.flipped(), out);
            for (int i = 1; i < dims; i++) { // odometer over the slower axes
                if (++at[i] < r.get(i).length()) {
                    break;
                }
                at[i] = 0;
            }
        }
        return written;
    }

    private long copyRun(long pos, long pixels, int bpp, boolean reverse, FitsOutputStream out) throws IOException {
        long bytes = pixels * bpp;
        if (!reverse) {
            for (long done = 0; done < bytes; ) {
                int n = (int) Math.min(MAX_RUN, bytes - done);
                ByteBuffer buf = ByteBuffer.allocate(n);
                in.readFully(pos + done, buf);
                out.write(buf.array(), 0, n);
                done += n;
            }
            return bytes;
        }
        // a flipped first axis: runs read from the end backwards, pixels reversed within each
        long maxPixels = MAX_RUN / bpp;
        for (long left = pixels; left > 0; ) {
            long n = Math.min(maxPixels, left);
            long start = pos + (left - n) * bpp;
            ByteBuffer buf = ByteBuffer.allocate((int) (n * bpp));
            in.readFully(start, buf);
            byte[] a = buf.array();
            byte[] rev = new byte[a.length];
            for (int i = 0; i < n; i++) {
                System.arraycopy(a, i * bpp, rev, (int) ((n - 1 - i) * bpp), bpp);
            }
            out.write(rev, 0, rev.length);
            left -= n;
        }
        return bytes;
    }
}
