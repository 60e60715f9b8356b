package org.vosportal.portal;

import java.util.ArrayList;
import java.util.List;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.Props;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.VosUri;

/**
 * Who can really open a node: anyone, the members of some groups, or only its owner. The service
 * computes it along the whole path for the node a request names ({@code core#effectivePublic},
 * {@code core#effectiveGroupRead}, {@code core#publicBlockedBy}); a listing's rows get theirs from
 * their folder's ({@link #ofChild}), without a request per row. A service that does not say (any
 * but the embedded one) gives an unknown reach, and the pages then claim nothing beyond the
 * node's own grants.
 *
 * @param known           the service said (or it follows from what it said)
 * @param anyone          anyone can, without logging in
 * @param groups          names of the groups whose members can
 * @param publicBlockedBy the first folder above that keeps anonymous visitors out, or null
 */
public record Reach(boolean known, boolean anyone, List<String> groups, VosPath publicBlockedBy) {

    static final Reach UNKNOWN = new Reach(false, false, List.of(), null);

    public Reach {
        groups = List.copyOf(groups);
    }

    /** What the service computed for the node it was asked about. */
    static Reach of(Node n) {
        String anyone = n.value(Props.EFFECTIVE_PUBLIC);
        if (anyone == null) {
            return UNKNOWN;
        }
        return new Reach(true, "true".equals(anyone), Row.groupNames(n.value(Props.EFFECTIVE_GROUP_READ)),
                pathOf(n.value(Props.PUBLIC_BLOCKED_BY)));
    }

    private static VosPath pathOf(String uri) {
        if (uri == null) {
            return null;
        }
        try {
            return VosUri.parse(uri).path();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The reach of {@code child}, a child of {@code folder} whose reach this is. The service's rule
     * (docs/SECURITY.md): the child must grant read itself, and so must every folder above it up
     * to, not including, the home. So the children of the root and of a home reach whom their own
     * grants say; deeper, a child reaches anyone when the folder does and the child is public, and
     * a group when the folder reaches it and the child is public or grants the group.
     */
    Reach ofChild(VosPath folder, Node child) {
        boolean isPublic = "true".equals(child.value(Props.IS_PUBLIC));
        List<String> own = Row.grantedGroups(child);
        if (folder.isRoot() || known && folder.depth() == 1) {
            return new Reach(true, isPublic, own, null);
        }
        if (!known) {
            return UNKNOWN;
        }
        if (anyone) {
            return new Reach(true, isPublic, own, null);
        }
        List<String> reached = new ArrayList<>(isPublic ? groups : own);
        reached.retainAll(groups);
        return new Reach(true, false, reached, publicBlockedBy != null ? publicBlockedBy : folder);
    }

    /** Whether the members of {@code group} can open it (unknown: as its own grant says). */
    public boolean reaches(String group) {
        return !known || anyone || groups.contains(group);
    }

    /** Marked public (by {@code isPublic}) but kept from anonymous visitors by a folder above. */
    public boolean blocksPublic(boolean isPublic) {
        return known && isPublic && !anyone;
    }
}
