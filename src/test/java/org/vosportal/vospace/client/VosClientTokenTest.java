package org.vosportal.vospace.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vosportal.vospace.VosPath;

/**
 * Where the user's token goes: only to the service's own host, and only to a service that is
 * configured to receive it. A transfer redirect, a transfer document's job or a job URL on
 * another host never gets it, and a job created on another host is not followed at all.
 */
class VosClientTokenTest {

    static final String TOKEN = "eyJ.user-token.sig";

    /** One HTTP server standing for a host; records the Authorization header of every request. */
    static final class Host {
        record Seen(String method, String path, String authorization) {
        }

        final HttpServer server;
        final String base;
        final List<Seen> seen = new CopyOnWriteArrayList<>();
        volatile String foreignBase;

        Host() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            base = "http://127.0.0.1:" + server.getAddress().getPort() + "/vault";
            server.createContext("/vault", this::handle);
            server.start();
        }

        void handle(HttpExchange ex) throws IOException {
            ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getPath();
            seen.add(new Seen(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("Authorization")));
            switch (path) {
                case "/vault/capabilities" -> answer(ex, 200, capabilities(), null);
                case "/vault/nodes", "/vault/nodes/" -> answer(ex, 200, container("vos://test~vault"), null);
                case "/vault/nodes/alice" -> answer(ex, 200, container("vos://test~vault/alice"), null);
                // the transfer goes on at another host
                case "/vault/synctrans" -> answer(ex, 303, "", foreignBase + "/xfer/1");
                // a job created "elsewhere"
                case "/vault/async-delete" -> answer(ex, 303, "", foreignBase + "/async-delete/1");
                case "/vault/xfer/1" -> answer(ex, 200, "<vos:transfer xmlns:vos=\"http://www.ivoa.net/xml/VOSpace/v2.0\""
                        + " version=\"2.1\"><vos:target>vos://test~vault/alice</vos:target>"
                        + "<vos:direction>pullFromVoSpace</vos:direction><vos:protocol"
                        + " uri=\"ivo://ivoa.net/vospace/core#httpget\"><vos:endpoint>" + base
                        + "/preauth/x/alice</vos:endpoint></vos:protocol></vos:transfer>", null);
                case "/vault/async-delete/1" -> answer(ex, 200, "<uws:job xmlns:uws=\"http://www.ivoa.net/xml/UWS/v1.0\">"
                        + "<uws:jobId>1</uws:jobId><uws:phase>COMPLETED</uws:phase></uws:job>", null);
                default -> answer(ex, 404, "NodeNotFound: " + path, null);
            }
        }

        String capabilities() {
            StringBuilder caps = new StringBuilder("<vosi:capabilities xmlns:vosi=\"http://www.ivoa.net/xml/VOSICapabilities/v1.0\""
                    + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:vs=\"http://www.ivoa.net/xml/VODataService/v1.1\">");
            String[][] c = {{Capabilities.NODES, "/nodes"}, {Capabilities.SYNC, "/synctrans"},
                {Capabilities.ASYNC_DELETE, "/async-delete"}};
            for (String[] cap : c) {
                caps.append("<capability standardID=\"").append(cap[0]).append("\"><interface xsi:type=\"vs:ParamHTTP\">")
                        .append("<accessURL use=\"base\">").append(base).append(cap[1]).append("</accessURL></interface></capability>");
            }
            return caps.append("</vosi:capabilities>").toString();
        }

        static String container(String uri) {
            return "<vos:node xmlns:vos=\"http://www.ivoa.net/xml/VOSpace/v2.0\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                    + " uri=\"" + uri + "\" xsi:type=\"vos:ContainerNode\"><vos:properties/><vos:nodes/></vos:node>";
        }

