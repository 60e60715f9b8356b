package org.vosportal.fits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import nom.tam.fits.Header;
import nom.tam.fits.TruncatedFileException;
import nom.tam.util.FitsInputStream;

/**
 * The HDUs of a FITS file, found by reading their headers only: each header is parsed by
 * nom-tam-fits, the size of its data computed from BITPIX, NAXISn, PCOUNT and GCOUNT, and the
 * data skipped with a seek. The headers of a 4 GiB image cost a few blocks.
 */
public final class FitsLayout {

    /** FITS files are made of 2880-byte blocks. */
    public static final int BLOCK = 2880;
    /** More HDUs than this is not a file people cut (and bounds the work for a hostile file). */
    static final int MAX_HDUS = 10_000;

    private final List<Hdu> hdus;

    private FitsLayout(List<Hdu> hdus) {
        this.hdus = List.copyOf(hdus);
    }

    public List<Hdu> hdus() {
        return hdus;
    }

    /** Reads the layout; {@link FitsRefusal} when the bytes are not FITS (or are gzipped FITS). */
    public static FitsLayout read(CountingChannel in) throws IOException {
        long size = in.size();
        checkSignature(in, size);
        List<Hdu> hdus = new ArrayList<>();
        long pos = 0;
        while (pos < size && hdus.size() < MAX_HDUS) {
            Header h = headerAt(in, pos, hdus.isEmpty());
            long headerSize = h.getOriginalSize();
            long data = padded(dataBytes(h));
            hdus.add(new Hdu(hdus.size(), h, pos, headerSize, pos + headerSize, data));
            pos += headerSize + data; // a short last HDU is found when its data is read
        }
        return new FitsLayout(hdus);
    }

    private static void checkSignature(CountingChannel in, long size) throws IOException {
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(9, size));
        in.readFully(0, head);
        byte[] b = head.array();
        if (b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
            throw new FitsRefusal("this file is gzip-compressed: headers and cutouts need an uncompressed FITS file");
        }
        if (!new String(b, java.nio.charset.StandardCharsets.US_ASCII).equals("SIMPLE  =")) {
            throw new FitsRefusal("not a FITS file (it does not begin with SIMPLE =)");
        }
        if (size < BLOCK) {
            throw new FitsRefusal("not a FITS file (shorter than one 2880-byte FITS block)");
        }
    }

    private static Header headerAt(CountingChannel in, long pos, boolean primary) throws IOException {
        in.position(pos);
        // not closed: closing would close the channel the caller still reads from
        InputStream raw = Channels.newInputStream(in);
        FitsInputStream fin = new FitsInputStream(raw, BLOCK);
        try {
            Header h = Header.readHeader(fin);
            if (h == null) { // nom-tam-fits' answer to a stream that ends before an END card
                throw new java.io.EOFException("no END card");
            }
            return h;
        } catch (TruncatedFileException | java.io.EOFException e) {
            throw new FitsRefusal(primary ? "the file ends inside its first header (truncated FITS file)"
                    : "the file ends inside the header at byte " + pos + " (truncated FITS file)", e);
        } catch (IllegalArgumentException e) {
            throw new FitsRefusal("the header at byte " + pos + " is not valid FITS: " + e.getMessage(), e);
        }
    }

    /** Bytes of data (without padding): |BITPIX|/8 × GCOUNT × (PCOUNT + NAXIS1 × … × NAXISn). */
    static long dataBytes(Header h) {
        int naxis = h.getIntValue("NAXIS", 0);
        if (naxis == 0) {
            return 0;
        }
        long n = 1;
        for (int i = 1; i <= naxis; i++) {
            long a = h.getLongValue("NAXIS" + i, 0);
            if (a < 0) {
                throw new FitsRefusal("NAXIS" + i + " is negative");
            }
            n = Math.multiplyExact(n, a);
        }
        long pcount = h.getLongValue("PCOUNT", 0);
        long gcount = h.getLongValue("GCOUNT", 1);
        return Math.multiplyExact(Math.abs(h.getIntValue("BITPIX", 8)) / 8L,
                Math.multiplyExact(gcount, Math.addExact(pcount, n)));
    }

    static long padded(long bytes) {
        return (bytes + BLOCK - 1) / BLOCK * BLOCK;
    }
}
