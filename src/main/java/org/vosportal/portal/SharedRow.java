package org.vosportal.portal;

import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.client.SharedNode;

/** One node shared with the user's groups, as the Shares page lists it. */
public record SharedRow(String svc, SharedNode node) {

    public VosPath path() {
        return node.path();
    }

    public String pathText() {
        return node.path().toString();
    }

    /** A folder opens its listing; a file, its folder's listing narrowed to it. */
    public String url() {
        VosPath p = node.path();
        return node.container() ? PortalUrls.list(svc, p)
                : PortalUrls.withQuery(PortalUrls.list(svc, p.parent()), "q", p.name());
    }
}
