package org.vosportal.service.rest;

/**
 * One HTTP byte range ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}) resolved against a
 * length. Several ranges are not supported: the whole file is sent instead (allowed by RFC 9110).
 */
public record ByteRange(long first, long last) {

    /** Marker for a syntactically valid range that lies outside the file (416). */
    public static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    public long length() {
        return last - first + 1;
    }

    /** Null when there is no usable Range header (send everything). */
    public static ByteRange parse(String header, long length) {
        if (header == null || !header.trim().startsWith("bytes=")) {
            return null;
        }
        String spec = header.trim().substring(6).trim();
        if (spec.contains(",")) {
            return null;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || length == 0) {
                    return UNSATISFIABLE;
                }
                return new ByteRange(Math.max(0, length - suffix), length - 1);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? length - 1 : Math.min(Long.parseLong(b), length - 1);
            if (first >= length || first > last || first < 0) {
                return UNSATISFIABLE;
            }
            return new ByteRange(first, last);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
