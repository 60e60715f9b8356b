import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Concurrent users listing a folder and downloading a file, for a bounded time and request count.
 *
 * <pre>java bench/LoadDriver.java MODE APP_URL USERS SECONDS MAX_REQUESTS FOLDER FILE [USER PASSWORD | TOKEN]</pre>
 *
 * MODE {@code portal}: every user logs in through the portal's Keycloak code flow (own cookies,
 * like a browser), then loops: GET {@code /storage/vault/list{FOLDER}} (the first page, rendered
 * on the server), GET {@code /storage/vault/download{FILE}} (303 to the signed URL, followed, every
 * byte read). MODE {@code service}: the same against the VOSpace API with a bearer token:
 * GET {@code /vault/nodes{FOLDER}?limit=100}, GET {@code /vault/files{FILE}} (303 followed).
 *
 * Every user starts after all have logged in. The run ends after SECONDS or MAX_REQUESTS requests,
 * whichever comes first. An error is a transport failure, a status other than 200 or a body shorter
 * than the declared length. Prints one {@code key=value} line on stdout (for bench/run.sh) and the
 * first few errors on stderr; exits 1 when any request failed.
 */
public class LoadDriver {

    record Sample(boolean list, long nanos) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 7) {
            System.err.println("usage: LoadDriver portal|service APP_URL USERS SECONDS MAX_REQUESTS FOLDER FILE [USER PASSWORD | TOKEN]");
            System.exit(2);
        }
        boolean portal = args[0].equals("portal");
        String app = args[1].replaceAll("/+$", "");
        int users = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        int maxRequests = Integer.parseInt(args[4]);
        String folder = args[5];
        String file = args[6];

        String listUrl = portal ? app + "/storage/vault/list" + folder : app + "/vault/nodes" + folder + "?limit=100";
        String fileUrl = portal ? app + "/storage/vault/download" + file : app + "/vault/files" + file;
        String bearer = portal ? null : "Bearer " + args[7];

        List<HttpClient> clients = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10));
            if (portal) {
                b.cookieHandler(loopbackCookies()); // one browser per user
            }
            clients.add(b.build());
        }
        if (portal) {
            long t0 = System.nanoTime();
            for (HttpClient c : clients) {
                login(c, app, args[7], args[8]);
            }
            System.err.printf("%d users logged in in %.1f s%n", users, (System.nanoTime() - t0) / 1e9);
        }

        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            HttpClient client = clients.get(u);
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                long end = window[0] + seconds * 1_000_000_000L;
                boolean list = true;
                while (System.nanoTime() < end && issued.getAndIncrement() < maxRequests) {
                    HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(list ? listUrl : fileUrl))
                            .timeout(Duration.ofSeconds(60));
                    if (bearer != null) {
                        rb.header("Authorization", bearer);
                    }
                    long s = System.nanoTime();
                    try {
                        HttpResponse<InputStream> resp = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
                        long n;
                        try (InputStream in = resp.body()) {
                            n = in.transferTo(OutputStream.nullOutputStream());
                        }
                        long declared = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
                        if (resp.statusCode() != 200 || (declared >= 0 && n != declared)) {
                            error(errors, (list ? "list" : "download") + " -> " + resp.statusCode() + ", " + n
                                    + " of " + declared + " bytes, " + resp.uri());
                        } else {
                            bytes.addAndGet(n);
                            samples.add(new Sample(list, System.nanoTime() - s));
                        }
                    } catch (Exception e) {
                        error(errors, (list ? "list" : "download") + " failed: " + e);
                    }
                    list = !list;
                }
            }, "user-" + u);
            threads.add(t);
            t.start();
        }
        window[0] = System.nanoTime();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        window[1] = System.nanoTime();
        double wall = (window[1] - window[0]) / 1e9;

        List<Long> lists = new ArrayList<>();
        List<Long> downloads = new ArrayList<>();
        for (Sample s : samples) {
            (s.list() ? lists : downloads).add(s.nanos());
        }
        Collections.sort(lists);
        Collections.sort(downloads);
        int ok = lists.size() + downloads.size();
        System.out.printf("mode=%s users=%d seconds=%.1f requests=%d errors=%d rps=%.1f mibs=%.1f"
                + " list_n=%d list_p50=%.1f list_p99=%.1f dl_n=%d dl_p50=%.1f dl_p99=%.1f%n",
                args[0], users, wall, ok + errors.get(), errors.get(), ok / wall, bytes.get() / 1048576.0 / wall,
                lists.size(), pct(lists, 50), pct(lists, 99), downloads.size(), pct(downloads, 50), pct(downloads, 99));
        System.exit(errors.get() == 0 ? 0 : 1);
    }

    /** The portal's code flow as a browser does it: /storage/login, Keycloak's form, back with the code. */
    static void login(HttpClient c, String app, String user, String password) throws Exception {
        HttpResponse<String> form = c.send(HttpRequest.newBuilder(URI.create(app + "/storage/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"").matcher(form.body());
        if (!m.find()) {
            throw new IllegalStateException("no Keycloak login form at " + form.uri() + " (" + form.statusCode() + ")");
        }
        String action = m.group(1).replace("&amp;", "&");
        String body = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> done = c.send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (done.statusCode() != 200 || !done.uri().getPath().startsWith("/storage/")) {
            throw new IllegalStateException("login ended at " + done.uri() + " (" + done.statusCode() + ")");
        }
    }

    /**
     * A cookie jar per user that, like browsers and curl on loopback, also keeps Keycloak's
     * {@code Secure} cookies over plain http://127.0.0.1 (the JDK drops them otherwise).
     */
    static CookieHandler loopbackCookies() {
        CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        return new CookieHandler() {
            @Override
            public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
                return jar.get(uri, headers);
            }

            @Override
            public void put(URI uri, Map<String, List<String>> headers) throws IOException {
                Map<String, List<String>> kept = new HashMap<>();
                headers.forEach((k, v) -> kept.put(k, k != null && k.equalsIgnoreCase("Set-Cookie")
                        ? v.stream().map(c -> c.replaceAll("(?i);\\s*Secure", "")).toList() : v));
                jar.put(uri, kept);
            }
        };
    }

    static void error(AtomicInteger errors, String what) {
        if (errors.incrementAndGet() <= 5) {
            System.err.println("error: " + what);
        }
    }

    /** Nearest-rank percentile in milliseconds. */
    static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, i)) / 1e6;
    }
}
