package org.vosportal.vospace;

import java.util.Locale;

/**
 * A {@code vos://authority/path} identifier. The authority is kept in its canonical '~' form
 * ({@code opencadc.org~vault}); '!' is accepted on input since the Python client writes it.
 */
public record VosUri(String authority, VosPath path) {

    public static final String SCHEME = "vos://";

    /** Canonical form of an authority: '!' replaced by '~', lower-cased host part. */
    public static String canonicalAuthority(String authority) {
        return authority.replace('!', '~').toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a vos URI. Query and fragment are dropped (cutouts are not supported); path
     * segments are percent-decoded once and validated.
     */
    public static VosUri parse(String text) {
        if (text == null) {
            throw new InvalidNameException("missing vos URI");
        }
        String s = text.trim();
        if (!s.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new InvalidNameException("not a vos:// URI: " + abbreviate(s));
        }
        String rest = s.substring(SCHEME.length());
        int cut = indexOfAny(rest, "?#");
        if (cut >= 0) {
            rest = rest.substring(0, cut);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String rawPath = slash < 0 ? "" : rest.substring(slash);
        if (authority.isEmpty()) {
            throw new InvalidNameException("vos URI has no authority: " + abbreviate(s));
        }
        return new VosUri(canonicalAuthority(authority), UriCodec.parseRawPath(rawPath));
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    public VosUri child(String name) {
        return new VosUri(authority, path.child(name));
    }

    public VosUri parent() {
        return path.isRoot() ? null : new VosUri(authority, path.parent());
    }

    public VosUri withPath(VosPath p) {
        return new VosUri(authority, p);
    }

    /** RFC 3986 form: root is {@code vos://auth}, children {@code vos://auth/a/b%20c}. */
    @Override
    public String toString() {
        return SCHEME + authority + path.toUrlPath();
    }
}
