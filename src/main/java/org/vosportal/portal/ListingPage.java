package org.vosportal.portal;

import java.util.List;

/** Everything the listing page shows. */
public record ListingPage(String svc, List<String> services, String title, List<Crumb> crumbs, List<Row> rows,
        String basePath, String nextUrl, String user, String csrf, boolean canWrite, String quotaText,
        int usagePercent, String flash, String filter, String sort, boolean descending, String job,
        boolean servicePackages, String notice) {

    /** Where the ZIP and TAR buttons post: the service's package stream, or the portal's own assembly. */
    public String archiveAction() {
        return "/storage/" + svc + "/selection/" + (servicePackages ? "archive" : "assemble");
    }

    /** Column header link: sorts by {@code key}, toggling the order when already sorted by it. */
    public String sortHref(String key) {
        boolean flip = key.equals(sort) && !descending;
        String base = "/storage/" + svc + "/list" + basePath;
        // name order is the default; size and date toggle between ascending and descending
        return key.equals("name") ? base : base + "?sort=" + key + "&order=" + (flip ? "desc" : "asc");
    }

    /** This folder's listing URL without query (what a refresh loads). */
    public String selfUrl() {
        return "/storage/" + svc + "/list" + basePath;
    }

    /** aria-sort value of a column. */
    public String ariaSort(String key) {
        return key.equals(sort) ? (descending ? "descending" : "ascending") : "none";
    }

    /** Link for a row: a folder's listing, a file's download, a link's target. */
    public String href(Row r) {
        if (r.isContainer()) {
            return "/storage/" + svc + "/list" + basePath + "/" + org.vosportal.vospace.UriCodec.encodeSegment(r.name());
        }
        if (r.isLink()) {
            String t = r.linkTarget();
            if (t != null && (t.startsWith("http://") || t.startsWith("https://"))) {
                return t;
            }
            return "/storage/" + svc + "/follow" + basePath + "/" + org.vosportal.vospace.UriCodec.encodeSegment(r.name());
        }
        return "/storage/" + svc + "/download" + basePath + "/" + org.vosportal.vospace.UriCodec.encodeSegment(r.name());
    }

    /** The details page (properties, permissions, sharing) of a row. */
    public String infoHref(Row r) {
        return "/storage/" + svc + "/info" + basePath + "/" + org.vosportal.vospace.UriCodec.encodeSegment(r.name());
    }

    /** The node path of a row, as submitted by forms (decoded, '/'-separated). */
    public String pathOf(Row r) {
        return org.vosportal.vospace.UriCodec.decode(basePath) + "/" + r.name();
    }

    /** This folder's node path, decoded ('/' for the root), for form fields. */
    public String folderPath() {
        String p = org.vosportal.vospace.UriCodec.decode(basePath);
        return p.isEmpty() ? "/" : p;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public boolean loggedIn() {
        return user != null;
    }
}
