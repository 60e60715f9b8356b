package org.vosportal.service.transfer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.vosportal.service.NodeRenderer;
import org.vosportal.service.NodeResolver;
import org.vosportal.service.NodeResolver.Resolved;
import org.vosportal.service.NodeService;
import org.vosportal.service.auth.Authorizer;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.blob.BlobStore;
import org.vosportal.service.jobs.Job;
import org.vosportal.service.jobs.SubtreeWalker;
import org.vosportal.service.store.NewNode;
import org.vosportal.service.store.NodeStore;
import org.vosportal.service.store.StoredNode;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.UwsJob;
import org.vosportal.vospace.UwsJob.Phase;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;

/**
 * moveNode and copyNode (a /transfers job whose direction is a vos URI). A move is a metadata
 * change, whatever the subtree's size; a copy duplicates nodes and shares the immutable blobs
 * through hard links. Destination rules follow VOSpace: an existing container receives the node
 * under its own name, a missing name with an existing parent is a rename.
 *
 * <p>Neither may widen access (docs/SECURITY.md): the caller must be able to read what is moved or
 * copied (a copy leaves out what they cannot read), and a move into another home needs ownership
 * of the whole subtree. Everything is checked when the job runs, not when it was created.
 */
@ApplicationScoped
public class MoveCopyService {

    @Inject
    NodeStore store;

    @Inject
    BlobStore blobs;

    @Inject
    NodeResolver resolver;

    @Inject
    NodeService nodes;

    @Inject
    Authorizer authorizer;

    @Inject
    NodeRenderer renderer;

    @Inject
    TransferNegotiator negotiator;

    @Inject
    ContentService content;

    /** Where the node will go: the destination container and the name it will have there. */
    private record Destination(Resolved container, String name) {
        VosPath path() {
            return container.path().child(name);
        }
    }

    /** {@code keepDate}: a move leaves {@code core#date} as it was (Transfer.KEEP_DATE, the portal's trash). */
    public Job.Outcome run(Job job, Caller caller, String target, String direction, boolean copy, boolean keepDate) {
        VosPath srcPath = negotiator.targetPath(target);
        Resolved src = resolver.resolve(caller, srcPath);
        if (src.chain().size() <= 2) {
            throw VosFault.denied("the root and home containers cannot be " + (copy ? "copied" : "moved"));
        }
        if (!copy) {
            nodes.requireWrite(caller, src.parentChain(), src.path().parent());
        }
        // a copy's bytes and a moved node must be ones the caller can read: write on a folder
        // lets a member tidy it, not take away what was never shared with them
        nodes.requireRead(caller, src.chain(), src.path());
        if (!copy && src.node().locked()) {
            throw new VosFault(Fault.NodeLocked, src.path().toString());
        }
        Destination dest = destination(caller, negotiator.targetPath(direction).nfc(), src.node().name());
        // permission before existence: a caller who may not write there learns nothing about its names
        nodes.requireWrite(caller, dest.container().chain(), dest.container().path());
        if (store.findChild(dest.container().node().id(), dest.name()).isPresent()) {
            throw new VosFault(Fault.DuplicateNode, dest.path().toString());
        }
        if (src.node().isContainer() && dest.container().path().isWithin(src.path())) {
            throw VosFault.invalid("cannot put " + src.path() + " inside itself");
        }
        boolean sameHome = dest.container().chain().size() > 1 && src.chain().get(1).id() == dest.container()
                .chain().get(1).id();
        String onlyOwner = !copy && !sameHome ? requiredOwner(caller, src) : null;
        // a copy fails early when its bytes cannot fit (each node is checked again as it is made);
        // a move's quota is checked by the store inside the moving transaction (bytes and metadata)
        if (copy && content.remainingQuota(dest.container().chain()) < src.node().length()) {
            throw new VosFault(Fault.QuotaExceeded, "not enough quota in " + dest.container().path());
        }
        if (copy) {
            copyTree(job, caller, src.chain(), dest.container().node(), dest.name());
        } else {
            store.move(src.node().id(), dest.container().node().id(), dest.name(),
                    keepDate ? src.node().modified() : Instant.now(), onlyOwner);
        }
        String destUri = renderer.uriOf(dest.path()).toString();
        return Job.Outcome.completed(List.of(new UwsJob.Result("destination", destUri)));
    }

    /**
     * A move to another home hands the node to that home's owner (the home owner may do anything
     * below their home) and out of the reach of the source home's owner. So only the source
     * home's owner, or whoever owns the node and everything below it, may do it: a group writer
     * must not be able to carry someone else's file, or a folder with someone else's files in it,
     * into a home where they would read and control it. Returns the user who must own the whole
     * subtree (the store checks it inside the moving transaction), or null for the home's owner.
     */
    private String requiredOwner(Caller caller, Resolved src) {
        if (authorizer.ownsHome(caller, src.chain())) {
            return null;
        }
        if (caller.isAnonymous() || !caller.user().equals(src.node().owner())) {
            throw VosFault.denied("only the owner of " + src.path() + " and of everything in it may move it"
                    + " to another home");
        }
        return caller.user();
    }

    private Destination destination(Caller caller, VosPath destPath, String srcName) {
        try {
            Resolved d = resolver.resolve(caller, destPath);
            if (d.node().isLink()) {
                d = resolver.resolveLinkTarget(caller, d, 0);
            }
            if (!d.node().isContainer()) {
                // an existing file: a DuplicateNode only for those who may write where it is
                Resolved parent = resolver.resolveParent(caller, destPath);
                nodes.requireWrite(caller, parent.chain(), parent.path());
                throw new VosFault(Fault.DuplicateNode, destPath.toString());
            }
            return new Destination(d, srcName);
        } catch (VosFault e) {
            if (e.fault() != Fault.NodeNotFound) {
                throw e;
            }
        }
        Resolved parent = resolver.resolveParent(caller, destPath);
        return new Destination(parent, destPath.name());
    }

    /** Copies the node at the end of {@code srcChain} into {@code destParent} as {@code name}. */
    private void copyTree(Job job, Caller caller, List<StoredNode> srcChain, StoredNode destParent, String name) {
        StoredNode src = srcChain.get(srcChain.size() - 1);
        NewNode spec = new NewNode(name, src.type(), caller.user(), src.isPublic(), src.groupRead(),
                src.groupWrite(), false, src.inheritPermissions(), src.linkTarget(), src.contentType(),
                src.contentEncoding(), null, src.properties());
        StoredNode copy;
        if (src.isData() && src.blobId() != null) {
            try {
                String blob = blobs.copy(src.blobId());
                // the node and its content in one step: a copy the quota refuses leaves no empty file
                try {
                    copy = store.createWithContent(destParent.id(), spec, blob, src.length(), src.md5());
                } catch (RuntimeException e) {
                    blobs.delete(blob);
                    throw e;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            copy = store.create(destParent.id(), spec);
        }
        if (src.isContainer()) {
            SubtreeWalker.forEachChild(store, src.id(), () -> job.phase() == Phase.ABORTED, child -> {
                List<StoredNode> childChain = new ArrayList<>(srcChain);
                childChain.add(child);
                if (authorizer.canRead(caller, childChain)) { // unreadable items are left out, as in packages
                    copyTree(job, caller, childChain, copy, child.name());
                }
            });
        }
    }
}
