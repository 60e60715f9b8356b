package org.vosportal.service.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.vosportal.service.NodeResolver;
import org.vosportal.service.NodeResolver.Resolved;
import org.vosportal.service.auth.Authorizer;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.blob.BlobStore;
import org.vosportal.service.store.ContainerNotEmpty;
import org.vosportal.service.store.NodeStore;
import org.vosportal.service.store.StoredNode;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.UwsJob.Phase;

/**
 * The async-delete job: deletes a subtree depth-first. Each node needs write on its parent and no
 * lock; a container goes only when all its children went. Failures are counted, not fatal. Each
 * node is checked when the job reaches it, so a grant revoked after the job was created holds.
 */
@ApplicationScoped
public class RecursiveDelete {

    @Inject
    NodeStore store;

    @Inject
    BlobStore blobs;

    @Inject
    NodeResolver resolver;

    @Inject
    Authorizer authorizer;

    public Job.Outcome run(Job job, Caller caller, VosPath path) {
        Resolved r = resolver.resolve(caller, path);
        if (r.chain().size() <= 2) {
            throw VosFault.denied("the root and home containers cannot be deleted");
        }
        ItemCounter counter = new ItemCounter();
        delete(job, caller, new ArrayList<>(r.chain()), r.path(), counter);
        return counter.outcome();
    }

    /** Returns true if the node (and everything below it) was deleted. */
    private boolean delete(Job job, Caller caller, List<StoredNode> chain, VosPath path, ItemCounter counter) {
        StoredNode node = chain.get(chain.size() - 1);
        boolean allChildrenGone = true;
        if (node.isContainer()) {
            if (!authorizer.canRead(caller, chain)) {
                counter.error("PermissionDenied: " + path);
                return false;
            }
            boolean[] ok = {true};
            SubtreeWalker.forEachChild(store, node.id(), () -> stopped(job, counter), child -> {
                List<StoredNode> childChain = new ArrayList<>(chain);
                childChain.add(child);
                if (!delete(job, caller, childChain, path.child(child.name()), counter)) {
                    ok[0] = false;
                }
            });
            allChildrenGone = ok[0] && !stopped(job, counter);
        }
        if (!allChildrenGone) {
            return false;
        }
        List<StoredNode> parentChain = chain.subList(0, chain.size() - 1);
        if (!authorizer.canWrite(caller, parentChain)) {
            counter.error("PermissionDenied: " + path);
            return false;
        }
        if (node.locked()) {
            counter.error("NodeLocked: " + path);
            return false;
        }
        try {
            blobs.delete(store.delete(node.id()));
            counter.success();
            return true;
        } catch (ContainerNotEmpty e) {
            counter.error("InvalidArgument: " + path + " is not empty"); // something appeared meanwhile
            return false;
        }
    }

    private static boolean stopped(Job job, ItemCounter counter) {
        return job.phase() == Phase.ABORTED || counter.tooManyErrors();
    }
}
