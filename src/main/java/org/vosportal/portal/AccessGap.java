package org.vosportal.portal;

import java.util.List;
import org.vosportal.vospace.VosPath;

/**
 * An audience a node grants read to that cannot reach it, and the folders above that keep it out
 * (top down; what the one-click fix opens).
 */
public record AccessGap(Audience audience, List<VosPath> closed) {

    public AccessGap {
        closed = List.copyOf(closed);
    }

    /** The folder to name in "the folder … above is private", or null when none was found. */
    public VosPath firstClosed() {
        return closed.isEmpty() ? null : closed.get(0);
    }

    /** Why the audience cannot open the node, in words ("the folder /alice/x above is private"). */
    public String reason() {
        VosPath first = firstClosed();
        return Messages.get().closedAbove(audience.group(), first == null ? null : first.toString());
    }
}
