package org.vosportal.portal;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.Props;

/**
 * What the details page says about a node in the words people use: its size in binary units
 * with the exact byte count, the date in UTC without the protocol's "T", the checksum, the kind
 * and media type, the owner, who else may read or write it, and for a link where it points. The
 * raw VOSpace properties stay for the page's "Advanced" section.
 *
 * @param bytes the node's length ({@code -1} when the service gives none)
 * @param target a link's target as stored (a {@code vos://} URI or a web address), else null
 * @param targetPath a link's target inside this service, shown as a path; null for web targets
 * @param targetHref where the portal opens the target (its listing, its details, or the web address)
 * @param targetExists whether the target is there: null when that is not known (a web address,
 *     or the caller may not look)
 */
public record NodeFacts(long bytes, String modified, String md5, String kind, String contentType, String owner,
        boolean isPublic, List<String> readGroups, List<String> writeGroups, boolean locked, String target,
        String targetPath, String targetHref, Boolean targetExists) {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static NodeFacts of(Node n) {
        String length = n.value(Props.LENGTH);
        Row r = Row.of(n, Reach.UNKNOWN);
        return new NodeFacts(length == null ? -1 : Row.parseLong(length), utc(n.value(Props.DATE)),
                n.value(Props.MD5), r.iconLabel(), n.value(Props.TYPE), r.owner(), r.isPublic(), r.readGroups(),
                r.writeGroups(), r.locked(), n.target(), null, null, null);
    }

    /** The same facts, with where a link points and whether that exists (see InfoResource). */
    NodeFacts withTarget(String path, String href, Boolean exists) {
        return new NodeFacts(bytes, modified, md5, kind, contentType, owner, isPublic, readGroups, writeGroups,
                locked, target, path, href, exists);
    }

    /** "2026-12-03 12:23:17 UTC" from the protocol's "2026-12-03T12:23:17.123" (kept as given when it is not a date). */
    static String utc(String date) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            String local = date.endsWith("Z") ? date.substring(0, date.length() - 1) : date;
            return SECONDS.format(LocalDateTime.parse(local)) + " UTC";
        } catch (DateTimeParseException e) {
            return date;
        }
    }

    public boolean hasSize() {
        return bytes >= 0;
    }

    /** "11.2 KiB" (binary units, one decimal); below 1 KiB only the byte count says it. */
    public String sizeBinary() {
        return binary(bytes);
    }

    /** "11,468" */
    public String bytesGrouped() {
        return String.format(Locale.ROOT, "%,d", bytes);
    }

    public boolean small() {
        return bytes < 1024;
    }

    public boolean isLink() {
        return target != null;
    }

    /** One group the node is shared with, and whether it may also write. */
    public record Share(String group, boolean write) {
    }

    /** Every group once: the read/write ones first, then those that may only read. */
    public List<Share> sharedWith() {
        List<Share> out = new java.util.ArrayList<>();
        writeGroups.forEach(g -> out.add(new Share(g, true)));
        readGroups.stream().filter(g -> !writeGroups.contains(g)).forEach(g -> out.add(new Share(g, false)));
        return out;
    }

    public boolean targetFound() {
        return Boolean.TRUE.equals(targetExists);
    }

    public boolean targetMissing() {
        return Boolean.FALSE.equals(targetExists);
    }

    /** A path in this service whose existence the caller may not learn. */
    public boolean targetUnknown() {
        return targetPath != null && targetExists == null;
    }

    static String binary(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return i < 0 ? Long.toString(bytes) : String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }
}
