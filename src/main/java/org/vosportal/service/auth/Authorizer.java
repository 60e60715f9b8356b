package org.vosportal.service.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.vosportal.service.ServiceConfig;
import org.vosportal.service.store.StoredNode;

/**
 * VOSpace permission rules (CADC semantics). A node is judged with its ancestry, the list of
 * nodes from the root down to it, because the home above a node grants its owner full access.
 *
 * <ul>
 * <li>read = public, or owner, or home owner, or member of a groupread or groupwrite group;</li>
 * <li>write = not locked, and owner, or home owner, or member of a groupwrite group;</li>
 * <li>public never grants write; anonymous callers only read public nodes;</li>
 * <li>resolving a path needs read on every ancestor below the home containers (NodeResolver);</li>
 * <li>changing who may read or write a node (public flag, groups, inheritance, lock) is for its
 * owner and the home owner, not for group writers;</li>
 * <li>a group URI counts only with an accepted authority and the exact group name.</li>
 * </ul>
 */
@ApplicationScoped
public class Authorizer {

    @Inject
    ServiceConfig config;

    /** The owner of the home (first level below the root) that contains the node, or null. */
    private static String homeOwner(List<StoredNode> chain) {
        return chain.size() > 1 ? chain.get(1).owner() : null;
    }

    private boolean inAny(Caller caller, List<String> groupUris) {
        if (caller.groups().isEmpty()) {
            return false;
        }
        List<String> authorities = config.acceptedGroupAuthorities()
                .orElseGet(() -> List.of(config.groupAuthority(), GroupUris.CADC_AUTHORITY));
        for (String g : groupUris) {
            if (GroupUris.matches(g, caller.groups(), authorities)) {
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

    /**
     * May the caller change the node's permissions or lock: its owner or the home owner only. A
     * group writer may change content and other properties, but not open the node to others,
     * shut its owner's groups out, or lock the owner out of changes.
     */
    public boolean canChangePermissions(Caller caller, List<StoredNode> chain) {
        StoredNode node = chain.get(chain.size() - 1);
        return !node.isRoot() && !caller.preauthorized() && isOwner(caller, node, chain);
    }

    /** True if the caller owns the home that holds the node (full control of everything in it). */
    public boolean ownsHome(Caller caller, List<StoredNode> chain) {
        return !caller.isAnonymous() && !caller.preauthorized() && caller.user().equals(homeOwner(chain));
    }

    public boolean canWrite(Caller caller, List<StoredNode> chain) {
        return !chain.get(chain.size() - 1).locked() && canWriteIgnoringLock(caller, chain);
    }
}
