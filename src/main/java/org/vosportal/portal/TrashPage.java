package org.vosportal.portal;

import java.util.List;
import org.vosportal.vospace.VosPath;

/** Everything the trash page shows; its URLs come from {@link PortalUrls} (in the template). */
public record TrashPage(String svc, List<String> services, String user, VosPath home, String csrf,
        List<Trash.Item> items, String flash, String retention, boolean truncated) {

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public int count() {
        return items.size();
    }
}
