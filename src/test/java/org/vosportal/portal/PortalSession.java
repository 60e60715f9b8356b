package org.vosportal.portal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like session against the portal: a cookie jar, redirects followed by hand, and a
 * real login through Keycloak's login form (the OIDC authorization-code flow, as a person does).
 */
public final class PortalSession {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");

    final String base;
    final SimpleCookieJar jar = new SimpleCookieJar();
    final HttpClient http;

    public PortalSession(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(jar).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Logs in through Keycloak's form; returns the session. */
    public static PortalSession login(String base, String user) {
        PortalSession s = new PortalSession(base);
        HttpResponse<String> r = s.follow(s.get("/storage/login"));
        Matcher m = FORM_ACTION.matcher(r.body());
        if (!m.find()) {
            throw new AssertionError("no Keycloak login form: " + r.statusCode() + " " + r.uri());
        }
        String action = m.group(1).replace("&amp;", "&");
        HttpResponse<String> after = s.follow(s.send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", user, "password", user + "-pw"))))
                .build()));
        if (!after.uri().getPath().startsWith("/storage/")) {
            throw new AssertionError("login did not return to the portal: " + after.uri());
        }
        return s;
    }

    /**
     * The same browser at another instance of the portal (behind a load balancer both would have
     * one origin): a session whose cookies are this one's.
     */
    public PortalSession sameBrowserAt(String otherBase) {
        PortalSession other = new PortalSession(otherBase);
        jar.copy(base, other.jar, otherBase);
        return other;
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public HttpResponse<String> send(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("request failed: " + req.uri(), e);
        }
    }

    public HttpResponse<byte[]> sendBytes(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("request failed: " + req.uri(), e);
        }
    }

    public HttpRequest.Builder request(String pathOrUrl) {
        return HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl))
                .timeout(Duration.ofSeconds(60));
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    public HttpResponse<String> htmx(String path) {
        return send(request(path).header("HX-Request", "true").GET().build());
    }

    /** Follows redirects like a browser (303/302 become GETs). */
    public HttpResponse<String> follow(HttpResponse<String> r) {
        for (int i = 0; i < 10 && r.statusCode() / 100 == 3; i++) {
            URI next = r.uri().resolve(r.headers().firstValue("Location").orElseThrow());
            r = send(HttpRequest.newBuilder(next).GET().build());
        }
        return r;
    }

    /** Posts a form with the CSRF token of this browser. */
    public HttpResponse<String> post(String path, Map<String, String> fields, boolean withCsrf) {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(fields);
        if (withCsrf) {
            all.put("csrf", csrf());
        }
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(all))).build());
    }

    private static final Pattern PAGE_TOKEN = Pattern.compile("data-csrf=\"([^\"]+)\"");

    private String csrfToken;

    /** The CSRF token this browser's pages carry (bound to its session), read from a page. */
    public String csrf() {
        if (csrfToken == null) {
            csrfToken = tokenOf(get("/storage/vault/list").body());
        }
        return csrfToken;
    }

    /** The CSRF token in a page. */
    public static String tokenOf(String page) {
        Matcher m = PAGE_TOKEN.matcher(page);
        if (!m.find()) {
            throw new AssertionError("no CSRF token in the page: " + page);
        }
        return m.group(1);
    }

    public HttpResponse<String> upload(String path, byte[] bytes, boolean withCsrf) {
        HttpRequest.Builder b = request("/storage/vault/upload" + path).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (withCsrf) {
            b.header("X-CSRF-Token", csrf());
        }
        return send(b.build());
    }
}
