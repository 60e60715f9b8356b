package org.vosportal.vospace;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A canonical VOSpace node path: a list of validated names below the root. Built once at the edge
 * (from a decoded URL path or a vos:// URI) and compared as an object, never as a string.
 */
public final class VosPath implements Comparable<VosPath> {

    public static final VosPath ROOT = new VosPath(List.of());
    /** Longest name accepted, in UTF-8 bytes (the usual file-system limit). */
    public static final int MAX_NAME_BYTES = 255;
    /** Deepest path accepted; keeps ancestor walks and SQL chains bounded. */
    public static final int MAX_DEPTH = 64;

    private final List<String> names;

    private VosPath(List<String> names) {
        this.names = names;
    }

    /**
     * Parses an already percent-decoded path such as {@code /alice/data/x.fits}. Empty segments
     * (double or trailing slashes) are ignored; every name is validated.
     */
    public static VosPath parse(String decodedPath) {
        if (decodedPath == null || decodedPath.isEmpty() || decodedPath.equals("/")) {
            return ROOT;
        }
        List<String> out = new ArrayList<>();
        for (String segment : decodedPath.split("/", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            out.add(checkName(segment));
        }
        if (out.size() > MAX_DEPTH) {
            throw new InvalidNameException("path is deeper than " + MAX_DEPTH + " levels");
        }
        return new VosPath(Collections.unmodifiableList(out));
    }

    /** Validates one node name and returns it; throws {@link InvalidNameException} with a readable reason. */
    public static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidNameException("a name must not be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidNameException("'" + name + "' is not a valid name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\') {
                throw new InvalidNameException("a name must not contain '" + c + "'");
            }
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidNameException("a name must not contain control characters");
            }
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.FORMAT || type == Character.CONTROL) {
                // invisible: zero-width spaces, joiners and bidi overrides (U+202E shows
                // "txt.exe" as "exe.txt") make names that look like others
                throw new InvalidNameException(String.format("a name must not contain the invisible character U+%04X",
                        cp));
            }
            if (type == Character.SURROGATE) {
                throw new InvalidNameException("a name must be valid Unicode (unpaired surrogate)");
            }
            i += Character.charCount(cp);
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")) {
            // would turn into traversal if anything decoded it a second time
            throw new InvalidNameException("a name must not contain encoded '.', '/', '\\' or NUL (double encoding)");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new InvalidNameException("a name must be at most " + MAX_NAME_BYTES + " bytes long");
        }
        return name;
    }

    /**
     * This path with every name in Unicode NFC. "é" typed as one character and as "e" plus a
     * combining accent look the same; the service stores and looks up names in NFC only, so two
     * such twins can never be siblings, and a request in either form finds the same node. (The
     * portal does not normalise: it names nodes of other services exactly as they list them.)
     */
    public VosPath nfc() {
        List<String> out = null;
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (!Normalizer.isNormalized(n, Normalizer.Form.NFC)) {
                if (out == null) {
                    out = new ArrayList<>(names);
                }
                out.set(i, checkName(Normalizer.normalize(n, Normalizer.Form.NFC)));
            }
        }
        return out == null ? this : new VosPath(Collections.unmodifiableList(out));
    }

    /** One name in NFC (see {@link #nfc()}). */
    public static String nfc(String name) {
        return checkName(Normalizer.normalize(name, Normalizer.Form.NFC));
    }

    public boolean isRoot() {
        return names.isEmpty();
    }

    public List<String> names() {
        return names;
    }

    public int depth() {
        return names.size();
    }

    /** The last name; empty string for the root. */
    public String name() {
        return names.isEmpty() ? "" : names.get(names.size() - 1);
    }

    public VosPath parent() {
        if (names.isEmpty()) {
            return null;
        }
        return new VosPath(names.subList(0, names.size() - 1));
    }

    public VosPath child(String name) {
        List<String> out = new ArrayList<>(names.size() + 1);
        out.addAll(names);
        out.add(checkName(name));
        return new VosPath(Collections.unmodifiableList(out));
    }

    /** First {@code n} names of this path. */
    public VosPath prefix(int n) {
        return new VosPath(names.subList(0, n));
    }

    /** True if this path equals {@code other} or lies below it. */
    public boolean isWithin(VosPath other) {
        return names.size() >= other.names.size() && names.subList(0, other.names.size()).equals(other.names);
    }

    /** This path relative to an ancestor, as names joined by '/'. */
    public String relativeTo(VosPath ancestor) {
        if (!isWithin(ancestor)) {
            throw new IllegalArgumentException(this + " is not within " + ancestor);
        }
        return String.join("/", names.subList(ancestor.names.size(), names.size()));
    }

    /** The first name (the home container's name for paths under a home); empty for the root. */
    public String top() {
        return names.isEmpty() ? "" : names.get(0);
    }

    /** Path with each name percent-encoded for use in an HTTP URL, starting with '/' (empty for root). */
    public String toUrlPath() {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append('/').append(UriCodec.encodeSegment(n));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return names.isEmpty() ? "/" : "/" + String.join("/", names);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VosPath p && p.names.equals(names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public int compareTo(VosPath o) {
        return toString().compareTo(o.toString());
    }
}
