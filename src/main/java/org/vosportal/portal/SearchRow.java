package org.vosportal.portal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.client.SearchHit;

/** One search hit as the search page shows it: its path (a link), size and date. */
public record SearchRow(String svc, SearchHit hit, VosPath below) {

    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    public String name() {
        return hit.path().name();
    }

    /** The hit's path, relative to the folder searched ("night1/raw/a.fits"). */
    public String pathText() {
        String full = hit.path().toString();
        String base = below.toString();
        return !below.isRoot() && full.startsWith(base + "/") ? full.substring(base.length() + 1) : full.substring(1);
    }

    /** The folder it is in, relative to the folder searched; empty when it is directly inside. */
    public String folderText() {
        String p = pathText();
        int slash = p.lastIndexOf('/');
        return slash < 0 ? "" : p.substring(0, slash);
    }

    public boolean container() {
        return hit.container();
    }

    /** A folder opens its listing; a file, its folder's listing narrowed to it. */
    public String url() {
        VosPath p = hit.path();
        return hit.container() ? PortalUrls.list(svc, p) : PortalUrls.withQuery(PortalUrls.list(svc, p.parent()), "q", p.name());
    }

    /** The folder the hit is in. */
    public String folderUrl() {
        return PortalUrls.list(svc, hit.path().parent());
    }

    public String sizeText() {
        return hit.container() ? "" : Row.humanSize(hit.size());
    }

    public String modified() {
        return hit.date() == null ? "" : SHORT.format(hit.date());
    }
}
