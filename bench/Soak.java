import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The soak of issue "Trust": USERS real Keycloak users (created through the admin API when
 * missing, soak-01 … soak-NN) work at once for SECONDS, each in its own folder, mixing portal
 * listings (logged in through Keycloak's form, like a browser), service listings, uploads,
 * downloads (MD5 compared), ZIP packages (every entry's MD5 compared), moves and permission
 * changes (checked from outside: an anonymous download works exactly when the file is public).
 * Every user's operations are sequential, so what its folder must hold is known exactly; at the
 * end every folder is listed and every file downloaded and compared.
 *
 * <pre>java bench/Soak.java APP_URL KEYCLOAK_URL USERS SECONDS</pre>
 *
 * An error is a transport failure, any 5xx, any status other than the expected one, a wrong MD5
 * or a folder that does not hold what it should. Prints one {@code key=value} line on stdout and
 * the first errors on stderr; exits 1 when anything failed. Admin credentials: KEYCLOAK_ADMIN_USER
 * / KEYCLOAK_ADMIN_PASSWORD (default admin/admin, the demo Keycloak of deploy/keycloak.sh).
 */
public class Soak {

    static final String NS = "http://www.ivoa.net/xml/VOSpace/v2.0";
    static final String AUTH = "vos://opencadc.org!vault";
    static final String REALM = "vospace";
    static final int MAX_FILE = 2 * 1024 * 1024;

    static String app;
    static String keycloak;
    static final AtomicInteger errors = new AtomicInteger();
    static final AtomicInteger fivexx = new AtomicInteger();
    static final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    static final AtomicLong bytesUp = new AtomicLong();
    static final AtomicLong bytesDown = new AtomicLong();

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: Soak APP_URL KEYCLOAK_URL USERS SECONDS");
            System.exit(2);
        }
        app = args[0].replaceAll("/+$", "");
        keycloak = args[1].replaceAll("/+$", "");
        int users = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);

        ensureUsers(users);
        List<User> all = new ArrayList<>();
        for (int i = 1; i <= users; i++) {
            User u = new User(String.format("soak-%02d", i), i);
            u.setUp();
            all.add(u);
        }
        System.err.printf("%d users ready; load starts at %d%n", users, System.currentTimeMillis() / 1000);

        CountDownLatch start = new CountDownLatch(1);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (User u : all) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    while (System.nanoTime() < end) {
                        u.step();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, u.name);
            threads.add(t);
            t.start();
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double wall = (System.nanoTime() - t0) / 1e9;

        int files = 0;
        for (User u : all) {
            files += u.verifyAll();
        }
        TreeMap<String, Integer> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k, v.get()));
        StringBuilder ops = new StringBuilder();
        int total = 0;
        for (var e : sorted.entrySet()) {
            if (e.getKey().startsWith("_")) {
                continue; // the steps inside an operation
            }
            ops.append(' ').append(e.getKey()).append('=').append(e.getValue());
            total += e.getValue();
        }
        System.out.printf("users=%d seconds=%.1f operations=%d ops_per_s=%.1f errors=%d status_5xx=%d files_checked=%d"
                + " mib_up=%.1f mib_down=%.1f%s%n", users, wall, total, total / wall, errors.get(), fivexx.get(), files,
                bytesUp.get() / 1048576.0, bytesDown.get() / 1048576.0, ops);
        System.out.println("ms_p50/p95/max" + latencies());
        System.exit(errors.get() == 0 ? 0 : 1);
    }

    /** Wall time of each operation, to tell which one a slow run spends its time in. */
    static final Map<String, List<Long>> millis = new ConcurrentHashMap<>();

    static void time(String op, long nanos) {
        millis.computeIfAbsent(op, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(nanos / 1_000_000);
    }

    static String latencies() {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(millis).forEach((op, list) -> {
            List<Long> ms;
            synchronized (list) {
                ms = new ArrayList<>(list);
            }
            java.util.Collections.sort(ms);
            b.append(String.format(" %s=%d/%d/%d", op, ms.get(ms.size() / 2), ms.get((int) (ms.size() * 0.95)),
                    ms.get(ms.size() - 1)));
        });
        return b.toString();
    }

    static void count(String op) {
        counts.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
    }

    static void error(String what) {
        if (errors.incrementAndGet() <= 20) {
            System.err.println("error: " + what);
        }
    }

    /** One user: its own cookie jar (portal), token (service) and the exact state of its folder. */
    static final class User {
        final String name;
        final String password;
        final Random random;
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        final HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).cookieHandler(LoadDriver.loopbackCookies())
                .connectTimeout(Duration.ofSeconds(10)).build();
        String token;
        long tokenAt;
        String folder;
        /** name (relative to folder) → MD5 of what it must hold; "sub/" holds moved files. */
        final Map<String, String> files = new TreeMap<>();
        final Map<String, Boolean> isPublic = new HashMap<>();
        int seq;

        User(String name, int seed) {
            this.name = name;
            this.password = name + "-pw";
            this.random = new Random(seed);
        }

        void setUp() throws Exception {
            refreshToken();
            folder = "/" + name + "/soak-" + Long.toHexString(System.nanoTime());
            // the first authenticated request creates the home
            expect("_home", send(service("GET", "/nodes/" + name + "?limit=0", null, null)), 200);
            expect("_mkdir", send(service("PUT", "/nodes" + folder, "text/xml", container(folder))), 201);
            expect("_mkdir", send(service("PUT", "/nodes" + folder + "/sub", "text/xml", container(folder + "/sub"))),
                    201);
            LoadDriver.login(browser, app, name, password);
        }

        void refreshToken() throws Exception {
            if (token == null || System.nanoTime() - tokenAt > 600_000_000_000L) {
                token = Soak.token(name, password);
                tokenAt = System.nanoTime();
            }
        }

        void step() {
            try {
                refreshToken();
                int r = random.nextInt(100);
                long t = System.nanoTime();
                String op;
                if (files.isEmpty() || r < 22) {
                    op = "upload";
                    upload();
                } else if (r < 40) {
                    op = "download";
                    download();
                } else if (r < 52) {
                    op = "list";
                    listService();
                } else if (r < 64) {
                    op = "portal-list";
                    listPortal();
                } else if (r < 72) {
                    op = "zip";
                    zip();
                } else if (r < 86) {
                    op = "move";
                    move();
                } else {
                    op = "chmod";
                    togglePublic();
                }
                time(op, System.nanoTime() - t);
            } catch (Exception e) {
                error(name + ": " + e);
            }
        }

        String pick() {
            List<String> names = new ArrayList<>(files.keySet());
            return names.get(random.nextInt(names.size()));
        }

        void upload() throws Exception {
            String rel = files.size() >= 40 && random.nextBoolean() ? pick() : "f-" + (seq++) + ".bin";
            byte[] bytes = new byte[random.nextInt(4) == 0 ? 1 + random.nextInt(MAX_FILE) : 1 + random.nextInt(8192)];
            random.nextBytes(bytes);
            String endpoint = negotiate(folder + "/" + rel, true);
            HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(120))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
            if (expect("upload", put, 201, 200)) {
                files.put(rel, md5(bytes));
                bytesUp.addAndGet(bytes.length);
            }
        }

        void download() throws Exception {
            String rel = pick();
            byte[] got = fetch(folder + "/" + rel);
            if (got != null && !md5(got).equals(files.get(rel))) {
                error(name + ": download of " + rel + " has the wrong MD5");
            }
            count("download");
        }

        byte[] fetch(String path) throws Exception {
            HttpResponse<String> files = send(service("GET", "/files" + path, null, null));
            if (!expect("_files", files, 303)) {
                return null;
            }
            HttpResponse<byte[]> bytes = http.send(HttpRequest.newBuilder(URI.create(files.headers()
                    .firstValue("Location").orElseThrow())).timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (bytes.statusCode() != 200) {
                status(bytes.statusCode(), "GET bytes of " + path);
                return null;
            }
            bytesDown.addAndGet(bytes.body().length);
            return bytes.body();
        }

        void listService() throws Exception {
            HttpResponse<String> r = send(service("GET", "/nodes" + folder + "?limit=1000", null, null));
            if (expect("list", r, 200)) {
                TreeSet<String> expected = new TreeSet<>();
                for (String f : files.keySet()) {
                    expected.add(f.contains("/") ? f.substring(0, f.indexOf('/')) : f);
                }
                expected.add("sub");
                TreeSet<String> listed = new TreeSet<>();
                Matcher m = Pattern.compile("<vos:node [^>]*uri=\"[^\"]*" + Pattern.quote(folder) + "/([^\"/]+)\"")
                        .matcher(r.body());
                while (m.find()) {
                    listed.add(m.group(1));
                }
                if (!listed.equals(expected)) {
                    error(name + ": listing " + listed + " is not " + expected);
                }
            }
        }

        void listPortal() throws Exception {
            HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(app + "/storage/vault/list"
                    + folder)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            count("portal-list");
            if (r.statusCode() != 200) {
                status(r.statusCode(), "portal list");
            } else if (!r.body().contains(">sub<") && !r.body().contains("<tr class=\"more\"")) {
                // a page holds 100 rows by name: past 100 files "sub" is on a later page
                error(name + ": the portal page of " + folder + " does not show its sub-folder");
            }
        }

        void zip() throws Exception {
            String doc = "<vos:transfer xmlns:vos=\"" + NS + "\" version=\"2.1\"><vos:target>" + AUTH + folder
                    + "</vos:target><vos:direction>pullFromVoSpace</vos:direction>"
                    + "<vos:view uri=\"vos://cadc.nrc.ca~vospace/CADC/std/Pkg-1.0\"><vos:param "
                    + "uri=\"ivo://ivoa.net/vospace/core#format\">application/zip</vos:param></vos:view>"
                    + "<vos:protocol uri=\"ivo://ivoa.net/vospace/core#httpsget\"/></vos:transfer>";
            HttpResponse<String> post = send(service("POST", "/synctrans", "text/xml", doc));
            if (!expect("zip", post, 303)) {
                return;
            }
            HttpResponse<InputStream> r = http.send(authed(HttpRequest.newBuilder(URI.create(post.headers()
                    .firstValue("Location").orElseThrow()))).timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                r.body().close();
                status(r.statusCode(), "GET package");
                return;
            }
            String top = folder.substring(folder.lastIndexOf('/') + 1) + "/";
            Map<String, String> entries = new TreeMap<>();
            try (ZipInputStream in = new ZipInputStream(r.body())) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    byte[] b = in.readAllBytes();
                    bytesDown.addAndGet(b.length);
                    if (!e.isDirectory()) {
                        entries.put(e.getName().startsWith(top) ? e.getName().substring(top.length()) : e.getName(),
                                md5(b));
                    }
                }
            }
            if (!entries.equals(files)) {
                error(name + ": ZIP holds " + entries.keySet() + ", the folder " + files.keySet());
            }
        }

        void move() throws Exception {
            String rel = pick();
            String to = rel.startsWith("sub/") ? rel.substring(4) : "sub/" + rel;
            if (files.containsKey(to)) {
                return;
            }
            String doc = "<vos:transfer xmlns:vos=\"" + NS + "\"><vos:target>" + AUTH + folder + "/" + rel
                    + "</vos:target><vos:direction>" + AUTH + folder + "/" + to
                    + "</vos:direction><vos:keepBytes>false</vos:keepBytes></vos:transfer>";
            HttpResponse<String> post = send(service("POST", "/transfers", "text/xml", doc));
            if (!expect("move", post, 303)) {
                return;
            }
            String job = post.headers().firstValue("Location").orElseThrow();
            HttpResponse<String> run = send(authed(HttpRequest.newBuilder(URI.create(job + "/phase")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("PHASE=RUN")).build());
            if (!expect("_run", run, 303)) {
                return;
            }
            String phase = awaitPhase(job);
            if (!"COMPLETED".equals(phase)) {
                error(name + ": move " + rel + " -> " + to + " ended " + phase);
                return;
            }
            files.put(to, files.remove(rel));
            Boolean p = isPublic.remove(rel);
            if (p != null) {
                isPublic.put(to, p);
            }
        }

        String awaitPhase(String job) throws Exception {
            for (int i = 0; i < 120; i++) {
                HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(job + "/phase?WAIT=1"))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build());
                String phase = r.body().trim();
                if (r.statusCode() != 200) {
                    status(r.statusCode(), "job phase");
                    return "HTTP " + r.statusCode();
                }
                if (phase.equals("COMPLETED") || phase.equals("ERROR") || phase.equals("ABORTED")) {
                    return phase;
                }
                Thread.sleep(100);
            }
            return "TIMEOUT";
        }

        void togglePublic() throws Exception {
            String rel = pick();
            boolean now = !isPublic.getOrDefault(rel, false);
            String path = folder + "/" + rel;
            String doc = "<vos:node xmlns:vos=\"" + NS + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                    + " uri=\"" + AUTH + path + "\" xsi:type=\"vos:DataNode\"><vos:properties><vos:property uri=\""
                    + "ivo://ivoa.net/vospace/core#ispublic\">" + now + "</vos:property></vos:properties>"
                    + "<vos:accepts/><vos:provides/></vos:node>";
            if (!expect("chmod", send(service("POST", "/nodes" + path, "text/xml", doc)), 200)) {
                return;
            }
            isPublic.put(rel, now);
            // an anonymous look at the node while its permissions change: refused or shown, never a fault
            HttpResponse<String> anon = send(HttpRequest.newBuilder(URI.create(app + "/vault/nodes" + path + "?limit=0"))
                    .timeout(Duration.ofSeconds(30)).build());
            if (anon.statusCode() >= 500) {
                status(anon.statusCode(), "anonymous node");
            }
        }

        /** Lists the folder and downloads every file: the final state must be exactly the expected one. */
        int verifyAll() {
            int n = 0;
            try {
                refreshToken();
                listService();
                for (Map.Entry<String, String> e : files.entrySet()) {
                    byte[] got = fetch(folder + "/" + e.getKey());
                    if (got == null || !md5(got).equals(e.getValue())) {
                        error(name + ": final check of " + e.getKey() + " failed");
                    }
                    n++;
                }
            } catch (Exception e) {
                error(name + ": final check: " + e);
            }
            return n;
        }

        String negotiate(String path, boolean push) throws Exception {
            String doc = "<vos:transfer xmlns:vos=\"" + NS + "\" version=\"2.1\"><vos:target>" + AUTH + path
                    + "</vos:target><vos:direction>" + (push ? "pushToVoSpace" : "pullFromVoSpace")
                    + "</vos:direction><vos:protocol uri=\"ivo://ivoa.net/vospace/core#" + (push ? "httpsput" : "httpsget")
                    + "\"/></vos:transfer>";
            HttpResponse<String> post = send(service("POST", "/synctrans", "text/xml", doc));
            if (post.statusCode() != 303) {
                throw new IOException("synctrans answered " + post.statusCode() + ": " + post.body());
            }
            HttpResponse<String> details = send(authed(HttpRequest.newBuilder(URI.create(post.headers()
                    .firstValue("Location").orElseThrow()))).build());
            Matcher m = Pattern.compile("<vos:endpoint>([^<]+)</vos:endpoint>").matcher(details.body());
            if (!m.find()) {
                throw new IOException("no endpoint for " + path + ": " + details.body());
            }
            return m.group(1).replace("&amp;", "&");
        }

        HttpRequest.Builder authed(HttpRequest.Builder b) {
            return b.header("Authorization", "Bearer " + token);
        }

        HttpRequest service(String method, String pathAndQuery, String type, String body) {
            HttpRequest.Builder b = authed(HttpRequest.newBuilder(URI.create(app + "/vault" + pathAndQuery)))
                    .timeout(Duration.ofSeconds(60));
            if (type != null) {
                b.header("Content-Type", type);
            }
            return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body)).build();
        }

        HttpResponse<String> send(HttpRequest r) throws Exception {
            return http.send(r, HttpResponse.BodyHandlers.ofString());
        }

        boolean expect(String op, HttpResponse<String> r, int... ok) {
            count(op);
            for (int s : ok) {
                if (r.statusCode() == s) {
                    return true;
                }
            }
            status(r.statusCode(), op + " " + r.request().method() + " " + r.uri().getPath() + ": "
                    + r.body().substring(0, Math.min(200, r.body().length())));
            return false;
        }

        void status(int code, String what) {
            if (code >= 500) {
                fivexx.incrementAndGet();
            }
            error(name + ": " + what + " -> " + code);
        }
    }

    static String container(String path) {
        return "<vos:node xmlns:vos=\"" + NS + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" uri=\""
                + AUTH + path + "\" xsi:type=\"vos:ContainerNode\"><vos:properties/><vos:nodes/></vos:node>";
    }

    static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    static final HttpClient KC = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static String token(String user, String password) throws Exception {
        String body = "grant_type=password&client_id=vos-cli&scope=openid&username=" + enc(user) + "&password="
                + enc(password);
        HttpResponse<String> r = KC.send(HttpRequest.newBuilder(URI.create(keycloak + "/realms/" + REALM
                + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IOException("no token for " + user + ": " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    /** Creates soak-01 … soak-NN (password soak-NN-pw) through Keycloak's admin API when missing. */
    static void ensureUsers(int n) throws Exception {
        String adminBody = "grant_type=password&client_id=admin-cli&username="
                + enc(System.getenv().getOrDefault("KEYCLOAK_ADMIN_USER", "admin")) + "&password="
                + enc(System.getenv().getOrDefault("KEYCLOAK_ADMIN_PASSWORD", "admin"));
        HttpResponse<String> t = KC.send(HttpRequest.newBuilder(URI.create(keycloak
                + "/realms/master/protocol/openid-connect/token")).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(adminBody)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(t.body());
        if (!m.find()) {
            throw new IOException("no admin token: " + t.statusCode());
        }
        String admin = m.group(1);
        for (int i = 1; i <= n; i++) {
            String user = String.format("soak-%02d", i);
            String json = "{\"username\":\"" + user + "\",\"enabled\":true,\"email\":\"" + user
                    + "@example.org\",\"emailVerified\":true,\"firstName\":\"Soak\",\"lastName\":\"" + user
                    + "\",\"credentials\":[{\"type\":\"password\",\"value\":\"" + user
                    + "-pw\",\"temporary\":false}]}";
            HttpResponse<String> r = KC.send(HttpRequest.newBuilder(URI.create(keycloak + "/admin/realms/" + REALM
                    + "/users")).header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201 && r.statusCode() != 409) {
                throw new IOException("cannot create " + user + ": " + r.statusCode() + " " + r.body());
            }
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
