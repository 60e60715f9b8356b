package org.vosportal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.Props;

/**
 * Many clients at once on the same names: every final state is one of those submitted, nothing
 * answers 5xx, and the tree's lengths still add up.
 */
@QuarkusTest
class ConcurrencyTest extends ServiceTestBase {

    static final int CLIENTS = 20;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** Runs the tasks at once (released together by a barrier) and returns their results in order. */
    static <T> List<T> atOnce(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CyclicBarrier go = new CyclicBarrier(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> t : tasks) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return t.call();
                }));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(300, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    /** 20 clients upload different bytes to one new path at once: all succeed, the file is one of theirs. */
    @Test
    void twentyUploadsToOnePath() throws Exception {
        String d = freshFolder("alice");
        String path = d + "/same.bin";
        List<byte[]> bodies = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            byte[] b = new byte[100_000 + i * 1000];
            new Random(i).nextBytes(b);
            bodies.add(b);
            urls.add(negotiate("alice", path, true));
        }
        List<Callable<Integer>> uploads = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            int n = i;
            uploads.add(() -> HTTP.send(HttpRequest.newBuilder(URI.create(urls.get(n)))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bodies.get(n))).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        List<Integer> statuses = atOnce(uploads);
        assertEquals(List.of(201), statuses.stream().distinct().toList(), statuses::toString);

        byte[] got = download("alice", path).asByteArray();
        Set<String> submitted = new java.util.HashSet<>();
        for (byte[] b : bodies) {
            submitted.add(md5(b));
        }
        assertTrue(submitted.contains(md5(got)), "the file is none of the uploads");
        Node n = getNode("alice", path);
        assertEquals(md5(got), n.value(Props.MD5));
        assertEquals(String.valueOf(got.length), n.value(Props.LENGTH));
        Node folder = getNode("alice", d);
        assertEquals(List.of("same.bin"), folder.children().stream().map(c -> c.path().name()).toList());
        assertEquals(String.valueOf(got.length), folder.value(Props.LENGTH));
    }

    /** Starts a move job and returns "PHASE|job URL", or the status of a refused creation (e.g. "503|"). */
    static String move(String user, String src, String dest) throws Exception {
        String doc = "<vos:transfer xmlns:vos=\"" + VOS_NS + "\" version=\"2.1\"><vos:target>" + AUTH + src
                + "</vos:target><vos:direction>" + AUTH + dest + "</vos:direction><vos:keepBytes>false</vos:keepBytes>"
                + "</vos:transfer>";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/transfers?PHASE=RUN"))
                .header("Authorization", "Bearer " + token(user)).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(doc)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 303) {
            return r.statusCode() + "|" + r.body();
        }
        String job = r.headers().firstValue("Location").orElseThrow();
        return VosClientReplayTest.pollPhase(user, job) + "|" + job;
    }

    static String errorOf(String user, String result) {
        return as(user).get(result.substring(result.indexOf('|') + 1) + "/error").asString();
    }

    /** Creations the service may refuse while busy (a job cap): never an error of the tree. */
    static boolean refusedAsBusy(String result) {
        return result.startsWith("429|") || result.startsWith("503|");
    }

    /** 20 clients rename 20 files to one name at once: one wins, the others are DuplicateNode, nothing is lost. */
    @Test
    void twentyRenamesOntoOneName() throws Exception {
        String d = freshFolder("alice");
        for (int i = 0; i < CLIENTS; i++) {
            uploadOk("alice", d + "/f" + i, "content " + i);
        }
        List<Callable<String>> renames = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            int n = i;
            renames.add(() -> move("alice", d + "/f" + n, d + "/winner"));
        }
        List<String> results = atOnce(renames);
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String r = results.get(i);
            assertTrue(!r.startsWith("5") || refusedAsBusy(r), r);
            if (r.startsWith("COMPLETED|")) {
                winners.add(i);
            } else if (!refusedAsBusy(r)) {
                assertTrue(r.startsWith("ERROR|"), r);
                assertEquals("DuplicateNode", errorOf("alice", r), r);
            }
        }
        assertEquals(1, winners.size(), results::toString);
        int w = winners.get(0);
        assertEquals("content " + w, download("alice", d + "/winner").asString());
        Set<String> expected = new java.util.TreeSet<>();
        expected.add("winner");
        for (int i = 0; i < CLIENTS; i++) {
            if (i != w) {
                expected.add("f" + i);
            }
        }
        Node folder = getNode("alice", d);
        assertEquals(expected, folder.children().stream().map(c -> c.path().name())
                .collect(Collectors.toCollection(java.util.TreeSet::new)));
        long total = 0;
        for (int i = 0; i < CLIENTS; i++) {
            total += ("content " + i).length();
        }
        assertEquals(String.valueOf(total), folder.value(Props.LENGTH));
    }

    /** 20 clients rename one file to 20 names at once: it ends under exactly one of them, with its bytes. */
    @Test
    void twentyRenamesOfOneFile() throws Exception {
        String d = freshFolder("alice");
        uploadOk("alice", d + "/x", "the one file");
        List<Callable<String>> renames = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            int n = i;
            renames.add(() -> move("alice", d + "/x", d + "/x-" + n));
        }
        List<String> results = atOnce(renames);
        Map<Integer, String> completed = new TreeMap<>();
        for (int i = 0; i < CLIENTS; i++) {
            String r = results.get(i);
            assertTrue(!r.startsWith("5") || refusedAsBusy(r), r);
            if (r.startsWith("COMPLETED|")) {
                completed.put(i, r);
            } else if (!refusedAsBusy(r)) {
                assertTrue(r.startsWith("ERROR|"), r);
                assertEquals("NodeNotFound", errorOf("alice", r), r);
            }
        }
        assertTrue(!completed.isEmpty(), results::toString);
        Node folder = getNode("alice", d);
        List<String> names = folder.children().stream().map(c -> c.path().name()).toList();
        assertEquals(1, names.size(), names::toString);
        String name = names.get(0);
        assertTrue(completed.containsKey(Integer.parseInt(name.substring(2))), name + " was not a completed rename");
        assertEquals("the one file", download("alice", d + "/" + name).asString());
        assertEquals(String.valueOf("the one file".length()), folder.value(Props.LENGTH));
    }
}
