package org.vosportal.portal;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The portal's JavaScript: ES modules under {@code /portal/js/}, entered at {@code main.js}. A
 * module's relative imports resolve without the page's {@code ?v=} query, so a browser would
 * keep old copies of them after a deploy; the page's import map sends every module's plain URL
 * to its versioned one. The map is inline (browsers do not load import maps from files), so the
 * Content-Security-Policy allows exactly its text by hash ({@link #IMPORT_MAP_HASH}).
 */
final class PortalAssets {

    static final String JS = "/portal/js/";
    static final String ENTRY = "main.js";
    private static final String SOURCE = "META-INF/resources" + JS;
    /** {@code from "./x.js"} and {@code import "./x.js"}: how the modules import each other. */
    private static final Pattern IMPORT = Pattern.compile("(?:\\bfrom|\\bimport)\\s*[\"']\\./([\\w.-]+\\.js)[\"']");

    /** Appended to asset URLs so browsers fetch the new CSS/JS after each start (deploy). */
    static final String VERSION = Long.toString(System.currentTimeMillis(), 36);
    /** The modules main.js reaches (file name to versioned URL). */
    static final Map<String, String> MODULES = versioned(VERSION);
    /** The text of the page's {@code <script type="importmap">}. */
    static final String IMPORT_MAP = importMap(MODULES);
    /** The CSP source that allows the import map and no other inline script. */
    static final String IMPORT_MAP_HASH = "'sha256-" + sha256(IMPORT_MAP) + "'";
    /**
     * The chosen colour scheme (localStorage "theme", set by js/theme-toggle.js) put on the root
     * element before the first paint: a module runs after parsing, which would flash the other
     * scheme. Inline in the head for that reason, allowed by its hash like the import map.
     */
    static final String THEME_SCRIPT = text("META-INF/resources/portal/theme-first.js").strip();
    static final String THEME_SCRIPT_HASH = "'sha256-" + sha256(THEME_SCRIPT) + "'";

    private PortalAssets() {
    }

    static Map<String, String> versioned(String version) {
        Map<String, String> out = new TreeMap<>();
        for (String name : reachableFrom(ENTRY)) {
            out.put(name, JS + name + "?v=" + version);
        }
        return out;
    }

    /** The module graph from {@code entry}, by following the relative imports in the sources. */
    static Set<String> reachableFrom(String entry) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(entry));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (seen.add(name)) {
                Matcher m = IMPORT.matcher(source(name));
                while (m.find()) {
                    todo.push(m.group(1));
                }
            }
        }
        return seen;
    }

    private static String source(String name) {
        return text(SOURCE + name);
    }

    private static String text(String resource) {
        try (InputStream in = PortalAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is referenced but missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String importMap(Map<String, String> modules) {
        JsonObject imports = new JsonObject();
        modules.forEach((name, url) -> imports.put(JS + name, url));
        return new JsonObject().put("imports", imports).encode();
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
