package org.vosportal.service.store;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What a node's metadata costs against a quota, so that empty nodes and properties are not free:
 * a fixed {@value #FIXED} bytes per node (its row, name, type and indexes; names, content types
 * and encodings are short enough to fit in it) plus the UTF-8 bytes of its long texts: group
 * lists, link target, and every free-form property's URI and value. The store keeps the sum for
 * each subtree in {@code meta_length}; {@code db/migration/*}/V2 computes the same in SQL.
 */
public final class NodeCost {

    /** Bytes charged for every node whatever it holds. */
    public static final long FIXED = 1024;

    private NodeCost() {
    }

    public static long of(List<String> groupRead, List<String> groupWrite, String linkTarget,
            Map<String, String> properties) {
        long cost = FIXED + joined(groupRead) + joined(groupWrite) + bytes(linkTarget);
        for (Map.Entry<String, String> p : properties.entrySet()) {
            cost += bytes(p.getKey()) + bytes(p.getValue());
        }
        return cost;
    }

    public static long of(NewNode n) {
        return of(n.groupRead(), n.groupWrite(), n.linkTarget(), n.properties());
    }

    public static long of(StoredNode n) {
        return of(n.groupRead(), n.groupWrite(), n.linkTarget(), n.properties());
    }

    /** The groups as stored: space-separated, nothing when there are none. */
    private static long joined(List<String> groups) {
        return groups.isEmpty() ? 0 : bytes(String.join(" ", groups));
    }

    private static long bytes(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
