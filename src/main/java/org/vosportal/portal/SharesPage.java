package org.vosportal.portal;

import java.util.List;

/**
 * The Shares page of one service: the user's active share links, and what others shared with
 * the user's groups (one page of it; {@code moreUrl} continues, null at the end).
 *
 * @param available false for a service without the sharing extensions (any other VOSpace)
 */
public record SharesPage(String svc, String flash, boolean available,
        List<ShareRow> links, List<SharedRow> shared, String moreUrl) {

    public String selfUrl() {
        return PortalUrls.shares(svc);
    }
}
