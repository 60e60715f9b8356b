package org.vosportal.vospace.client;

import java.util.List;
import org.vosportal.vospace.VosPath;

/**
 * A node others shared with one of the user's groups ({@link VosClient#sharedWithMe}): whose it
 * is, through which group, and whether that group may write.
 */
public record SharedNode(VosPath path, String owner, boolean container, String group, boolean write) {

    /** One page of them and the cursor of the next page, null when there is none. */
    public record Page(List<SharedNode> nodes, String next) {
    }
}
