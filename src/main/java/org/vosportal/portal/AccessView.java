package org.vosportal.portal;

import java.util.List;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.Props;
import org.vosportal.vospace.VosPath;

/**
 * The details page's "Who can open it": the node's real audience, each grant that a closed folder
 * above makes useless, and (for the home's owner, who may change every folder in it) the fix.
 *
 * @param homeOwner      who can always open it (the owner of its home)
 * @param viewerOwnsHome the viewer is that owner: the page says "you" and offers the fixes
 */
public record AccessView(Reach reach, boolean markedPublic, List<AccessGap> gaps, String homeOwner,
        boolean viewerOwnsHome) {

    public AccessView {
        gaps = List.copyOf(gaps);
    }

    static AccessView of(VosPath path, Node n, Reach reach, List<AccessGap> gaps, String viewer) {
        String owner = path.depth() >= 1 ? path.prefix(1).name() : null;
        return new AccessView(reach, "true".equals(n.value(Props.IS_PUBLIC)), gaps, owner,
                viewer != null && viewer.equals(owner));
    }

    /** Some group's members can open it (besides the owner). */
    public boolean hasAudience() {
        return reach.anyone() || !reach.groups().isEmpty();
    }

    /** Why nobody else can open it, for the headline ("Only you: the folder … is private"), or null. */
    public String headlineReason() {
        return gaps.isEmpty() ? null : gaps.get(0).reason();
    }

    /** The public link works for anyone: the service says so. */
    public boolean publicLinkWorks() {
        return markedPublic && reach.known() && reach.anyone();
    }

    /** Marked public on a service that does not say whether the folders above let anyone through. */
    public boolean publicLinkUnsure() {
        return markedPublic && !reach.known();
    }

    /** Marked public, but a folder above keeps anonymous visitors out. */
    public boolean publicBlocked() {
        return reach.blocksPublic(markedPublic);
    }
}
