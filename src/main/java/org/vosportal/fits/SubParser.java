package org.vosportal.fits;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one {@code SUB} value: up to two bracket groups, an HDU ({@code [2]}, {@code [SCI]},
 * {@code [SCI,2]}) and pixel ranges ({@code [10:20,*,5]}), either alone. A single group holding
 * only an integer or a name chooses an HDU; one with {@code :} or {@code *} gives ranges of the
 * default HDU. Pixel ranges are 1-based and inclusive; {@code a:b} with {@code a > b} flips.
 */
public final class SubParser {

    private static final int MAX_LENGTH = 1024;
    private static final Pattern GROUP = Pattern.compile("\\[([^\\[\\]]*)\\]");
    private static final Pattern INDEX = Pattern.compile("\\d{1,5}");
    private static final Pattern NAME = Pattern.compile("([A-Za-z][A-Za-z0-9_\\-]{0,67})(?:,(\\d{1,5}))?");
    private static final Pattern RANGE = Pattern.compile("(\\*)|(\\d{1,12})(?::(\\d{1,12}))?");

    private SubParser() {
    }

    public static Cut parse(String sub) {
        String s = sub == null ? "" : sub.strip();
        if (s.isEmpty() || s.length() > MAX_LENGTH) {
            throw bad(sub, "expected e.g. [1][10:20,30:40], [SCI,2][*,1:5] or [100:200,100:200]");
        }
        List<String> groups = new ArrayList<>();
        Matcher m = GROUP.matcher(s);
        int at = 0;
        while (m.find()) {
            if (m.start() != at) {
                throw bad(sub, "unexpected text between brackets");
            }
            groups.add(m.group(1).strip());
            at = m.end();
        }
        if (at != s.length() || groups.isEmpty() || groups.size() > 2) {
            throw bad(sub, "expected one HDU in brackets and/or one list of pixel ranges in brackets");
        }
        if (groups.size() == 2) {
            return new Cut(hdu(sub, groups.get(0)), ranges(sub, groups.get(1)));
        }
        String only = groups.get(0);
        if (only.contains(":") || only.contains("*") || only.contains(",") && !NAME.matcher(only).matches()) {
            return new Cut(Cut.HduChoice.DEFAULT, ranges(sub, only));
        }
        return new Cut(hdu(sub, only), List.of());
    }

    private static Cut.HduChoice hdu(String sub, String g) {
        if (INDEX.matcher(g).matches()) {
            return new Cut.HduChoice(Integer.parseInt(g), null, null);
        }
        Matcher n = NAME.matcher(g);
        if (n.matches()) {
            return new Cut.HduChoice(null, n.group(1).toUpperCase(Locale.ROOT),
                    n.group(2) == null ? null : Integer.parseInt(n.group(2)));
        }
        throw bad(sub, "'" + g + "' is neither an extension number nor an extension name");
    }

    private static List<PixelRange> ranges(String sub, String g) {
        List<PixelRange> out = new ArrayList<>();
        for (String part : g.split(",", -1)) {
            Matcher r = RANGE.matcher(part.strip());
            if (!r.matches()) {
                throw bad(sub, "'" + part.strip() + "' is not a pixel range (use a:b, a single pixel or *)");
            }
            if (r.group(1) != null) {
                out.add(PixelRange.ALL);
            } else {
                long from = Long.parseLong(r.group(2));
                long to = r.group(3) == null ? from : Long.parseLong(r.group(3));
                if (from < 1 || to < 1) {
                    throw bad(sub, "pixels are numbered from 1");
                }
                out.add(new PixelRange(from, to));
            }
        }
        if (out.size() > 999) {
            throw bad(sub, "too many axes");
        }
        return out;
    }

    private static FitsRefusal bad(String sub, String why) {
        return new FitsRefusal("invalid SUB '" + sub + "': " + why);
    }
}
