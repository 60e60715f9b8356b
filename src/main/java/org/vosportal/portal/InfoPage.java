package org.vosportal.portal;

import java.util.List;
import org.vosportal.vospace.VosPath;

/** The details page of one node: properties, permissions, custom metadata, sharing. */
public record InfoPage(String svc, VosPath path, String name, String kind, List<Crumb> crumbs, List<PropRow> props,
        List<PropRow> custom, boolean isPublic, String readGroups, String writeGroups, boolean inherit,
        boolean isContainer, boolean isFile, boolean canWrite, List<String> userGroups, String publicLink,
        String shareLink, String shareExpires, String csrf, String user, String flash, AccessView access,
        boolean shareLinksListed, List<ShareRow> shareLinks) {

    /** One property row; {@code label} is the short name people know (e.g. "length"). */
    public record PropRow(String uri, String label, String value, boolean readOnly) {
    }

    /** This page's own address (where a login comes back to). */
    public String selfUrl() {
        return PortalUrls.info(svc, path);
    }

    public String pathText() {
        return path.toString();
    }

    /** The folder this node is in (the root for the root). */
    public VosPath folder() {
        return path.isRoot() ? path : path.parent();
    }

    public boolean loggedIn() {
        return user != null;
    }
}
