import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many small files, the way {@code vsync --nstreams S} sends them, against the embedded VOSpace
 * service, and the same files through nginx WebDAV for scale (issue 13, section 5).
 *
 * <pre>java bench/SmallFiles.java MODE URL N STREAMS SIZE PIDS [TOKEN]</pre>
 *
 * <ul>
 * <li>{@code vos-put}: URL is the container's node URL ({@code http://…/vault/nodes/alice/sf/r1},
 * which must exist); per file, in this order (docs: ../shared/VOSPACE.md §6, {@code vsync}):
 * {@code GET /nodes/d/f} (404), {@code GET /nodes/d/f?limit=0} (404), {@code POST /synctrans}
 * (pushToVoSpace, httpsput with the CADC token method and a plain one, 303 followed to the
 * transfer document), {@code GET {job}/phase}, {@code HEAD endpoint} (404), {@code PUT endpoint}
 * (3 KB, {@code digest: md5=…}) and {@code GET /nodes/d/f} (200, the node with its MD5).</li>
 * <li>{@code vos-stat}: per file {@code GET /nodes/d/f} (what a {@code vsync} of files that are up
 * to date costs: it compares each node's MD5).</li>
 * <li>{@code vos-list}: N times {@code vls d}: {@code GET /nodes/d?limit=0}, {@code GET /nodes/d}
 * (every child); SIZE is the number of children, for the files/s figure.</li>
 * <li>{@code nginx-put}: URL is a folder of nginx's WebDAV location; per file one {@code PUT}.</li>
 * <li>{@code nginx-stat}: per file {@code HEAD}. {@code nginx-list}: N times {@code GET} of the
 * folder's autoindex (JSON).</li>
 * </ul>
 *
 * Files are {@code f00000.dat} … Server CPU: user + system ticks of every pid in PIDS
 * (comma-separated; {@code /proc/PID/stat}) read just before the first and just after the last
 * request. Prints one {@code key=value} line: {@code files}, {@code seconds}, {@code files_per_s},
 * {@code requests}, {@code cpu_ms} (server), {@code cpu_ms_per_file}, {@code errors}; exits 1 on
 * any error (a status other than the expected one, or a transport failure).
 */
public class SmallFiles {

    static final Pattern ENDPOINT = Pattern.compile("<(?:[\\w-]+:)?endpoint>\\s*([^<\\s]+)\\s*<");
    static final long TICK_NS = 10_000_000L; // CLK_TCK 100 on Linux

    public static void main(String[] a) throws Exception {
        if (a.length < 6) {
            System.err.println("usage: SmallFiles MODE URL N STREAMS SIZE PIDS [TOKEN]");
            System.exit(2);
        }
        String mode = a[0];
        String url = a[1].replaceAll("/+$", "");
        int n = Integer.parseInt(a[2]);
        int streams = Integer.parseInt(a[3]);
        int size = Integer.parseInt(a[4]);
        long[] pids = java.util.Arrays.stream(a[5].split(",")).mapToLong(Long::parseLong).toArray();
        String token = a.length > 6 ? a[6] : null;

        HttpClient follow = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        Run run = new Run(url, size, token, follow, plain);

        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long cpu0 = cpuTicks(pids);
        long t0 = System.nanoTime();
        for (int s = 0; s < streams; s++) {
            Thread t = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    try {
                        requests.addAndGet(switch (mode) {
                            case "vos-put" -> run.vosPut(i);
                            case "vos-stat" -> run.expect(run.service(run.file(i)).GET(), 200, plain);
                            case "vos-list" -> run.expect(run.service(url + "?limit=0").GET(), 200, plain)
                                    + run.expect(run.service(url).GET(), 200, plain);
                            case "nginx-put" -> run.expect(HttpRequest.newBuilder(URI.create(run.file(i)))
                                    .PUT(HttpRequest.BodyPublishers.ofByteArray(run.body(i))), 201, plain);
                            case "nginx-stat" -> run.expect(HttpRequest.newBuilder(URI.create(run.file(i)))
                                    .method("HEAD", HttpRequest.BodyPublishers.noBody()), 200, plain);
                            case "nginx-list" -> run.expect(HttpRequest.newBuilder(URI.create(url + "/")).GET(),
                                    200, plain);
                            default -> throw new IllegalArgumentException("unknown mode " + mode);
                        });
                    } catch (IllegalArgumentException e) {
                        throw e;
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 5) {
                            System.err.println("error: " + mode + " #" + i + ": " + e.getMessage());
                        }
                    }
                }
            }, "stream-" + s);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpuMs = (cpuTicks(pids) - cpu0) * TICK_NS / 1_000_000;
        // a listing lists SIZE files per repetition
        long files = mode.endsWith("-list") ? (long) n * size : n;
        System.out.printf("mode=%s files=%d seconds=%.3f files_per_s=%.1f requests=%d cpu_ms=%d cpu_ms_per_file=%.3f"
                + " errors=%d%n", mode, files, seconds, files / seconds, requests.get(), cpuMs,
                (double) cpuMs / files, errors.get());
        System.exit(errors.get() == 0 ? 0 : 1);
    }

    static long cpuTicks(long[] pids) throws IOException {
        long sum = 0;
        for (long pid : pids) {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            sum += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
        }
        return sum;
    }

    record Run(String url, int size, String token, HttpClient follow, HttpClient plain) {

        String file(int i) {
            return url + "/" + String.format("f%05d.dat", i);
        }

        byte[] body(int i) {
            byte[] b = new byte[size];
            new Random(i).nextBytes(b);
            return b;
        }

        /** A request to the service as vos sends it (token twice, Accept any). */
        HttpRequest.Builder service(String u) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(u)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "*/*");
            if (token != null) {
                b.header("Authorization", "Bearer " + token).header("X-CADC-DelegationToken", token);
            }
            return b;
        }

        int expect(HttpRequest.Builder b, int status, HttpClient c) throws Exception {
            HttpResponse<byte[]> r = c.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            // status 0: any answer below 500 (a HEAD of a node without bytes yet)
            if (status == 0 ? r.statusCode() >= 500 : r.statusCode() != status) {
                throw new IOException(r.request().method() + " " + r.uri() + " -> " + r.statusCode() + " (expected "
                        + status + "): " + new String(r.body(), StandardCharsets.UTF_8).lines().findFirst().orElse(""));
            }
            return 1;
        }

        int vosPut(int i) throws Exception {
            String f = file(i);
            int req = expect(service(f).GET(), 404, plain); // vsync: does the node exist (its MD5)?
            req += expect(service(f + "?limit=0").GET(), 404, plain); // vcp: the destination
            String nodes = "/vault/nodes/";
            int at = f.indexOf(nodes);
            String base = f.substring(0, at) + "/vault";
            String target = "vos://opencadc.org~vault/" + f.substring(at + nodes.length());
            String doc = "<vos:transfer xmlns:vos=\"http://www.ivoa.net/xml/VOSpace/v2.0\" version=\"2.1\">"
                    + "<vos:target>" + target + "</vos:target><vos:direction>pushToVoSpace</vos:direction>"
                    + "<vos:protocol uri=\"ivo://ivoa.net/vospace/core#httpsput\"><vos:securityMethod"
                    + " uri=\"vos://cadc.nrc.ca~vospace/CADC/std/Auth#token-1.0\"/></vos:protocol>"
                    + "<vos:protocol uri=\"ivo://ivoa.net/vospace/core#httpsput\"/></vos:transfer>";
            HttpResponse<String> details = follow.send(service(base + "/synctrans").header("Content-Type", "text/xml")
                    .POST(HttpRequest.BodyPublishers.ofString(doc)).build(), HttpResponse.BodyHandlers.ofString());
            req += 2;
            if (details.statusCode() != 200) {
                throw new IOException("synctrans -> " + details.statusCode() + " at " + details.uri());
            }
            Matcher m = ENDPOINT.matcher(details.body());
            if (!m.find()) {
                throw new IOException("no endpoint in the transfer document: " + details.body());
            }
            String endpoint = m.group(1).replace("&amp;", "&");
            String job = details.uri().toString().replace("/xfer/", "/transfers/")
                    .replaceAll("/results/transferDetails$", "");
            HttpResponse<String> phase = plain.send(service(job + "/phase").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            req++;
            if (phase.statusCode() != 200 || phase.body().equals("ERROR")) {
                throw new IOException("phase -> " + phase.statusCode() + " " + phase.body());
            }
            byte[] body = body(i);
            String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
            req += expect(data(endpoint).method("HEAD", HttpRequest.BodyPublishers.noBody()), 0, plain);
            req += expect(data(endpoint).header("digest", "md5=" + md5)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)), 201, plain);
            req += expect(service(f).GET(), 200, plain); // vsync: the node again, with its MD5
            return req;
        }

        /** The data endpoint gets only the Authorization header. */
        HttpRequest.Builder data(String u) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(u)).timeout(Duration.ofSeconds(60));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return b;
        }
    }
}
