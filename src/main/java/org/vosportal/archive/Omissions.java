package org.vosportal.archive;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What an archive of a selection left out, and why. An archive that quietly misses files looks
 * complete to whoever unpacks it, so whenever something was left out the archive ends with a
 * {@value #ENTRY} entry naming each item (by the path it would have had in the archive) and the
 * reason. Shared by the service's packages and the portal's own archives.
 */
public final class Omissions {

    /** The name of the archive's last entry, when something was left out. */
    public static final String ENTRY = "MISSING.txt";

    /** Why an item is not in the archive, in the words {@value #ENTRY} uses. */
    public enum Reason {
        NO_READ_ACCESS("no read access"),
        NOT_FOUND("not found (moved or deleted meanwhile?)"),
        LINK_NOT_FOLLOWED("a link: not followed (download its target itself)");

        private final String words;

        Reason(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** One item left out: its path in the archive and why. */
    public record Omission(String path, Reason reason) {
        @Override
        public String toString() {
            return path + ": " + reason.words();
        }
    }

    private final List<Omission> items = new ArrayList<>();

    public void add(String path, Reason reason) {
        items.add(new Omission(path, reason));
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public List<Omission> items() {
        return List.copyOf(items);
    }

    /**
     * The entry's name: {@value #ENTRY}, unless the archive already has a top-level entry of that
     * name (a user's own file), then {@code MISSING (2).txt} and so on.
     */
    public static String entryName(Set<String> topLevelNames) {
        String name = ENTRY;
        for (int i = 2; topLevelNames.contains(name); i++) {
            name = "MISSING (" + i + ").txt";
        }
        return name;
    }

    /** The entry's text: one line per item left out. */
    public byte[] text() {
        StringBuilder sb = new StringBuilder("Not in this archive (").append(items.size())
                .append(items.size() == 1 ? " item" : " items").append(" of the selection):\n\n");
        for (Omission o : items) {
            sb.append(o).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
