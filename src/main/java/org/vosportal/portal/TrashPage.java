package org.vosportal.portal;

import java.util.List;
import org.vosportal.vospace.VosPath;

/**
 * Everything the trash page shows, one page of it; its URLs come from {@link PortalUrls} (in the
 * template).
 *
 * @param after   the item this page starts after (null: the first page); Restore and Delete
 *                forever come back to this page
 * @param moreUrl the next page, or null on the last
 */
public record TrashPage(String svc, VosPath home, List<Trash.Item> items, String flash, String retention,
        String after, String moreUrl) {

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public int count() {
        return items.size();
    }

    /** More than this page: the whole trash is not on it (Empty trash then says so). */
    public boolean hasMore() {
        return moreUrl != null || after != null;
    }
}
