package org.vosportal.portal;

import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cookie jar for tests that behaves like a browser on http://127.0.0.1: cookies per host and
 * port, sent regardless of their Secure flag (browsers treat loopback as a secure context, and
 * Keycloak marks its login cookies Secure). Expired cookies (Max-Age=0) are removed.
 */
final class SimpleCookieJar extends CookieHandler {

    private final Map<String, Map<String, String>> byOrigin = new ConcurrentHashMap<>();

    private static String origin(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }

    String value(String base, String name) {
        return byOrigin.getOrDefault(origin(URI.create(base)), Map.of()).get(name);
    }

    void put(String base, String name, String value) {
        byOrigin.computeIfAbsent(origin(URI.create(base)), k -> new ConcurrentHashMap<>()).put(name, value);
    }

    /** Gives {@code to} the cookies of {@code from}'s origin, for {@code toBase}'s origin. */
    void copy(String from, SimpleCookieJar to, String toBase) {
        byOrigin.getOrDefault(origin(URI.create(from)), Map.of()).forEach((k, v) -> to.put(toBase, k, v));
    }

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        Map<String, String> c = byOrigin.get(origin(uri));
        if (c == null || c.isEmpty()) {
            return Map.of();
        }
        StringBuilder sb = new StringBuilder();
        c.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        return Map.of("Cookie", List.of(sb.toString()));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((name, values) -> {
            if (name == null || !name.equalsIgnoreCase("Set-Cookie")) {
                return;
            }
            for (String header : values) {
                for (HttpCookie cookie : HttpCookie.parse(header)) {
                    Map<String, String> c = byOrigin.computeIfAbsent(origin(uri), k -> new ConcurrentHashMap<>());
                    if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
                        c.remove(cookie.getName());
                    } else {
                        c.put(cookie.getName(), cookie.getValue());
                    }
                }
            }
        });
    }
}
