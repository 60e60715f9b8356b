package org.vosportal.portal;

import java.util.List;

/** The details page of one node: properties, permissions, custom metadata, sharing. */
public record InfoPage(String svc, String path, String name, String kind, List<Crumb> crumbs, List<PropRow> props,
        List<PropRow> custom, boolean isPublic, String readGroups, String writeGroups, boolean inherit,
        boolean isContainer, boolean isFile, boolean canWrite, List<String> userGroups, String publicLink,
        String shareLink, String shareExpires, String csrf, String user, String flash, String listUrl) {

    /** One property row; {@code label} is the short name people know (e.g. "length"). */
    public record PropRow(String uri, String label, String value, boolean readOnly) {
    }

    public boolean loggedIn() {
        return user != null;
    }
}
