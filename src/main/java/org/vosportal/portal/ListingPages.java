package org.vosportal.portal;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.client.UpstreamException;
import org.vosportal.vospace.client.VosSession;

/**
 * Fetches one page of a folder's children from a VOSpace service, in name, size or date order:
 * keyset pages through {@code uri} (inclusive: the start row comes back first and is dropped).
 * Services that cannot do this get what they can: name order when they cannot sort, and the
 * first {@link #SORTED_LIMIT} rows when they sort but cannot page sorted (CADC's vault refuses
 * {@code sort} with {@code uri}).
 */
final class ListingPages {

    /** Rows of a sorted view shown by a service that cannot page it. */
    static final int SORTED_LIMIT = 1000;

    /** Pages of a folder one filtered page reads at most before it offers to look further. */
    static final int SCAN_PAGES = 20;


    /**
     * One page.
     *
     * @param node         the folder as the service answered (properties for the page)
     * @param children     the rows to show, without the start row
     * @param nextAfter    the name the next page starts after, or null when this is the last
     * @param nextKey      that row's sort value (sorted views), which the next page checks
     * @param sortProperty {@code core#length} or {@code core#date}, or null for name order
     * @param notice       why the rows stop early, or null
     */
    record Page(Node node, List<Node> children, String nextAfter, String nextKey, String sortProperty,
            String notice) {
    }

    private ListingPages() {
    }

    /**
     * The page after the row {@code after} (null: the first page), sorted by a property or by name
     * (null). {@code afterKey} is that row's sort value when the previous page was shown: the
     * service continues from the row's current value, so a row whose size or date changed in
     * between would repeat or skip rows; the page says so instead.
     */
    static Uni<Page> fetch(VosSession vos, VosPath path, int pageSize, String sortProperty,
            boolean descending, String after, String afterKey) {
        int ask = pageSize + (after == null ? 0 : 1);
        if (sortProperty == null) {
            return vos.node(path, ask, after).map(node -> page(node, after, ask, null));
        }
        return vos.sorted(path, ask, sortProperty, descending, after)
                .map(node -> {
                    if (after != null && afterKey != null && startsAt(node, after)
                            && !afterKey.equals(node.children().get(0).value(sortProperty))) {
                        return changed(node, sortProperty);
                    }
                    return after == null || startsAt(node, after) ? page(node, after, ask, sortProperty) : null;
                })
                .onFailure(UpstreamException.class).recoverWithUni(e -> {
                    UpstreamException u = (UpstreamException) e;
                    if (after != null && u.status() == 404) {
                        // the row to continue from is gone, and with it its place in the order (if the
                        // folder went too, this says so)
                        return vos.node(path, 0, null).map(folder -> changed(folder, sortProperty));
                    }
                    if (u.status() != 400) {
                        return Uni.createFrom().failure(u);
                    }
                    if (after == null) {
                        return fetch(vos, path, pageSize, null, false, null, null); // cannot sort at all
                    }
                    return Uni.createFrom().nullItem();
                })
                // null: it sorts but refuses (or ignores) uri: the rest of its first SORTED_LIMIT rows, once
                .flatMap(p -> p != null ? Uni.createFrom().item(p)
                        : vos.sorted(path, SORTED_LIMIT, sortProperty, descending, null).map(first -> rest(first, after, sortProperty)));
    }

    private static Page rest(Node first, String after, String sortProperty) {
        List<Node> all = first.children();
        int i = 0;
        while (i < all.size() && !all.get(i).name().equals(after)) {
            i++;
        }
        return new Page(first, i < all.size() ? all.subList(i + 1, all.size()) : List.of(), null, null, sortProperty,
                Messages.get().sortCapped(String.format(java.util.Locale.ROOT, "%,d", SORTED_LIMIT)));
    }

    /**
     * The rows matching {@code filter}, scanned page by page (any service: VOSpace has no name
     * search) until a page is full, the folder ends, or {@link #SCAN_PAGES} pages were read; the
     * next page continues the scan after the last row read, so nothing is skipped.
     */
    static Uni<Page> filtered(VosSession vos, VosPath path, int pageSize, String sortProperty,
            boolean descending, String after, String afterKey, NameFilter filter) {
        return scan(vos, path, pageSize, sortProperty, descending, after, afterKey, filter, new ArrayList<>(), null, 0);
    }

    private static Uni<Page> scan(VosSession vos, VosPath path, int pageSize, String sortProperty,
            boolean descending, String after, String afterKey, NameFilter filter, List<Node> matches, Page first,
            int read) {
        return fetch(vos, path, pageSize, sortProperty, descending, after, afterKey).flatMap(p -> {
            Page head = first == null ? p : first;
            p.children().stream().filter(c -> filter.matches(c.name())).forEach(matches::add);
            boolean done = matches.size() >= pageSize || p.nextAfter() == null || p.notice() != null;
            if (!done && read + 1 < SCAN_PAGES) {
                return scan(vos, path, pageSize, sortProperty, descending, p.nextAfter(), p.nextKey(), filter,
                        matches, head, read + 1);
            }
            String notice = p.notice() != null ? p.notice()
                    : p.nextAfter() != null && matches.size() < pageSize ? Messages.get().filterScanned() : null;
            return Uni.createFrom().item(new Page(head.node(), matches, p.nextAfter(), p.nextKey(), p.sortProperty(),
                    notice));
        });
    }

    private static Page changed(Node folder, String sortProperty) {
        return new Page(folder, List.of(), null, null, sortProperty, Messages.get().changedWhileScrolling());
    }

    private static boolean startsAt(Node node, String after) {
        return node != null && !node.children().isEmpty() && node.children().get(0).name().equals(after);
    }

    private static Page page(Node node, String after, int asked, String sortProperty) {
        List<Node> all = node.children();
        List<Node> rows = after != null && !all.isEmpty() && all.get(0).name().equals(after)
                ? all.subList(1, all.size()) : all;
        Node last = all.size() >= asked && !all.isEmpty() ? all.get(all.size() - 1) : null;
        return new Page(node, rows, last == null ? null : last.name(),
                last == null || sortProperty == null ? null : last.value(sortProperty), sortProperty, null);
    }
}
