import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.vosportal.service.blob.BlobPut;
import org.vosportal.service.blob.BlobStore;
import org.vosportal.service.blob.LocalBlobStore;

/**
 * What a segmented upload pays for being resumable on another instance (issue "Scale", section 3),
 * on the local backend: a put of SIZE MiB in one append with the fast MD5 ({@code begin()}, what
 * a plain PUT does) against the same bytes through {@code beginResumable()} in SEGMENT MiB
 * appends, each followed by {@code suspend()} and every other one by a {@code resume()} of the
 * saved state, as when segments alternate between two instances. Rounds interleave the two; the
 * table gives each round's times and the ratio resumable/fast, then the median and range.
 * Usage: java -cp ... ResumablePut <dir> [size MiB] [segment MiB] [rounds]
 */
public class ResumablePut {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int mib = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int segment = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Files.createDirectories(dir);
        Path file = dir.resolve("resumable.bin");
        if (!Files.exists(file) || Files.size(file) != (long) mib << 20) {
            byte[] block = new byte[1 << 20];
            Random r = new Random(1);
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int i = 0; i < mib; i++) {
                    r.nextBytes(block);
                    out.write(block);
                }
            }
        }
        BlobStore one = new LocalBlobStore(dir.resolve("store"));
        BlobStore other = new LocalBlobStore(dir.resolve("store")); // another instance, the same disk
        fast(one, file); // warm-up: JIT and page cache
        resumable(one, other, file, segment);
        List<Double> ratios = new ArrayList<>();
        System.out.println("| round | fast put s | MiB/s | resumable put s | MiB/s | resumable / fast time |");
        System.out.println("|---|---|---|---|---|---|");
        for (int i = 1; i <= rounds; i++) {
            double f = fast(one, file);
            double s = resumable(one, other, file, segment);
            ratios.add(s / f);
            System.out.printf(Locale.ROOT, "| %d | %.3f | %.1f | %.3f | %.1f | %.2f |%n", i, f, mib / f, s, mib / s, s / f);
        }
        Collections.sort(ratios);
        System.out.printf(Locale.ROOT, "%nresumable / fast time: median %.2f (%.2f-%.2f) over %d rounds, %d MiB in %d MiB segments%n",
                ratios.get(ratios.size() / 2), ratios.get(0), ratios.get(ratios.size() - 1), rounds, mib, segment);
    }

    static double fast(BlobStore store, Path file) throws Exception {
        long t = System.nanoTime();
        BlobPut put;
        try (InputStream in = Files.newInputStream(file)) {
            put = store.receive(in, Long.MAX_VALUE);
        }
        String id = put.commit();
        double s = (System.nanoTime() - t) / 1e9;
        store.delete(id);
        return s;
    }

    static double resumable(BlobStore one, BlobStore other, Path file, int segmentMib) throws Exception {
        long t = System.nanoTime();
        BlobPut put = one.beginResumable();
        long segment = (long) segmentMib << 20;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = 0; ; n++) {
                long before = put.length();
                put.append(new org.vosportal.service.blob.BoundedInputStream(in, segment), Long.MAX_VALUE);
                if (put.length() == before) {
                    break;
                }
                String state = put.suspend();
                if (n % 2 == 0) { // the next segment reaches the other instance
                    put.release();
                    put = (n % 4 == 0 ? other : one).resume(state);
                }
            }
        }
        String id = put.commit();
        double s = (System.nanoTime() - t) / 1e9;
        one.delete(id);
        return s;
    }
}