        static void answer(HttpExchange ex, int status, String body, String location) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/xml");
            if (location != null) {
                ex.getResponseHeaders().add("Location", location);
            }
            ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        }

        List<String> authorizations() {
            return seen.stream().map(Seen::authorization).toList();
        }
    }

    static Vertx vertx;
    static WebClient web;
    static Host service;
    static Host foreign;

    @BeforeAll
    static void start() throws IOException {
        vertx = Vertx.vertx();
        web = WebClient.create(vertx);
        service = new Host();
        foreign = new Host();
        service.foreignBase = foreign.base;
        foreign.foreignBase = service.base;
    }

    @AfterAll
    static void stop() {
        service.server.stop(0);
        foreign.server.stop(0);
        web.close();
        vertx.closeAndAwait();
    }

    @BeforeEach
    void forget() {
        service.seen.clear();
        foreign.seen.clear();
    }

    /** The caller's session, waited for: these tests drive the client from the test thread. */
    private static VosSession session(VosClient c) {
        return c.session(TOKEN).await().atMost(java.time.Duration.ofSeconds(10));
    }

    private static <T> T now(io.smallrye.mutiny.Uni<T> call) {
        return call.await().atMost(java.time.Duration.ofSeconds(10));
    }

    private static VosClient client(boolean sendsToken) {
        return new VosClient(web, "test", service.base + "/capabilities", sendsToken);
    }

    @Test
    void aServiceThatDoesNotReceiveTokensIsCalledAnonymously() {
        VosClient c = client(false);
        now(session(c).node(VosPath.parse("/alice"), 0, null));
        now(session(c).negotiate(VosPath.parse("/alice"), false));
        assertFalse(service.seen.isEmpty());
        assertTrue(service.authorizations().stream().allMatch(a -> a == null), service.seen::toString);
        assertTrue(foreign.authorizations().stream().allMatch(a -> a == null), foreign.seen::toString);
        assertFalse(c.ownsUrl(service.base + "/nodes/alice"), "no URL of it may carry the token");
    }

    @Test
    void theTokenGoesToTheServiceButNotWithARedirectToAnotherHost() {
        VosClient c = client(true);
        now(session(c).node(VosPath.parse("/alice"), 0, null));
        String endpoint = now(session(c).negotiate(VosPath.parse("/alice"), false));
        assertEquals(foreign.base + "/preauth/x/alice", endpoint, "the transfer document of the other host");
        assertTrue(service.seen.stream().anyMatch(s -> s.path().equals("/vault/nodes/alice")
                && ("Bearer " + TOKEN).equals(s.authorization())), service.seen::toString);
        assertTrue(service.seen.stream().anyMatch(s -> s.path().equals("/vault/synctrans")
                && ("Bearer " + TOKEN).equals(s.authorization())), service.seen::toString);
        assertTrue(foreign.seen.stream().anyMatch(s -> s.path().equals("/vault/xfer/1")), "the redirect was followed");
        assertTrue(foreign.authorizations().stream().allMatch(a -> a == null), foreign.seen::toString);
        assertTrue(c.ownsUrl(service.base + "/pkg/1/run"));
        assertFalse(c.ownsUrl(foreign.base + "/pkg/1/run"));
    }

    @Test
    void aJobCreatedOnAnotherHostIsRefusedAndNeverContacted() {
        VosClient c = client(true);
        UpstreamException e = assertThrows(UpstreamException.class, () -> now(session(c).recursiveDelete(VosPath.parse("/alice"))));
        assertEquals(502, e.status());
        assertEquals("ForeignJobUrl", e.fault());
        assertTrue(e.detail().contains("another host"), e.detail());
        assertTrue(foreign.seen.isEmpty(), "the job was neither run nor polled: " + foreign.seen);
    }

    @Test
    void aJobUrlOnAnotherHostIsReadWithoutTheToken() {
        VosClient c = client(true);
        now(session(c).job(foreign.base + "/async-delete/1", 0));
        assertEquals(1, foreign.seen.size());
        assertNull(foreign.seen.get(0).authorization());
    }

    @Test
    void originsCompareSchemeHostAndEffectivePort() {
        assertTrue(VosClient.sameOrigin("http://h/vault/capabilities", "http://H:80/vault"));
        assertTrue(VosClient.sameOrigin("https://h/a", "https://h:443/b"));
        assertFalse(VosClient.sameOrigin("http://h/a", "https://h/a"));
        assertFalse(VosClient.sameOrigin("http://h:8080/a", "http://h:8081/a"));
        assertFalse(VosClient.sameOrigin("http://h.example.org/a", "http://h.example.org.evil.net/a"));
    }
}
