package org.vosportal.service.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.vosportal.service.store.StoredNode;

/**
 * VOSpace permission rules (CADC semantics). A node is judged with its ancestry, the list of
 * nodes from the root down to it, because the home above a node grants its owner full access.
 *
 * <ul>
 * <li>read = public, or owner, or home owner, or member of a groupread or groupwrite group;</li>
 * <li>write = not locked, and owner, or home owner, or member of a groupwrite group;</li>
 * <li>public never grants write; anonymous callers only read public nodes;</li>
 * <li>resolving a path needs read on every ancestor below the home containers.</li>
 * </ul>
 */
@ApplicationScoped
public class Authorizer {

    /** The owner of the home (first level below the root) that contains the node, or null. */
    private static String homeOwner(List<StoredNode> chain) {
        return chain.size() > 1 ? chain.get(1).owner() : null;
    }

    private static boolean inAny(Caller caller, List<String> groupUris) {
        if (caller.groups().isEmpty()) {
            return false;
        }
        for (String g : groupUris) {
            if (caller.groups().contains(GroupUris.nameOf(g))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOwner(Caller caller, StoredNode node, List<StoredNode> chain) {
        if (caller.isAnonymous()) {
            return false;
        }
        return caller.user().equals(node.owner()) || caller.user().equals(homeOwner(chain));
    }

    /** Read access to the last node of {@code chain} (its ancestors not considered). */
    public boolean canRead(Caller caller, List<StoredNode> chain) {
        StoredNode node = chain.get(chain.size() - 1);
        if (node.isRoot() || caller.preauthorized()) {
            return true; // the root lists only the homes the caller may read
        }
        return node.isPublic() || isOwner(caller, node, chain) || inAny(caller, node.groupRead())
                || inAny(caller, node.groupWrite());
    }

    /** Write access ignoring the lock (setting properties, e.g. unlocking, is allowed on locked nodes). */
    public boolean canWriteIgnoringLock(Caller caller, List<StoredNode> chain) {
        StoredNode node = chain.get(chain.size() - 1);
        if (node.isRoot()) {
            return false;
        }
        if (caller.preauthorized()) {
            return true;
        }
        if (caller.isAnonymous()) {
            return false;
        }
        return isOwner(caller, node, chain) || inAny(caller, node.groupWrite());
    }

    public boolean canWrite(Caller caller, List<StoredNode> chain) {
        return !chain.get(chain.size() - 1).locked() && canWriteIgnoringLock(caller, chain);
    }

    /**
     * True if every node strictly between the root and the last element is readable. Homes (the
     * first level) are exempt, like a Unix home directory with only the x bit for others: a user
     * can share {@code /alice/survey} with a group without opening the listing of {@code /alice}.
     */
    public boolean canTraverse(Caller caller, List<StoredNode> chain) {
        for (int i = 2; i < chain.size() - 1; i++) {
            if (!canRead(caller, chain.subList(0, i + 1))) {
                return false;
            }
        }
        return true;
    }
}
