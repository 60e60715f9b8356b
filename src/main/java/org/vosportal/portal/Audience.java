package org.vosportal.portal;

import org.vosportal.vospace.Node;
import org.vosportal.vospace.Props;

/** Whom a node is opened to: anyone (group null), or the members of one group (by name). */
public record Audience(String group) {

    static final Audience ANYONE = new Audience(null);

    /** Group names the portal writes (as the permissions form accepts them). */
    static final String GROUP_NAME = "[A-Za-z0-9_.~+=:@-]+";

    public Audience {
        if (group != null && !group.matches(GROUP_NAME)) {
            throw new PortalException(400, Messages.get().badGroupName(group));
        }
    }

    /** The group's URI as the service stores it in {@code groupread} / {@code groupwrite}. */
    String uriAt(String authority) {
        return authority + "?" + group;
    }

    public boolean isAnyone() {
        return group == null;
    }

    /** Whether the node lets this audience read it by its own grants (public, or the group reads or writes). */
    boolean grantedBy(Node n) {
        return "true".equals(n.value(Props.IS_PUBLIC)) || group != null && Row.grantedGroups(n).contains(group);
    }
}
