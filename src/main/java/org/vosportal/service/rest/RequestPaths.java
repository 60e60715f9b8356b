package org.vosportal.service.rest;

import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.vosportal.vospace.UriCodec;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;

/**
 * Reads node paths from the raw request line, once. The raw path is used (not the router's
 * normalised or decoded one) so that {@code %2e%2e}, {@code %2f} and literal {@code ..} are
 * rejected instead of being resolved into another node.
 */
public final class RequestPaths {

    /** What may come before the service prefix (a root path): plain segments, no dots, escapes or empties. */
    private static final Pattern PLAIN = Pattern.compile("(/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*");

    private RequestPaths() {
    }

    /** The node path after {@code prefix} (e.g. "/vault/nodes") in the raw request path. */
    public static VosPath nodePath(HttpServerRequest request, String prefix) {
        String raw = request.path();
        int at = raw.indexOf(prefix);
        if (at < 0 || !PLAIN.matcher(raw.substring(0, at)).matches()) {
            // the router matched a normalised path; if dot segments, escapes or empty segments
            // come before the prefix, the raw prefix found here may not be the one it matched
            // (e.g. /vault/x/../nodes/vault/nodes/bob/f routes as /vault/nodes/vault/nodes/bob/f)
            throw VosFault.invalid("unexpected request path");
        }
        String rest = raw.substring(at + prefix.length());
        if (!rest.isEmpty() && rest.charAt(0) != '/') {
            throw VosFault.invalid("unexpected request path");
        }
        return UriCodec.parseRawPath(rest);
    }

    /** Query parameters with lower-cased names (CADC treats names case-insensitively). */
    public static Map<String, List<String>> query(HttpServerRequest request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String q = request.query();
        if (q == null || q.isEmpty()) {
            return out;
        }
        for (String pair : q.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                k = URLDecoder.decode(k, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
                v = URLDecoder.decode(v, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw VosFault.invalid("malformed query string");
            }
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    public static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
