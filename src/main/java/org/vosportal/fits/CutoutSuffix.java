package org.vosportal.fits;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cutout the {@code vos} tools leave on a node name when they check a source:
 * {@code img.fits[1][10:20,*]} or {@code img.fits(210.8,54.3,0.05)}. A node of that exact name
 * comes first; only when there is none does the suffix mean "this cut of {@code img.fits}".
 */
public final class CutoutSuffix {

    private static final Pattern BRACKETS = Pattern.compile("^(.+?)((?:\\[[^\\[\\]/]*\\])+)$");
    private static final String NUMBER = "\\s*[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?\\s*";
    private static final Pattern CIRCLE = Pattern.compile("^(.+?)\\((" + NUMBER + "," + NUMBER + "," + NUMBER + ")\\)$");

    private CutoutSuffix() {
    }

    /** The name without its cutout suffix, or null when it has none. */
    public static String base(String name) {
        if (name == null) {
            return null;
        }
        Matcher m = BRACKETS.matcher(name);
        if (m.matches()) {
            return m.group(1);
        }
        m = CIRCLE.matcher(name);
        return m.matches() ? m.group(1) : null;
    }
}
