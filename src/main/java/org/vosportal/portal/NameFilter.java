package org.vosportal.portal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The listing's name filter: a glob when it holds {@code *} or {@code ?} ({@code *.fits} matches
 * whole names), else a part of the name; case-insensitive either way, as people type it.
 */
public final class NameFilter {

    private final String text;
    private final Pattern glob;

    private NameFilter(String text) {
        this.text = text;
        this.glob = text.contains("*") || text.contains("?") ? compile(text) : null;
    }

    /** The filter typed, or null when nothing (or only spaces) was. */
    public static NameFilter of(String typed) {
        return typed == null || typed.isBlank() ? null : new NameFilter(typed.strip());
    }

    public boolean matches(String name) {
        return glob != null ? glob.matcher(name).matches()
                : name.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
    }

    public String text() {
        return text;
    }

    private static Pattern compile(String g) {
        StringBuilder re = new StringBuilder();
        for (char c : g.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }
}
