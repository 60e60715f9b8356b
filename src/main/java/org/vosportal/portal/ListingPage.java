package org.vosportal.portal;

import java.util.List;
import org.vosportal.vospace.VosPath;

/** Everything the listing page shows; its URLs come from {@link PortalUrls} (in the template). */
public record ListingPage(String svc, String title, List<Crumb> crumbs, List<Row> rows,
        VosPath folder, String nextUrl, VosPath home, boolean canWrite, String quotaText,
        int usagePercent, String flash, String filter, String sort, boolean descending, String job,
        boolean servicePackages, String notice, Long itemCount, long folderLength, int trashCount,
        boolean servicePreviews, boolean canSearch) {

    /** The Trash link's count: "" for none, "3", "99+" beyond what the portal counts. */
    public String trashCountText() {
        return trashCount <= 0 ? "" : trashCount > Trash.MAX_COUNTED ? Trash.MAX_COUNTED + "+" : Integer.toString(trashCount);
    }

    /** aria-sort value of a column. */
    public String ariaSort(String key) {
        return key.equals(sort) ? (descending ? "descending" : "ascending") : "none";
    }

    /** The folder's path as the upload script builds upload URLs from it (each name percent-encoded). */
    public String basePath() {
        return folder.toUrlPath();
    }

    /** The node path of a row, as submitted by forms (decoded, '/'-separated). */
    public String pathOf(Row r) {
        return (folder.isRoot() ? "" : folder.toString()) + "/" + r.name();
    }

    /** This folder's node path, decoded ('/' for the root), for form fields. */
    public String folderPath() {
        return folder.toString();
    }

    /** Where the folder picker starts: the user's home, or the root (anonymous, or no home on this service). */
    public VosPath pickerRoot() {
        return home == null ? VosPath.ROOT : home;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * The caller cannot read this row, as far as the service tells: the embedded one states
     * {@code core#readable} for every child, CADC's only for the folder itself, so a row without
     * it counts only when others in the page have it.
     */
    public boolean cannotRead(Row r) {
        return !r.readable() && rows.stream().anyMatch(Row::readable);
    }

    /** Some rows cannot be read: said before an archive is made that will leave them out. */
    public boolean hasUnreadable() {
        return rows.stream().anyMatch(this::cannotRead);
    }

    /**
     * The folder's item count as the pathbar says it: the service's {@code core#childCount}, else
     * what the page knows (all its rows when it is the last page; null: "more than" the rows).
     */
    public String itemCountText() {
        Long n = itemCount != null ? itemCount : nextUrl == null && filter.isEmpty() ? Long.valueOf(rows.size()) : null;
        return n == null ? null : String.format(java.util.Locale.ROOT, "%,d", n);
    }

    /** How many rows the page loaded, for "more than N items" when the service does not count. */
    public String loadedText() {
        return String.format(java.util.Locale.ROOT, "%,d", rows.size());
    }

    /** The whole folder's size (bytes below it), shown when the whole folder is selected without a filter. */
    public String folderSizeText() {
        return Row.humanSize(folderLength);
    }
}
