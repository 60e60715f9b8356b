package org.vosportal.fits;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * A PNG preview of a file, chosen by its first bytes (never by its name): a FITS image through
 * {@link FitsPreview}, a PNG or JPEG scaled down with ImageIO. An image's size is read from its
 * header before any pixel is decoded, and one beyond {@link #MAX_PIXELS} is refused (a
 * decompression bomb declares its size too); the rest is decoded subsampled, so memory is about
 * the preview's size, not the image's. Everything else is a {@link FitsRefusal} in words.
 */
public final class Previews {

    /** Images with more pixels than this (e.g. 10,000 × 10,000) are not decoded for a preview. */
    public static final long MAX_PIXELS = 100_000_000L;

    static {
        System.setProperty("java.awt.headless", "true");
        ImageIO.setUseCache(false); // no temporary files
    }

    private Previews() {
    }

    public enum Kind { FITS, PNG, JPEG }

    /** What the first bytes say the file is; a refusal for anything that has no preview. */
    public static Kind kind(CountingChannel in) throws IOException {
        long size = in.size();
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(9, size));
        in.readFully(0, b);
        byte[] h = b.array();
        if (h.length >= 8 && (h[0] & 0xff) == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G') {
            return Kind.PNG;
        }
        if (h.length >= 3 && (h[0] & 0xff) == 0xff && (h[1] & 0xff) == 0xd8 && (h[2] & 0xff) == 0xff) {
            return Kind.JPEG;
        }
        if (h.length >= 2 && (h[0] & 0xff) == 0x1f && (h[1] & 0xff) == 0x8b) {
            throw new FitsRefusal("this file is gzip-compressed: previews need an uncompressed FITS, PNG or JPEG file");
        }
        if (new String(h, StandardCharsets.US_ASCII).equals("SIMPLE  =")) {
            return Kind.FITS;
        }
        throw new FitsRefusal("there is no preview of this kind of file: only FITS images, PNG and JPEG have one");
    }

    /** The preview, at most {@code size} pixels on its long side. */
    public static BufferedImage render(CountingChannel in, int size) throws IOException {
        Kind k = kind(in);
        if (k == Kind.FITS) {
            return FitsPreview.render(in, size);
        }
        return thumbnail(in, size, k);
    }

    static BufferedImage thumbnail(CountingChannel in, int size, Kind kind) throws IOException {
        String what = kind == Kind.PNG ? "PNG" : "JPEG";
        try (ImageInputStream iis = new ChannelImageInput(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new FitsRefusal("this " + what + " image cannot be read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || w * h > MAX_PIXELS) {
                    throw new FitsRefusal("this " + what + " image is " + w + " × " + h
                            + " pixels: previews are made of images up to " + MAX_PIXELS / 1_000_000 + " million pixels");
                }
                int step = (int) Math.max(1, Math.max(w, h) / (2L * size)); // decode at about twice the size, then smooth
                ImageReadParam p = reader.getDefaultReadParam();
                p.setSourceSubsampling(step, step, 0, 0);
                BufferedImage src = reader.read(0, p);
                return scale(src, size);
            } catch (IIOException | IndexOutOfBoundsException e) {
                throw new FitsRefusal("this " + what + " image cannot be read: " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        }
    }

    static BufferedImage scale(BufferedImage src, int size) {
        int w = src.getWidth();
        int h = src.getHeight();
        double f = Math.min(1.0, size / (double) Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * f));
        int th = Math.max(1, (int) Math.round(h * f));
        BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, tw, th, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The image as PNG bytes. */
    public static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("no PNG writer");
        }
        ImageWriter w = writers.next();
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            w.setOutput(ios);
            ImageWriteParam p = w.getDefaultWriteParam();
            // ImageIO deflates at level 9 by default: several times slower, a few per cent smaller
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.75f);
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }

    /** ImageIO's reads straight from the channel (no copy of the file in memory or on disk). */
    private static final class ChannelImageInput extends ImageInputStreamImpl {
        private final CountingChannel ch;

        ChannelImageInput(CountingChannel ch) {
            this.ch = ch;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            bitOffset = 0;
            ch.position(streamPos);
            int n = ch.read(ByteBuffer.wrap(b, off, len));
            if (n > 0) {
                streamPos += n;
            }
            return n;
        }

        @Override
        public long length() {
            try {
                return ch.size();
            } catch (IOException e) {
                return -1;
            }
        }

        @Override
        public void close() throws IOException {
            super.close(); // the channel is the caller's
        }
    }
}
