package org.vosportal.portal;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.Props;

/**
 * One row of a listing, with everything the template shows already formatted. {@code readable}:
 * the service said the caller may read it ({@code core#readable}; see
 * {@link ListingPage#cannotRead} for services that say nothing about children); {@code reach} says
 * which of its grants really work (a public file in a private folder is not public).
 */
public record Row(String name, NodeType type, long size, String sizeText, String modified, String modifiedFull,
        String owner, List<String> readGroups, List<String> writeGroups, boolean isPublic, boolean locked,
        String linkTarget, String icon, String contentType, boolean readable, Reach reach) {

    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public static Row of(Node n, Reach reach) {
        long size = parseLong(n.value(Props.LENGTH));
        String date = n.value(Props.DATE);
        String modified = "";
        String full = "";
        if (date != null) {
            try {
                LocalDateTime t = LocalDateTime.parse(date.endsWith("Z") ? date.substring(0, date.length() - 1) : date);
                modified = SHORT.format(t);
                full = date.replace('T', ' ') + " UTC";
            } catch (DateTimeParseException e) {
                modified = date;
                full = date;
            }
        }
        return new Row(n.name(), n.type(), size, n.type() == NodeType.LINK ? "" : humanSize(size), modified, full,
                displayOwner(n.value(Props.CREATOR)), groupNames(n.value(Props.GROUP_READ)),
                groupNames(n.value(Props.GROUP_WRITE)), "true".equals(n.value(Props.IS_PUBLIC)),
                "true".equals(n.value(Props.IS_LOCKED)), n.target(), icon(n), n.value(Props.TYPE),
                n.value(Props.READABLE) != null, reach);
    }

    /** The "public" badge is true: anyone can open it (or the service does not say otherwise). */
    public boolean publicWorks() {
        return isPublic && !reach.blocksPublic(true);
    }

    /** Marked public, but a folder above keeps anonymous visitors out. */
    public boolean publicBlocked() {
        return reach.blocksPublic(isPublic);
    }

    /** Whether a group chip of this row is true: its members can open the row. */
    public boolean reaches(String group) {
        return reach.reaches(group);
    }

    /** A PNG or JPEG, by its name: the files (with FITS) that have a picture preview. */
    static boolean hasPicture(String name) {
        return name.toLowerCase(Locale.ROOT).matches(".*\\.(png|jpg|jpeg)$");
    }

    /** A text file by its name (its first lines are previewed). */
    static boolean isText(String name) {
        return name.toLowerCase(Locale.ROOT).matches(".*\\.(txt|csv|tsv|md|log|py|sh|json|xml|ecsv|cfg|ini|yaml|yml|reg)$");
    }

    /** The grid shows a thumbnail of it: an uncompressed FITS file, a PNG or a JPEG. */
    public boolean hasThumbnail() {
        return type == NodeType.DATA && (hasPicture(name) || name.toLowerCase(Locale.ROOT).matches(".*\\.(fits|fit|fts)$"));
    }

    public boolean isContainer() {
        return type == NodeType.CONTAINER;
    }

    public boolean isLink() {
        return type == NodeType.LINK;
    }

    /** The text alternative of the type icon (for many rows it is the only sign of the type). */
    public String iconLabel() {
        PortalWords msg = Messages.words();
        return switch (icon) {
            case "folder" -> msg.kindFolder();
            case "link" -> msg.kindLink();
            case "fits" -> msg.kindFits();
            case "table" -> msg.kindTable();
            case "image" -> msg.kindImage();
            case "text" -> msg.kindText();
            default -> msg.kindFile();
        };
    }

    public String kind() {
        return switch (type) {
            case CONTAINER -> "folder";
            case LINK -> "link";
            case DATA -> "file";
        };
    }

    static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Binary units with one decimal: 96.0 MB, 3.1 GB. */
    public static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB", "PB"};
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    /** CADC creators may be X.500 names ("CN=alice,OU=..."): show the CN. */
    static String displayOwner(String creator) {
        if (creator == null) {
            return "";
        }
        for (String part : creator.split(",")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "CN=", 0, 3)) {
                return p.substring(3);
            }
        }
        return creator;
    }

    /** Names of the groups a node grants read to (groupread and groupwrite), each once. */
    static List<String> grantedGroups(Node n) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>(groupNames(n.value(Props.GROUP_READ)));
        names.addAll(groupNames(n.value(Props.GROUP_WRITE)));
        return List.copyOf(names);
    }

    static List<String> groupNames(String uris) {
        if (uris == null || uris.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(uris.trim().split("\\s+"))
                .map(u -> u.contains("?") ? u.substring(u.indexOf('?') + 1) : u).toList();
    }

    static String icon(Node n) {
        if (n.type() == NodeType.CONTAINER) {
            return "folder";
        }
        if (n.type() == NodeType.LINK) {
            return "link";
        }
        String name = n.name().toLowerCase(Locale.ROOT);
        if (name.matches(".*\\.(fits|fit|fts|fz)(\\.gz)?$")) {
            return "fits";
        }
        if (name.matches(".*\\.(csv|tsv|vot|votable|ecsv|xml|json|hdf5|h5)$")) {
            return "table";
        }
        if (name.matches(".*\\.(png|jpg|jpeg|gif|svg|tif|tiff)$")) {
            return "image";
        }
        if (name.matches(".*\\.(txt|md|log|py|ipynb|sh)$")) {
            return "text";
        }
        return "file";
    }
}
