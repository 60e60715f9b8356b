package org.vosportal.service.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * <li>resolving a path needs read on every ancestor below the home containers (NodeResolver):
 * a file made public inside a private folder stays closed to anonymous callers, as in CADC's
 * vault ({@link #effectiveAccess} says who can really open a node);</li>
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

    private List<String> acceptedAuthorities() {
        return config.acceptedGroupAuthorities()
                .orElseGet(() -> List.of(config.groupAuthority(), GroupUris.CADC_AUTHORITY));
    }

    private boolean inAny(Caller caller, List<String> groupUris) {
        if (caller.groups().isEmpty()) {
            return false;
        }
        List<String> authorities = acceptedAuthorities();
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

    /**
     * Who can really open the last node of {@code chain}: the same rules as {@link #canRead} and
     * NodeResolver's ancestor rule, asked for an anonymous caller and for a member of each group
     * the path names. The node and every folder between its home and it must grant read (public,
     * groupread, or groupwrite); the home itself need not (homes are traversable), except when it
     * is the node. Null for the root, which nobody shares.
     */
    public EffectiveAccess effectiveAccess(List<StoredNode> chain) {
        int last = chain.size() - 1;
        if (last == 0) {
            return null;
        }
        int first = last == 1 ? 1 : 2;
        int blockedAt = -1;
        for (int i = first; i < last && blockedAt < 0; i++) {
            if (!canRead(Caller.ANONYMOUS, chain.subList(0, i + 1))) {
                blockedAt = i;
            }
        }
        boolean isPublic = blockedAt < 0 && canRead(Caller.ANONYMOUS, chain);
        List<String> groups = new ArrayList<>();
        for (String name : groupsNamed(chain, first)) {
            if (readsAlongPath(memberOf(name), chain, first)) {
                groups.add(name);
            }
        }
        return new EffectiveAccess(isPublic, groups, blockedAt);
    }

    /** Names of the accepted groups that the nodes from {@code first} to the last grant, the last node's first. */
    private Set<String> groupsNamed(List<StoredNode> chain, int first) {
        List<String> authorities = acceptedAuthorities();
        Set<String> names = new LinkedHashSet<>();
        for (int i = chain.size() - 1; i >= first; i--) {
            for (List<String> uris : List.of(chain.get(i).groupRead(), chain.get(i).groupWrite())) {
                for (String uri : uris) {
                    String name = GroupUris.nameOf(uri);
                    if (GroupUris.matches(uri, Set.of(name), authorities)) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }

    private boolean readsAlongPath(Caller caller, List<StoredNode> chain, int first) {
        for (int i = first; i < chain.size(); i++) {
            if (!canRead(caller, chain.subList(0, i + 1))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Can the caller open the last node of {@code chain}, as NodeResolver would let them: read on
     * the node and on every folder between its home and it (the home itself only when it is the
     * node: homes are traversable).
     */
    public boolean canReach(Caller caller, List<StoredNode> chain) {
        int last = chain.size() - 1;
        return last > 0 && readsAlongPath(caller, chain, last == 1 ? 1 : 2);
    }

    /** Through which of the caller's groups a node grants access, and whether that group may write. */
    public record GroupGrant(String group, boolean write) {
    }

    /**
     * The caller's group a node names in groupwrite (read/write), else in groupread (read), or
     * null: what "shared with me" says about a node that was shared with a group of the caller.
     */
    public GroupGrant groupGrant(Caller caller, StoredNode node) {
        List<String> authorities = acceptedAuthorities();
        for (String uri : node.groupWrite()) {
            if (GroupUris.matches(uri, caller.groups(), authorities)) {
                return new GroupGrant(GroupUris.nameOf(uri), true);
            }
        }
        for (String uri : node.groupRead()) {
            if (GroupUris.matches(uri, caller.groups(), authorities)) {
                return new GroupGrant(GroupUris.nameOf(uri), false);
            }
        }
        return null;
    }

    /**
     * May the caller see and revoke a share link made by {@code creator} for the last node of
     * {@code chain}: its maker, or whoever may change the node's permissions (its owner, the home
     * owner), since a link is one more way in.
     */
    public boolean canRevokeShare(Caller caller, String creator, List<StoredNode> chain) {
        if (caller.isAnonymous() || caller.preauthorized()) {
            return false;
        }
        return caller.user().equals(creator) || (chain.size() > 1 && canChangePermissions(caller, chain));
    }

    /** Someone in one group who owns nothing on the path: what the group's membership alone grants. */
    private static Caller memberOf(String group) {
        return new Caller(null, Set.of(group));
    }
}
