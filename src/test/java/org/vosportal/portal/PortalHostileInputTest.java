package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.vosportal.service.ServiceTestBase;
import org.vosportal.vospace.Props;
import org.vosportal.vospace.UriCodec;
import org.vosportal.vospace.Xml;

/**
 * What an attacker types into the portal's addresses, forms and stored data: traversal in every
 * path-taking route, markup and script URLs in names, property keys and values, link targets and
 * error messages, return addresses that leave the site, a spoofed {@code Host}. Each case checks
 * the status, that nothing changed in storage, that no request reached the service where the
 * input is invalid, and that pages carry no live markup and no token.
 */
@QuarkusTest
class PortalHostileInputTest extends ServiceTestBase {

    static final int PORT = URI.create(SERVER).getPort();

    /** A raw HTTP/1.1 exchange, exactly the bytes given (no client-side normalisation). */
    record Raw(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int c = line.indexOf(':');
                if (c > 0 && line.substring(0, c).equalsIgnoreCase(name)) {
                    return line.substring(c + 1).strip();
                }
            }
            return null;
        }
    }

    static Raw raw(String method, String target, PortalSession s, String body, String... headers) {
        StringBuilder req = new StringBuilder(method + " " + target + " HTTP/1.1\r\nConnection: close\r\n");
        boolean host = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            req.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            host |= headers[i].equalsIgnoreCase("Host");
        }
        if (!host) {
            req.append("Host: 127.0.0.1:").append(PORT).append("\r\n");
        }
        if (s != null) {
            List<String> cookie = s.jar.get(URI.create(SERVER), Map.of()).getOrDefault("Cookie", List.of());
            cookie.forEach(c -> req.append("Cookie: ").append(c).append("\r\n"));
        }
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            req.append("Content-Length: ").append(b.length).append("\r\n");
        }
        req.append("\r\n");
        try (Socket so = new Socket("127.0.0.1", PORT)) {
            so.setSoTimeout(30_000);
            OutputStream out = so.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.write(b);
            out.flush();
            InputStream in = so.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String rest = split < 0 ? "" : text.substring(split + 4);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                rest = unchunk(rest);
            }
            return new Raw(Integer.parseInt(head.substring(9, 12)), head, rest);
        } catch (IOException e) {
            throw new AssertionError(method + " " + target, e);
        }
    }

    static String unchunk(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int eol = s.indexOf("\r\n", i);
            if (eol < 0) {
                break;
            }
            int n = Integer.parseInt(s.substring(i, eol).split(";")[0].strip(), 16);
            if (n == 0) {
                break;
            }
            // sizes count bytes; the bodies here are ASCII or short UTF-8, read as bytes
            byte[] rest = s.substring(eol + 2).getBytes(StandardCharsets.UTF_8);
            String chunk = new String(rest, 0, Math.min(n, rest.length), StandardCharsets.UTF_8);
            out.append(chunk);
            i = eol + 2 + chunk.length() + 2;
        }
        return out.toString();
    }

    /** Ways to write "../bob/secret" inside alice's home that a careless decoder or normaliser would follow. */
    static List<String> traversals(String secret) {
        return List.of(
                "/alice/%2e%2e/bob/" + secret,
                "/alice/%2E%2E/bob/" + secret,
                "/alice/%252e%252e/bob/" + secret,
                "/alice/..%2fbob%2f" + secret,
                "/alice%2F..%2Fbob/" + secret,
                "/alice/..%5cbob%5c" + secret,
                "/alice/..\\bob\\" + secret,
                "/alice/..;/bob/" + secret,
                "/alice/%2e%2e;x=1/bob/" + secret,
                "/alice/../bob/" + secret,
                "/alice/./../bob/" + secret,
                "/alice//../bob/" + secret,
                "/alice/%00/../bob/" + secret,
                "/bob/" + secret + "%00.txt",
                "/alice/%C0%AE%C0%AE/bob/" + secret);
    }

    /**
     * Names that look like "..", but are not it: the portal must pass them as the names they are
     * (never normalised into ".."), so they reach nothing of bob's.
     */
    static List<String> lookalikes(String secret) {
        return List.of(
                "/alice/%EF%BC%8E%EF%BC%8E/bob/" + secret, // fullwidth full stops
                "/alice/..%CC%81/bob/" + secret, // ".." and a combining accent (decomposed)
                "/alice/%E2%80%A4%E2%80%A4/bob/" + secret); // one-dot leaders
    }

    static void assertReadableRefusal(Raw r, String what) {
        if (what.contains("\\") && r.status() == 400 && r.body().isEmpty()) {
            return; // a raw backslash is not valid in a request line: the HTTP server refuses it itself
        }
        assertTrue(r.status() >= 400 && r.status() < 500, what + ": " + r.status() + " " + r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), what + ": no stack trace");
        assertFalse(r.body().contains("top secret"), what + ": bob's bytes");
        if (r.status() != 405) {
            String type = String.valueOf(r.header("Content-Type"));
            assertTrue(r.body().contains("<h1>") || r.body().contains("class=\"error\"") || type.startsWith("text/plain"),
                    what + ": a readable page: " + r.head() + "\n" + r.body());
        }
    }

    @Test
    void traversalInEveryPathRouteIsRefusedBeforeAnyUpstreamCall() {
        String secret = "s-" + UUID.randomUUID().toString().substring(0, 8) + ".txt";
        uploadOk("bob", "/bob/" + secret, "top secret");
        PortalSession alice = PortalTest.alice();
        String token = alice.csrf();
        alice.get("/storage/vault/list/alice"); // warm up
        List<String[]> routes = List.of(new String[] {"GET", "list"}, new String[] {"GET", "info"},
                new String[] {"GET", "download"}, new String[] {"GET", "folders"}, new String[] {"GET", "follow"},
                new String[] {"POST", "permissions"}, new String[] {"POST", "properties"},
                new String[] {"POST", "share"}, new String[] {"PUT", "upload"});
        for (String[] route : routes) {
            String form = switch (route[1]) {
                case "permissions" -> "public=on&csrf=" + token;
                case "properties" -> "newkey=PLANTED&newvalue=x&csrf=" + token;
                case "share" -> "ttl=7d&csrf=" + token;
                default -> route[0].equals("GET") ? null : "x";
            };
            for (String t : traversals(secret)) {
                String what = route[0] + " " + route[1] + t;
                long before = UpstreamCalls.count();
                Raw r = raw(route[0], "/storage/vault/" + route[1] + t, alice, form,
                        "Content-Type", "application/x-www-form-urlencoded", "X-CSRF-Token", token);
                assertReadableRefusal(r, what);
                assertEquals(before, UpstreamCalls.count(), what + ": no request may reach the service");
            }
            for (String t : lookalikes(secret)) {
                String what = route[0] + " " + route[1] + t;
                Raw r = raw(route[0], "/storage/vault/" + route[1] + t, alice, form,
                        "Content-Type", "application/x-www-form-urlencoded", "X-CSRF-Token", token);
                assertReadableRefusal(r, what);
                assertEquals(404, r.status(), what + ": a name of its own, which does not exist");
            }
        }
        var stored = getNode("bob", "/bob/" + secret);
        assertNotEquals("true", stored.value(Props.IS_PUBLIC), "bob's file unchanged");
        assertNull(stored.value("PLANTED"), "bob's file unchanged");
        assertEquals("top secret", download("bob", "/bob/" + secret).asString());
        assertEquals(404, as("alice").get(BASE + "/nodes/alice/%EF%BC%8E%EF%BC%8E").statusCode(), "nothing created");
    }

    /** Form fields naming paths are parsed the same way: traversal there is a 400 before any call. */
    @Test
    void traversalInFormFieldsIsRefusedToo() {
        PortalSession alice = PortalTest.alice();
        alice.csrf(); // read from a page now, not inside the counted window
        alice.get("/storage/vault/list/alice");
        String[][] forms = {
                {"/storage/vault/mkdir", "parent", "/alice/../bob", "name", "x"},
                {"/storage/vault/mkdir", "parent", "/alice", "name", "../bob"},
                {"/storage/vault/mkdir", "parent", "/alice", "name", "a\\b"},
                {"/storage/vault/mkdir", "parent", "/alice", "name", "%2e%2e"},
                {"/storage/vault/mkdir", "parent", "/alice", "name", "..;x"},
                {"/storage/vault/mkdir", "parent", "/alice/..;/bob", "name", "x"},
                {"/storage/vault/link", "parent", "/alice", "name", "l", "target", "/alice/../bob"},
                {"/storage/vault/delete", "path", "/alice/../bob"},
                {"/storage/vault/selection", "action", "move", "path", "/alice/../bob/x", "dest", "/alice"},
                {"/storage/vault/selection", "action", "rename", "path", "/alice/x", "newname", "../../bob/x"},
                {"/storage/vault/selection", "action", "copy", "path", "/alice/x", "dest", "/alice/%2e%2e/bob"},
                {"/storage/vault/uploads", "path", "/alice/..\u0000/bob", "size", "1"}};
        for (String[] f : forms) {
            Map<String, String> fields = new java.util.LinkedHashMap<>();
            for (int i = 1; i + 1 < f.length; i += 2) {
                fields.put(f[i], f[i + 1]);
            }
            long before = UpstreamCalls.count();
            HttpResponse<String> r = alice.post(f[0], fields, true);
            assertEquals(400, r.statusCode(), f[0] + " " + fields + ": " + r.body());
            assertEquals(before, UpstreamCalls.count(), f[0] + " " + fields + ": no upstream call");
            assertFalse(r.body().contains("Exception"), "no stack trace");
        }
    }

    /** The things that must never appear in a portal page or fragment. */
    static void assertNoLiveMarkup(String html, String what) {
        String lower = html.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("<script>alert") || lower.contains("<script >"), what + ": a script from data");
        // the data's tags, unescaped (escaped, "onerror=alert" is just text)
        assertFalse(lower.contains("<img src=x") || lower.contains("<svg onload"), what + ": a tag from data");
        assertFalse(html.contains("eyJ"), what + ": a token in the page");
        Document doc = Jsoup.parse(html, SERVER);
        for (Element s : doc.select("script")) {
            if ("importmap".equals(s.attr("type"))) { // the inline scripts the CSP allows, by their hashes
                assertEquals(PortalAssets.IMPORT_MAP, s.data(), what + ": import map");
                continue;
            }
            if (s.attr("src").isEmpty()) { // the colour scheme applied before the first paint
                assertEquals(PortalAssets.THEME_SCRIPT, s.data(), what + ": an inline script other than the theme's");
                continue;
            }
            String src = s.attr("src");
            assertTrue(src.startsWith("/webjars/htmx.org/") || src.startsWith("/portal/js/main.js?v="), what + ": script " + s);
        }
        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                String k = a.getKey().toLowerCase(Locale.ROOT);
                assertFalse(k.startsWith("on"), what + ": event handler attribute " + a);
                if (List.of("href", "src", "action", "formaction", "hx-get", "hx-post", "data-root").contains(k)) {
                    String v = a.getValue().replaceAll("[\\s\\p{Cntrl}]", "").toLowerCase(Locale.ROOT);
                    assertFalse(v.startsWith("javascript:") || v.startsWith("data:") || v.startsWith("vbscript:"),
                            what + ": " + a);
                    assertFalse(v.contains("csrf=") || v.contains("token="), what + ": a token in a URL " + a);
                    assertTrue(v.startsWith("/") && !v.startsWith("//") || v.startsWith("http://") || v.startsWith("https://")
                            || v.startsWith("#") || v.startsWith("?"), what + ": " + a);
                }
            }
        }
    }

    @Test
    void storedMarkupAndScriptUrlsStayInertInEveryPageAndFragment() {
        PortalSession s = PortalTest.alice();
        String dir = freshFolder("alice");
        // names cannot hold '/', so no closing tag: an opening <script> would be live all the same
        String[] names = {"<script>alert(1).txt", "\"><img src=x onerror=alert(2)>", "javascript:alert(3)",
                "'><svg onload=alert(4)>"};
        for (String n : names) {
            uploadOk("alice", dir + "/" + UriCodec.encodeSegment(n), "x");
        }
        String folderName = "<script>alert(5)";
        mkdir("alice", dir + "/" + UriCodec.encodeSegment(folderName));
        uploadOk("alice", dir + "/" + UriCodec.encodeSegment(folderName) + "/inner.txt", "y");
        String file = dir + "/" + UriCodec.encodeSegment(names[0]);
        // property keys and values with markup (keys may be any text without spaces)
        as("alice").body(dataDoc(file, prop(Xml.escape("evil\"><script>alert(6)</script>"), "v")
                + prop("ivo://example.org/p#note", Xml.escape("<script>alert(7)</script>\"><img src=x onerror=alert(8)>"))))
                .post(BASE + "/nodes" + file).then().statusCode(200);
        // link targets: script URLs (the service may refuse to store them; either way none becomes an href)
        String[] targets = {"javascript:alert(9)", "JaVaScRiPt:alert(10)", "data:text/html,<script>alert(11)</script>",
                "https://ok.example/\"><script>alert(12)</script>", " javascript:alert(13)"};
        for (int i = 0; i < targets.length; i++) {
            int status = as("alice").contentType("text/xml").body(linkDoc(dir + "/link" + i, Xml.escape(targets[i])))
                    .put(BASE + "/nodes" + dir + "/link" + i).statusCode();
            assertTrue(status == 201 || status == 400, "stored or refused: " + status);
        }
        String list = "/storage/vault/list" + dir;
        List<String[]> pages = new ArrayList<>();
        pages.add(new String[] {list, s.get(list).body()});
        pages.add(new String[] {list + "?sort=size", s.get(list + "?sort=size").body()});
        pages.add(new String[] {"rows", s.htmx(list + "?after=" + UriCodec.encodeQueryValue(names[1])).body()});
        pages.add(new String[] {"folders", s.htmx("/storage/vault/folders" + dir).body()});
        pages.add(new String[] {"info", s.get("/storage/vault/info" + file).body()});
        pages.add(new String[] {"info of a folder", s.get("/storage/vault/info" + dir + "/"
                + UriCodec.encodeSegment(folderName)).body()});
        for (int i = 0; i < targets.length; i++) {
            HttpResponse<String> info = s.get("/storage/vault/info" + dir + "/link" + i);
            pages.add(new String[] {"info of link" + i, info.body()});
            HttpResponse<String> follow = s.get("/storage/vault/follow" + dir + "/link" + i);
            String location = follow.headers().firstValue("Location").orElse("/");
            assertTrue(location.startsWith("/storage/") || follow.statusCode() >= 400,
                    "following a stored link never leaves the portal: " + follow.statusCode() + " " + location);
            pages.add(new String[] {"follow link" + i, follow.body()});
        }
        // echoed input: flash, filter, error messages (pages and htmx fragments)
        pages.add(new String[] {"bad name", s.post("/storage/vault/mkdir", Map.of("parent", dir, "name",
                "<script>alert(16)</script>/x"), true).body()});
        pages.add(new String[] {"bad link", s.post("/storage/vault/link", Map.of("parent", dir, "name", "l",
                "target", "javascript:alert(17)//<script>alert(18)</script>"), true).body()});
        pages.add(new String[] {"bad group", s.post("/storage/vault/permissions" + file, Map.of("readGroups",
                "<script>alert(19)</script>"), true).body()});
        pages.add(new String[] {"bad rename (htmx)", s.send(s.request("/storage/vault/selection")
                .header("HX-Request", "true").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(PortalSession.form(Map.of("csrf", s.csrf(),
                        "action", "rename", "path", dir + "/" + names[0], "newname", "<img src=x onerror=alert(20)>/"))))
                .build()).body()});
        pages.add(new String[] {"not found", s.get("/storage/vault/list" + dir + "/"
                + UriCodec.encodeSegment("<script>alert(21)")).body()});
        HttpResponse<String> htmlList = s.send(s.request("/storage/vault/selection")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(PortalSession.form(Map.of("csrf", s.csrf(),
                        "action", "html", "path", dir + "/" + folderName)))).build());
        assertEquals(200, htmlList.statusCode(), htmlList.body());
        pages.add(new String[] {"html list", htmlList.body()});
        for (String[] p : pages) {
            assertNoLiveMarkup(p[1], p[0]);
        }
        // the names are still shown, as text
        Document page = Jsoup.parse(s.get(list).body(), SERVER);
        // (folders first: the folder and the first files by name are on the first page of 3 rows)
        assertTrue(page.select("tr.row").eachAttr("data-name").containsAll(List.of(folderName, names[1])), "shown as text");
        // a stored web link is an href only when it is a plain http(s) URL
        for (Element a : page.select("tr.link td.name > a")) {
            String href = a.attr("href");
            assertTrue(href.startsWith("/storage/vault/follow/") || href.startsWith("https://ok.example/"), href);
        }
        // the flash names what was made (a one-shot cookie; ?done= words in a link are not shown)
        s.post("/storage/vault/mkdir", Map.of("parent", dir, "name", "<img src=x onerror=alert(14)>"), true);
        String flashed = s.get(list + "?q=" + UriCodec.encodeQueryValue("\"><script>alert(15)</script>")).body();
        assertTrue(flashed.contains("Folder &#39;&lt;img src=x onerror=alert(14)&gt;&#39; created.")
                || flashed.contains("Folder '&lt;img src=x onerror=alert(14)&gt;' created."), "the flash shows the name as text: "
                + org.jsoup.Jsoup.parse(flashed).select("#flash").outerHtml());
        assertNoLiveMarkup(flashed, "flash");
        String crafted = s.get(list + "?done=delete&name=" + UriCodec.encodeQueryValue("everything")).body();
        assertFalse(crafted.contains("Deleted"), "a crafted link cannot make the portal say what was done");
    }

    @Test
    void returnAddressesOnlyLeadToPathsOfThePortal() {
        PortalSession alice = PortalTest.alice();
        String home = "/storage/vault/list/alice";
        String[] hostile = {"//evil.example/x", "/\\evil.example/x", "https://evil.example/", "http:evil.example",
                "javascript:alert(1)", "/%2F%2Fevil.example", "/\t/evil.example", " /storage/vault/list/bob",
                "/storage/vault/list/%2e%2e/%2e%2e/x", "/storage/../vault/nodes/alice", "/vault/nodes/alice",
                "/storage\\..\\vault", "/storage/vault/list/x\r\nSet-Cookie: a=b", "//storage/vault/list/alice",
                "/storage/vault/list/x#//evil.example", "\u2215\u2215evil.example", ""};
        for (String next : hostile) {
            HttpResponse<String> r = alice.get("/storage/login?next=" + UriCodec.encodeQueryValue(next));
            assertEquals(303, r.statusCode(), next + ": " + r.body());
            assertEquals(home, r.headers().firstValue("Location").orElse(null), "next=" + next + " goes home");
        }
        String good = "/storage/vault/list/alice?sort=size&order=desc";
        HttpResponse<String> back = alice.get("/storage/login?next=" + UriCodec.encodeQueryValue(good));
        assertEquals(good, back.headers().firstValue("Location").orElse(null), "a portal path is kept");
        // the login button of a "private" page comes back to that page, and only to a portal path
        PortalSession anon = new PortalSession(SERVER);
        Document denied = Jsoup.parse(anon.get(home).body(), SERVER);
        assertEquals("/storage/login?next=" + UriCodec.encodeQueryValue(home),
                denied.selectFirst("a.button.primary").attr("href"));
        // a refused fragment's Log in comes back to the page it was asked from, not to the fragment
        HttpResponse<String> fragment = anon.send(anon.request("/storage/vault/info/alice").header("HX-Request", "true")
                .header("HX-Current-URL", SERVER + good).GET().build());
        assertEquals(403, fragment.statusCode(), fragment::body);
        assertEquals("/storage/login?next=" + UriCodec.encodeQueryValue(good),
                Jsoup.parse(fragment.body()).selectFirst("a.button.primary").attr("href"));
        Raw doubleSlash = raw("GET", "//storage/vault/list/alice", null, null);
        if (doubleSlash.status() == 403) {
            assertFalse(doubleSlash.body().contains("next=%2F%2F"), "never a //host return address");
        }
        // every redirect the portal itself sends is a relative path of the portal
        HttpResponse<String> made = alice.post("/storage/vault/mkdir", Map.of("parent", "/alice", "name",
                "r-" + UUID.randomUUID().toString().substring(0, 6)), true);
        assertEquals("/storage/vault/list/alice", made.headers().firstValue("Location").orElse(""),
                made.headers().map().toString());
    }

    @Test
    void aSpoofedHostGetsNoLinkToThatHost() {
        String dir = freshFolder("alice");
        as("alice").body(containerDoc(dir).replace("<vos:properties/>", "<vos:properties>"
                + prop(Props.IS_PUBLIC, "true") + "</vos:properties>")).post(BASE + "/nodes" + dir).then().statusCode(200);
        uploadOk("alice", dir + "/pub.txt", "public");
        as("alice").body(dataDoc(dir + "/pub.txt", prop(Props.IS_PUBLIC, "true"))).post(BASE + "/nodes" + dir + "/pub.txt")
                .then().statusCode(200);
        String[][] spoofs = {{"Host", "evil.example:666"}, {"X-Forwarded-Host", "evil.example:666"},
                {"Forwarded", "host=evil.example:666;proto=https"}};
        for (String[] spoof : spoofs) {
            for (String path : List.of("/storage/vault/info" + dir + "/pub.txt", "/storage/vault/list" + dir, "/storage",
                    "/storage/vault/list" + dir + "/pub.txt", "/storage/vault/list/alice")) {
                Raw r = raw("GET", path, null, null, spoof[0], spoof[1]);
                assertFalse(r.head().contains("evil.example") || r.body().contains("evil.example"),
                        spoof[0] + " " + path + ":\n" + r.head() + "\n" + r.body());
            }
        }
        Raw info = raw("GET", "/storage/vault/info" + dir + "/pub.txt", null, null, "Host", "evil.example:666");
        assertEquals(200, info.status());
        Element link = Jsoup.parse(info.body()).selectFirst("input[aria-label=Public link]");
        assertEquals(SERVER + "/storage/vault/download" + dir + "/pub.txt", link.val(), "the configured public URL");
        // and a form from that "origin" is another site's
        PortalSession alice = PortalTest.alice();
        Raw post = raw("POST", "/storage/vault/mkdir", alice, "parent=/alice&name=spoof&csrf=" + alice.csrf(),
                "Host", "evil.example:666", "Origin", "http://evil.example:666",
                "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(403, post.status(), post.body());
        assertEquals(404, as("alice").get(BASE + "/nodes/alice/spoof").statusCode());
    }
}
