package org.vosportal.portal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A second VOSpace service that answers the way CANFAR's vault does: another authority
 * ({@code cadc.nrc.ca~vault}), X.500 creator names, {@code ivo://cadc.nrc.ca/gms?} groups, a 303
 * from {@code /synctrans} to {@code /xfer/{id}}, and bytes served from another path. Its folder
 * {@code /home/alice/many} ({@link #MANY} files) sorts by {@code core#length} but, like a service
 * that cannot page sorted listings, refuses {@code sort} together with {@code uri}. It records
 * every request so tests can check what the portal sent.
 */
final class MockCanfarVault {

    record Seen(String method, String path, String authorization, String body) {
    }

    static final String AUTH = "vos://cadc.nrc.ca~vault";
    static final int MANY = 1005;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    /** Targets of the negotiated transfers, by job number. */
    private final List<String> transfers = new CopyOnWriteArrayList<>();
    final HttpServer server;
    final String base;

    MockCanfarVault(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        base = "http://127.0.0.1:" + port + "/vault";
        server.createContext("/vault", this::handle);
        server.start();
    }

    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().toString(),
                ex.getRequestHeaders().getFirst("Authorization"), body));
        String m = ex.getRequestMethod();
        if (path.equals("/vault/capabilities")) {
            StringBuilder caps = new StringBuilder("<vosi:capabilities xmlns:vosi=\"http://www.ivoa.net/xml/VOSICapabilities/v1.0\""
                    + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:vs=\"http://www.ivoa.net/xml/VODataService/v1.1\">");
            String[][] c = {{"ivo://ivoa.net/std/VOSpace/v2.0#nodes", "/nodes"},
                {"ivo://ivoa.net/std/VOSpace#sync-2.1", "/synctrans"}, {"ivo://ivoa.net/std/VOSpace/v2.0#transfers", "/transfers"}};
            for (String[] cap : c) {
                caps.append("<capability standardID=\"").append(cap[0]).append("\"><interface xsi:type=\"vs:ParamHTTP\">")
                        .append("<accessURL use=\"base\">").append(base).append(cap[1]).append("</accessURL>")
                        .append("<securityMethod standardID=\"ivo://ivoa.net/sso#cookie\"/></interface></capability>");
            }
            send(ex, 200, "text/xml", caps.append("</vosi:capabilities>").toString(), null);
        } else if (path.startsWith("/vault/nodes") && m.equals("GET")) {
            String p = path.substring("/vault/nodes".length());
            if (p.isEmpty() || p.equals("/")) {
                send(ex, 200, "text/xml", container(AUTH, List.of()), null);
            } else if (p.equals("/home/alice")) {
                send(ex, 200, "text/xml", container(AUTH + "/home/alice", List.of(
                        "<vos:node uri=\"" + AUTH + "/home/alice/obs.fits\" xsi:type=\"vos:DataNode\" busy=\"false\"><vos:properties>"
                                + prop("ivo://ivoa.net/vospace/core#creator", "CN=alice smith,OU=cadc,O=hia,C=ca")
                                + prop("ivo://ivoa.net/vospace/core#date", "2024-03-15T10:20:30.000")
                                + prop("ivo://ivoa.net/vospace/core#length", "100663296")
                                + prop("ivo://ivoa.net/vospace/core#groupread", "ivo://cadc.nrc.ca/gms?proj1 ivo://cadc.nrc.ca/gms?proj2")
                                + prop("ivo://ivoa.net/vospace/core#ispublic", "true")
                                + "</vos:properties><vos:accepts/><vos:provides/></vos:node>")), null);
            } else if (p.equals("/home/alice/sub")) {
                send(ex, 200, "text/xml", container(AUTH + p, List.of(file(p + "/a.txt", "-1"),
                        "<vos:node uri=\"" + AUTH + p + "/deeper\" xsi:type=\"vos:ContainerNode\"><vos:properties>"
                                + prop("ivo://ivoa.net/vospace/core#date", "2024-03-15T10:20:30.000")
                                + "</vos:properties><vos:nodes/></vos:node>")), null);
            } else if (p.equals("/home/alice/sub/deeper")) {
                send(ex, 200, "text/xml", container(AUTH + p, List.of(file(p + "/b.txt",
                        String.valueOf(bytesOf(p + "/b.txt").getBytes(StandardCharsets.UTF_8).length)))), null);
            } else if (p.equals("/home/alice/many")) {
                many(ex);
            } else if (p.equals("/home/alice/broken")) {
                send(ex, 200, "text/xml", "<html><body>Proxy error</body>", null); // not a VOSpace document
            } else if (p.equals("/home/alice/obs.fits")) {
                send(ex, 200, "text/xml", "<vos:node xmlns:vos=\"http://www.ivoa.net/xml/VOSpace/v2.0\" "
                        + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" uri=\"" + AUTH
                        + "/home/alice/obs.fits\" xsi:type=\"vos:DataNode\" busy=\"false\"><vos:properties>"
                        + prop("ivo://ivoa.net/vospace/core#length", "42")
                        + prop("ivo://ivoa.net/vospace/core#ispublic", "true") + "</vos:properties></vos:node>", null);
            } else {
                send(ex, 404, "text/plain", "NodeNotFound: " + p + "\n", null);
            }
        } else if (path.startsWith("/vault/nodes") && m.equals("PUT")) {
            send(ex, 201, "text/xml", body, null);
        } else if (path.equals("/vault/synctrans") && m.equals("POST")) {
            java.util.regex.Matcher t = java.util.regex.Pattern.compile("<vos:target>" + java.util.regex.Pattern.quote(AUTH)
                    + "([^<]*)</vos:target>").matcher(body);
            transfers.add(t.find() ? t.group(1) : "/home/alice/obs.fits");
            send(ex, 303, "text/plain", "", base + "/xfer/" + (transfers.size() - 1));
        } else if (path.startsWith("/vault/xfer/")) {
            String target = transfers.get(Integer.parseInt(path.substring("/vault/xfer/".length())));
            send(ex, 200, "text/xml", "<vos:transfer xmlns:vos=\"http://www.ivoa.net/xml/VOSpace/v2.0\" version=\"2.1\">"
                    + "<vos:target>" + AUTH + target + "</vos:target><vos:direction>pullFromVoSpace</vos:direction>"
                    + "<vos:protocol uri=\"ivo://ivoa.net/vospace/core#httpsget\"><vos:endpoint>"
                    + base + "/minoc/preauth:abc" + target + "</vos:endpoint></vos:protocol></vos:transfer>", null);
        } else if (path.startsWith("/vault/minoc/preauth:abc/")) {
            send(ex, 200, "application/octet-stream", bytesOf(path.substring("/vault/minoc/preauth:abc".length())), null);
        } else {
            send(ex, 404, "text/plain", "NodeNotFound\n", null);
        }
    }

    /** Size of the file {@code f0000}… of the folder "many": few distinct sizes, many ties. */
    static long manySize(int i) {
        return (i * 37L) % 101;
    }

    private void many(HttpExchange ex) throws IOException {
        String q = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
        boolean sorted = q.contains("sort=");
        if (sorted && q.contains("uri=")) {
            send(ex, 400, "text/plain", "InvalidArgument: sort is not supported with uri\n", null);
            return;
        }
        java.util.List<Integer> order = new java.util.ArrayList<>();
        for (int i = 0; i < MANY; i++) {
            order.add(i);
        }
        if (sorted) {
            order.sort(java.util.Comparator.comparingLong(MockCanfarVault::manySize).thenComparing(i -> i));
            if (q.contains("order=desc")) {
                java.util.Collections.reverse(order);
            }
        }
        java.util.regex.Matcher limit = java.util.regex.Pattern.compile("limit=(\\d+)").matcher(q);
        int n = limit.find() ? Math.min(MANY, Integer.parseInt(limit.group(1))) : MANY;
        java.util.List<String> children = new java.util.ArrayList<>();
        for (int i : order.subList(0, n)) {
            children.add("<vos:node uri=\"" + AUTH + "/home/alice/many/" + String.format("f%04d", i)
                    + "\" xsi:type=\"vos:DataNode\" busy=\"false\"><vos:properties>"
                    + prop("ivo://ivoa.net/vospace/core#date", "2024-03-15T10:20:30.000")
                    + prop("ivo://ivoa.net/vospace/core#length", String.valueOf(manySize(i)))
                    + "</vos:properties><vos:accepts/><vos:provides/></vos:node>");
        }
        send(ex, 200, "text/xml", container(AUTH + "/home/alice/many", children), null);
    }

    /**
     * The bytes served for a file: obs.fits a FITS card, others a line naming them. Lengths in
     * the listings are stale on purpose (obs.fits says 96 MiB, a.txt -1): the bytes decide.
     */
    static String bytesOf(String path) {
        return path.equals("/home/alice/obs.fits") ? "SIMPLE  =                    T / mock FITS"
                : "bytes of " + path + " \u00e9\n";
    }

    private static String file(String path, String length) {
        return "<vos:node uri=\"" + AUTH + path + "\" xsi:type=\"vos:DataNode\" busy=\"false\"><vos:properties>"
                + prop("ivo://ivoa.net/vospace/core#date", "2024-03-15T10:20:30.000")
                + prop("ivo://ivoa.net/vospace/core#length", length)
                + "</vos:properties><vos:accepts/><vos:provides/></vos:node>";
    }

    static String prop(String uri, String value) {
        return "<vos:property uri=\"" + uri + "\" readOnly=\"true\">" + value + "</vos:property>";
    }

    static String container(String uri, List<String> children) {
        return "<vos:node xmlns:vos=\"http://www.ivoa.net/xml/VOSpace/v2.0\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " uri=\"" + uri + "\" xsi:type=\"vos:ContainerNode\"><vos:properties>"
                + prop("ivo://ivoa.net/vospace/core#date", "2024-03-15T10:20:30.000")
                + prop("ivo://cadc.nrc.ca/vospace/core#readable", "true") // computed for the caller, as CADC's vault does
                + prop("ivo://cadc.nrc.ca/vospace/core#writable", "true")
                + "</vos:properties><vos:nodes>" + String.join("", children) + "</vos:nodes></vos:node>";
    }

    private static void send(HttpExchange ex, int status, String type, String body, String location) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        if (location != null) {
            ex.getResponseHeaders().add("Location", location);
        }
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(b);
            }
        }
        ex.close();
    }
}
