package org.vosportal.portal;

import java.util.List;
import org.vosportal.vospace.VosPath;

/**
 * The search below one folder: the words searched for, one page of hits ({@code moreUrl}
 * continues, null at the end).
 *
 * @param available false for a service without the search extension (any other VOSpace)
 */
public record SearchPage(String svc, VosPath folder, List<Crumb> crumbs, String query,
        boolean available, List<SearchRow> rows, String moreUrl, boolean continued) {

    public String folderText() {
        return folder.isRoot() ? svc : folder.toString();
    }
}
