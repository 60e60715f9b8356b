import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.vosportal.fits.CountingChannel;
import org.vosportal.fits.FitsPreview;
import org.vosportal.fits.FitsRequest;
import org.vosportal.fits.Previews;
import org.vosportal.fits.FitsViews;

/**
 * The FITS views on a large image (issue "Astronomy"): the headers (META) and a 100×100 cutout
 * (SUB) of a BITPIX 32 image of SIZE_MIB, each against reading the whole file in the same run
 * (the baseline: what every such request cost before), over ROUNDS rounds, with the bytes each
 * view read; then the PNG preview of a side × side BITPIX 32 image (16384: 1 GiB) against reading
 * that file whole. Usage: java -cp ... FitsBench <dir> [size MiB] [rounds] [preview side]
 */
public class FitsBench {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long mib = args.length > 1 ? Long.parseLong(args[1]) : 2048;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Files.createDirectories(dir);
        Path file = dir.resolve("large.fits");
        int side = (int) Math.sqrt(mib * 1024 * 1024 / 4.0);
        write(file, side);
        long size = Files.size(file);
        List<Double> full = new ArrayList<>();
        List<Double> head = new ArrayList<>();
        List<Double> cut = new ArrayList<>();
        long headBytes = 0;
        long cutBytes = 0;
        String sub = "[" + (side / 2) + ":" + (side / 2 + 99) + "," + (side / 3) + ":" + (side / 3 + 99) + "]";
        for (int r = 0; r < rounds; r++) {
            full.add(time(() -> readAll(file)));
            long[] n = new long[1];
            head.add(time(() -> n[0] = view(file, FitsRequest.of("true", List.of(), null))));
            headBytes = n[0];
            cut.add(time(() -> n[0] = view(file, FitsRequest.of(null, List.of(sub), null))));
            cutBytes = n[0];
        }
        System.out.printf(Locale.ROOT, "file=%d bytes (%dx%d BITPIX 32) rounds=%d cut=%s%n", size, side, side, rounds, sub);
        report("read whole file (baseline)", full, full, size);
        report("META=true", head, full, headBytes);
        report("SUB 100x100", cut, full, cutBytes);
        Files.delete(file);

        // PREVIEW=png of a PREVIEW_SIDE² image (16384: 1 GiB), against a full read of that file
        int pside = args.length > 3 ? Integer.parseInt(args[3]) : 16384;
        Path big = dir.resolve("preview.fits");
        write(big, pside);
        long bigSize = Files.size(big);
        List<Double> bigFull = new ArrayList<>();
        List<Double> preview = new ArrayList<>();
        long previewBytes = 0;
        int[] dims = new int[3];
        for (int r = 0; r < rounds; r++) {
            bigFull.add(time(() -> readAll(big)));
            long[] n = new long[1];
            preview.add(time(() -> n[0] = preview(big, dims)));
            previewBytes = n[0];
        }
        System.out.printf(Locale.ROOT, "file=%d bytes (%dx%d BITPIX 32) rounds=%d preview=%dx%d PNG of %d bytes%n",
                bigSize, pside, pside, rounds, dims[0], dims[1], dims[2]);
        report("read whole file (baseline)", bigFull, bigFull, bigSize);
        report("PREVIEW=png (1024)", preview, bigFull, previewBytes);
        Files.delete(big);
    }

    interface Work {
        void run() throws Exception;
    }

    static double time(Work w) throws Exception {
        long t0 = System.nanoTime();
        w.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    static void report(String what, List<Double> ms, List<Double> baseline, long bytes) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < ms.size(); i++) {
            ratios.add(ms.get(i) / baseline.get(i));
        }
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        List<Double> rs = new ArrayList<>(ratios);
        Collections.sort(rs);
        System.out.printf(Locale.ROOT, "%-28s ms median %.2f (min %.2f, max %.2f); ratio to the full read median %.6f (min %.6f, max %.6f); bytes read %d%n",
                what, s.get(s.size() / 2), s.get(0), s.get(s.size() - 1), rs.get(rs.size() / 2), rs.get(0), rs.get(rs.size() - 1), bytes);
    }

    static long view(Path file, FitsRequest req) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            CountingChannel in = new CountingChannel(ch);
            FitsViews.Prepared p = FitsViews.prepare(in, req, "large.fits");
            p.write(OutputStream.nullOutputStream());
            return in.bytesRead();
        }
    }

    /** The service's preview work without HTTP or the cache: decimated read, zscale, PNG. */
    static long preview(Path file, int[] dims) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            CountingChannel in = new CountingChannel(ch);
            java.awt.image.BufferedImage img = Previews.render(in, FitsPreview.DEFAULT_SIZE);
            byte[] png = Previews.png(img);
            dims[0] = img.getWidth();
            dims[1] = img.getHeight();
            dims[2] = png.length;
            return in.bytesRead();
        }
    }

    static void readAll(Path file) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocateDirect(1 << 20);
            while (ch.read(b) > 0) {
                b.clear();
            }
        }
    }

    /** A primary image of side × side 32-bit pixels whose values are not zero (no sparse file). */
    static void write(Path file, int side) throws Exception {
        StringBuilder h = new StringBuilder();
        card(h, "SIMPLE  =                    T");
        card(h, String.format(Locale.ROOT, "BITPIX  = %20d", 32));
        card(h, String.format(Locale.ROOT, "NAXIS   = %20d", 2));
        card(h, String.format(Locale.ROOT, "NAXIS1  = %20d", side));
        card(h, String.format(Locale.ROOT, "NAXIS2  = %20d", side));
        card(h, "END");
        while (h.length() % 2880 != 0) {
            h.append(' ');
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"); FileChannel ch = raf.getChannel()) {
            ch.write(ByteBuffer.wrap(h.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            ByteBuffer row = ByteBuffer.allocate(side * 4);
            for (int y = 0; y < side; y++) {
                row.clear();
                for (int x = 0; x < side; x++) {
                    row.putInt(x + y);
                }
                row.flip();
                while (row.hasRemaining()) {
                    ch.write(row);
                }
            }
            long data = (long) side * side * 4;
            long pad = (2880 - data % 2880) % 2880;
            ch.write(ByteBuffer.allocate((int) pad));
        }
    }

    static void card(StringBuilder h, String c) {
        h.append(String.format(Locale.ROOT, "%-80s", c));
    }
}
