import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Creates COUNT empty DataNodes {@code f0000000 ..} in an existing container with parallel
 * {@code PUT /vault/nodes/...} requests (keep-alive connections, one HttpClient).
 *
 * <pre>java bench/CreateChildren.java BASE_URL TOKEN CONTAINER_PATH COUNT THREADS AUTHORITY</pre>
 *
 * e.g. {@code http://127.0.0.1:8085/vault $TOKEN /alice/list100k 100000 8 opencadc.org~vault}.
 * Prints "created N in S s (R/s)" and exits non-zero if any request did not answer 201.
 */
public class CreateChildren {

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: CreateChildren BASE_URL TOKEN CONTAINER_PATH COUNT THREADS AUTHORITY");
            System.exit(2);
        }
        String base = args[0];
        String token = args[1];
        String dir = args[2].endsWith("/") ? args[2].substring(0, args[2].length() - 1) : args[2];
        int count = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        String authority = args[5];

        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong firstError = new AtomicLong(-1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        for (int w = 0; w < threads; w++) {
            pool.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count && failed.get() < 20) {
                    String name = String.format("f%07d", i);
                    String path = dir + "/" + name;
                    String doc = "<vos:node xmlns:vos=\"http://www.ivoa.net/xml/VOSpace/v2.0\""
                            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"vos:DataNode\""
                            + " uri=\"vos://" + authority + path + "\"/>";
                    HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/nodes" + path))
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "text/xml")
                            .PUT(HttpRequest.BodyPublishers.ofString(doc))
                            .build();
                    try {
                        HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
                        if (resp.statusCode() == 201) {
                            int c = created.incrementAndGet();
                            if (c % 10000 == 0) {
                                double s = (System.nanoTime() - t0) / 1e9;
                                System.err.printf("  %d created, %.1f s, %.0f/s%n", c, s, c / s);
                            }
                        } else {
                            failed.incrementAndGet();
                            if (firstError.compareAndSet(-1, i)) {
                                System.err.println("PUT " + path + " -> " + resp.statusCode() + ": "
                                        + resp.body().substring(0, Math.min(300, resp.body().length())));
                            }
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        if (firstError.compareAndSet(-1, i)) {
                            System.err.println("PUT " + path + " failed: " + e);
                        }
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(2, TimeUnit.HOURS)) {
            System.err.println("timed out");
            System.exit(1);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("created %d in %.1f s (%.0f/s), %d failed%n", created.get(), s, created.get() / s,
                failed.get());
        System.exit(failed.get() == 0 && created.get() == count ? 0 : 1);
    }
}
