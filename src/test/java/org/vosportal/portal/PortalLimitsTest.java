package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vosportal.service.LimitsProfile;
import org.vosportal.service.ServiceTestBase;
import org.vosportal.vospace.Props;

/**
 * One portal user cannot take what the others need: uploads and archives per user are limited
 * (429 in plain words), uploads travel on their own pool and crawling ones are cut, so another
 * user's listing stays quick; forms are small (413 page). Limits from {@link LimitsProfile}.
 */
@QuarkusTest
@TestProfile(LimitsProfile.class)
class PortalLimitsTest extends ServiceTestBase {

    @Inject
    PortalStreamLimits streams;

    static final int PORT = Integer.getInteger("quarkus.http.test-port", 8081);

    /**
     * Starts an upload over a raw socket that declares 1 MB and sends a few bytes a second: far
     * below the service's minimum rate. Returns the socket; its answer is read by the caller.
     */
    static Socket crawlingUpload(PortalSession s, String path, String csrf) throws IOException {
        Socket socket = new Socket("127.0.0.1", PORT);
        socket.setSoTimeout(30_000);
        String cookies = s.jar.get(URI.create(s.base), Map.of()).getOrDefault("Cookie", List.of("")).get(0);
        OutputStream out = socket.getOutputStream();
        out.write(("PUT /storage/vault/upload" + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + PORT + "\r\nCookie: " + cookies
                + "\r\nX-CSRF-Token: " + csrf + "\r\nContent-Length: 1048576\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[10]);
        out.flush();
        CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < 60; i++) {
                    Thread.sleep(500);
                    out.write(new byte[10]);
                    out.flush();
                }
            } catch (IOException | InterruptedException cut) {
                // the connection was closed
            }
        });
        return socket;
    }

    static String statusLine(Socket s) throws IOException {
        StringBuilder sb = new StringBuilder();
        InputStream in = s.getInputStream();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
            sb.append((char) c);
        }
        return sb.toString().trim();
    }

    @Test
    void oneUserCrawlingUploadsDoesNotBlockAnother() throws Exception {
        PortalSession alice = PortalSession.login(SERVER, "alice");
        PortalSession bob = PortalSession.login(SERVER, "bob");
        freshFolder("bob");
        String dir = freshFolder("alice");
        String csrf = alice.csrf();
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            slow.add(crawlingUpload(alice, dir + "/slow-" + i + ".txt", csrf));
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (streams.active("alice") < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(2, streams.active("alice"));
        // the third at once: refused in plain words, nothing stored
        HttpResponse<String> third = alice.upload(dir + "/third.txt", "third".getBytes(StandardCharsets.UTF_8), true);
        assertEquals(429, third.statusCode(), third::body);
        assertTrue(third.body().contains("You already have 2 uploads running"), third::body);
        assertTrue(third.headers().firstValue("Retry-After").isPresent());

        // meanwhile bob's listing is answered at once
        long start = System.nanoTime();
        HttpResponse<String> listing = bob.send(bob.request("/storage/vault/list/bob").timeout(Duration.ofSeconds(5))
                .GET().build());
        assertEquals(200, listing.statusCode());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));

        // the crawling uploads are cut (the service's minimum rate), nothing half-written stays
        for (Socket socket : slow) {
            try (socket) {
                String status = statusLine(socket);
                assertTrue(status.matches("HTTP/1.1 [45]\\d\\d .*"), status);
            }
        }
        deadline = System.currentTimeMillis() + 5000;
        while (streams.active("alice") > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, streams.active("alice"));
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/slow-0.txt").statusCode());
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/third.txt").statusCode());
        // and alice can upload again
        HttpResponse<String> ok = alice.upload(dir + "/after.txt", "after".getBytes(StandardCharsets.UTF_8), true);
        assertEquals(201, ok.statusCode(), ok::body);
    }

    @Test
    void aFormOverTheLimitGetsAPageAndChangesNothing() {
        PortalSession alice = PortalSession.login(SERVER, "alice");
        String dir = freshFolder("alice");
        HttpResponse<String> r = alice.post("/storage/vault/permissions" + dir,
                Map.of("public", "on", "readGroups", "x".repeat(70 * 1024)), true);
        assertEquals(413, r.statusCode(), r::body);
        assertTrue(r.body().contains("Too large") && r.body().contains("more than this form accepts"), r::body);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertFalse("true".equals(getNode("alice", dir).properties().stream()
                .filter(p -> p.uri().equals(Props.IS_PUBLIC)).map(p -> p.value()).findFirst().orElse(null)));
    }
}
