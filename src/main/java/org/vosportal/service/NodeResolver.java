package org.vosportal.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.vosportal.service.auth.Authorizer;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.store.NodeStore;
import org.vosportal.service.store.StoredNode;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.InvalidNameException;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.VosUri;

/**
 * Resolves paths to stored nodes for a caller: checks that every ancestor is readable and
 * follows LinkNodes met in the middle of a path (only links to this service; at most
 * {@value #MAX_LINK_HOPS} hops). A LinkNode at the end of a path is returned as itself.
 */
@ApplicationScoped
public class NodeResolver {

    static final int MAX_LINK_HOPS = 10;

    @Inject
    NodeStore store;

    @Inject
    Authorizer authorizer;

    @Inject
    ServiceConfig config;

    /** A resolved node with the chain of nodes from the root down to it. */
    public record Resolved(VosPath path, List<StoredNode> chain) {
        public StoredNode node() {
            return chain.get(chain.size() - 1);
        }

        public List<StoredNode> parentChain() {
            return chain.subList(0, chain.size() - 1);
        }

        /** The same chain with its last node replaced (after an update). */
        public List<StoredNode> childChainReplacingLast(StoredNode updated) {
            List<StoredNode> c = new ArrayList<>(chain);
            c.set(c.size() - 1, updated);
            return c;
        }

        /** The chain of a child of this node. */
        public List<StoredNode> childChain(StoredNode child) {
            List<StoredNode> c = new ArrayList<>(chain.size() + 1);
            c.addAll(chain);
            c.add(child);
            return c;
        }
    }

    /**
     * Resolves an existing node; 404 NodeNotFound if missing, 403 if an ancestor is unreadable.
     * Names are looked up in NFC ({@link VosPath#nfc()}); the returned path is the NFC one.
     */
    public Resolved resolve(Caller caller, VosPath path) {
        return resolve(caller, path.nfc(), 0);
    }

    /**
     * As {@link #resolve}, but a missing name with a cutout suffix ({@code img.fits[1][1:10,*]},
     * {@code img.fits(210.8,54.3,0.1)}) resolves to the file it cuts: {@code vcp} looks the source
     * up with the cutout still attached before it asks for the cut bytes.
     */
    public Resolved resolveCutoutSource(Caller caller, VosPath path) {
        try {
            return resolve(caller, path);
        } catch (VosFault e) {
            String base = e.fault() == Fault.NodeNotFound && !path.isRoot()
                    ? org.vosportal.fits.CutoutSuffix.base(path.name()) : null;
            if (base == null) {
                throw e;
            }
            VosPath sourcePath;
            try {
                sourcePath = path.parent().child(base);
            } catch (IllegalArgumentException notAName) {
                throw e;
            }
            Resolved source = resolve(caller, sourcePath);
            if (!source.node().isData()) {
                throw e;
            }
            return source;
        }
    }

    private Resolved resolve(Caller caller, VosPath path, int hops) {
        List<StoredNode> chain = store.walk(path);
        int found = chain.size() - 1; // names resolved
        boolean complete = found == path.depth();
        // report a denied container before saying whether anything below it exists, naming the
        // same container whether the rest exists or not: the answer to a stranger is the same
        checkVisible(caller, chain, path, complete);
        if (complete) {
            return new Resolved(path, chain);
        }
        StoredNode last = chain.get(chain.size() - 1);
        // here every node found is an ancestor of the missing name, the last included (a link is
        // followed only by those who may read it, as at the end of a path)
        if (found >= 2 && !authorizer.canRead(caller, chain)) {
            throw denied(path.prefix(found));
        }
        if (last.isLink() && found > 0) {
            VosPath target = linkTargetPath(caller, last, hops);
            VosPath rest = target;
            for (String n : path.names().subList(found, path.depth())) {
                rest = rest.child(n);
            }
            return resolve(caller, rest, hops + 1);
        }
        throw VosFault.notFound(path);
    }

    /**
     * Homes are traversable, but what is in them is not public: a caller who cannot list
     * {@code /alice} is told "no read access to /alice" for {@code /alice/x} whether x exists or
     * not, unless x itself is readable (shared with them), and below that every container on the
     * way must be readable (VOSpace's ancestor rule). The root lists every readable home, so a
     * missing home is a plain 404.
     */
    private void checkVisible(Caller caller, List<StoredNode> chain, VosPath path, boolean complete) {
        boolean belowHome = complete ? chain.size() >= 3 : chain.size() >= 2;
        if (belowHome && !authorizer.canRead(caller, chain.subList(0, 2))
                && (chain.size() == 2 || !authorizer.canRead(caller, chain.subList(0, 3)))) {
            throw denied(path.prefix(1));
        }
        // ancestors strictly between the home and the last node found
        for (int i = 2; i < chain.size() - 1; i++) {
            if (!authorizer.canRead(caller, chain.subList(0, i + 1))) {
                throw denied(path.prefix(i));
            }
        }
    }

    private static VosFault denied(VosPath container) {
        return VosFault.denied("no read access to " + container);
    }

    /** Resolves the parent container of {@code path} for creating a child: 404 ContainerNotFound if missing. */
    public Resolved resolveParent(Caller caller, VosPath path) {
        if (path.isRoot()) {
            throw new VosFault(Fault.InvalidURI, "the root has no parent");
        }
        Resolved parent;
        try {
            parent = resolve(caller, path.parent().nfc());
        } catch (VosFault e) {
            if (e.fault() == Fault.NodeNotFound) {
                throw new VosFault(Fault.ContainerNotFound, path.parent().toString());
            }
            throw e;
        }
        if (parent.node().isLink()) {
            parent = resolveLinkTarget(caller, parent, 0);
        }
        if (!parent.node().isContainer()) {
            throw new VosFault(Fault.ContainerNotFound, path.parent() + " is not a container");
        }
        return parent;
    }

    /** Follows a LinkNode (and links it points at) to a node of this service. */
    public Resolved resolveLinkTarget(Caller caller, Resolved link, int hops) {
        Resolved r = link;
        int h = hops;
        while (r.node().isLink()) {
            if (!authorizer.canRead(caller, r.chain())) {
                throw VosFault.denied(r.path().toString());
            }
            VosPath target = linkTargetPath(caller, r.node(), h);
            try {
                r = resolve(caller, target, h + 1);
            } catch (VosFault e) {
                if (e.fault() == Fault.NodeNotFound) {
                    throw new VosFault(Fault.UnreadableLinkTarget, link.path().toString());
                }
                throw e;
            }
            h++;
        }
        return r;
    }

    private VosPath linkTargetPath(Caller caller, StoredNode link, int hops) {
        if (caller.preauthorized()) {
            // a pre-authorised URL skips permission checks for the path it was signed for, which
            // names no link (grants are signed for resolved paths): a link met now was put there
            // later, and following it would open whatever it points at
            throw VosFault.denied("a pre-authorised URL does not follow links");
        }
        if (hops >= MAX_LINK_HOPS) {
            throw new VosFault(Fault.UnreadableLinkTarget, "too many links (loop?)");
        }
        VosUri target;
        try {
            target = VosUri.parse(link.linkTarget());
        } catch (InvalidNameException e) {
            throw new VosFault(Fault.InvalidArgument, "link target is not in this service: " + link.linkTarget());
        }
        if (!target.authority().equals(VosUri.canonicalAuthority(config.authority()))) {
            throw new VosFault(Fault.InvalidArgument, "link target is not in this service: " + link.linkTarget());
        }
        return target.path().nfc();
    }
}
