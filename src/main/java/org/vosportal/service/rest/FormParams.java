package org.vosportal.service.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.vosportal.vospace.VosFault;

/** Parses an application/x-www-form-urlencoded body with case-insensitive names (UWS style). */
public final class FormParams {

    private FormParams() {
    }

    public static Map<String, String> parse(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body == null || body.isBlank()) {
            return out;
        }
        if (body.length() > 64 * 1024) {
            throw VosFault.invalid("form too large");
        }
        for (String pair : body.trim().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k.toLowerCase(Locale.ROOT), v);
            } catch (IllegalArgumentException e) {
                throw VosFault.invalid("malformed form body");
            }
        }
        return out;
    }
}
