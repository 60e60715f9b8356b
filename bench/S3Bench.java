import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.vosportal.service.blob.BlobPut;
import org.vosportal.service.blob.BlobStore;
import org.vosportal.service.blob.s3.S3Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 backend against the S3 server directly (issue "Scale", section 5): a put of SIZE MiB
 * through S3BlobStore (MD5 on the way, spooled 8 MiB parts, one in flight, CompleteMultipartUpload)
 * against one PutObject of the same file with the SDK alone (no MD5, no spool), and a whole read
 * through the store against a plain GetObject of the same object. Each round times both; the table gives the ratio
 * store/direct per round: its median and its range over ROUNDS rounds.
 * Usage: java -cp ... S3Bench <dir> <endpoint> [size MiB] [rounds]
 */
public class S3Bench {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String endpoint = args[1];
        int mib = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Files.createDirectories(dir);
        Path file = dir.resolve("s3bench.bin");
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
        S3Settings settings = new S3Settings(Optional.of(endpoint), Optional.empty(), "us-east-1", "vospace-bench",
                "bench/", Optional.of("vospace"), Optional.of("vospace-secret"), true, false, 8L << 20, true);
        BlobStore store = settings.connect(dir.resolve("spool"));
        // the same HTTP client as the store's (the SDK's default one read s3proxy's answers ~20x slower here)
        S3Client direct = S3Client.builder().region(Region.US_EAST_1).forcePathStyle(true)
                .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder().maxConnections(128))
                .endpointOverride(java.net.URI.create(endpoint))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("vospace", "vospace-secret")))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();

        List<Double> put = new ArrayList<>();
        List<Double> get = new ArrayList<>();
        List<Double> putMiBs = new ArrayList<>();
        List<Double> getMiBs = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) { // round 0 warms up and is not counted
            boolean directFirst = round % 2 == 0; // alternate, so neither side always meets a busier server
            long directPut = 0;
            long storePut;
            String id;
            if (directFirst) {
                directPut = directPut(direct, file, mib);
            }
            long t0 = System.nanoTime();
            try (InputStream in = Files.newInputStream(file)) {
                BlobPut p = store.receive(in, Long.MAX_VALUE);
                id = p.commit();
            }
            storePut = System.nanoTime() - t0;
            if (!directFirst) {
                directPut = directPut(direct, file, mib);
            }

            // s3proxy's filesystem store answers the first read of a new object slowly: one untimed
            // read first, then the same object read with the SDK alone and through the store
            String key = "bench/blobs/" + id.substring(0, 8) + "/" + id;
            directGet(direct, key);
            long directGet = 0;
            if (directFirst) {
                directGet = directGet(direct, key);
            }
            t0 = System.nanoTime();
            try (InputStream in = store.open(id)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            long storeGet = System.nanoTime() - t0;
            if (!directFirst) {
                directGet = directGet(direct, key);
            }
            store.delete(id);
            if (round > 0) {
                put.add((double) storePut / directPut);
                get.add((double) storeGet / directGet);
                putMiBs.add(mib / (storePut / 1e9));
                getMiBs.add(mib / (storeGet / 1e9));
            }
            System.err.printf(Locale.ROOT, "round %d: put %.2f s (direct %.2f s), get %.2f s (direct %.2f s)%n", round,
                    storePut / 1e9, directPut / 1e9, storeGet / 1e9, directGet / 1e9);
        }
        System.out.printf(Locale.ROOT, "| %d MiB, %d rounds | store / direct: median (min–max) | store MiB/s: median (min–max) |%n",
                mib, rounds);
        System.out.println("|---|---|---|");
        System.out.println("| put (MD5 + spooled multipart) vs one PutObject | " + spread(put, "%.2f") + " | " + spread(putMiBs, "%.0f") + " |");
        System.out.println("| whole read vs GetObject of the same object | " + spread(get, "%.2f") + " | " + spread(getMiBs, "%.0f") + " |");
    }

    static long directPut(S3Client direct, Path file, int mib) {
        long t0 = System.nanoTime();
        direct.putObject(b -> b.bucket("vospace-bench").key("direct/" + mib), RequestBody.fromFile(file));
        return System.nanoTime() - t0;
    }

    static long directGet(S3Client direct, String key) throws java.io.IOException {
        long t0 = System.nanoTime();
        try (InputStream in = direct.getObject(b -> b.bucket("vospace-bench").key(key))) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return System.nanoTime() - t0;
    }

    static String spread(List<Double> v, String fmt) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        double median = s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
        return String.format(Locale.ROOT, fmt + " (" + fmt + "–" + fmt + ")", median, s.get(0), s.get(s.size() - 1));
    }
}
