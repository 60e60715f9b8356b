package org.vosportal.service.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.vosportal.service.NodeResolver;
import org.vosportal.service.NodeResolver.Resolved;
import org.vosportal.service.PropertyEditor;
import org.vosportal.service.auth.Authorizer;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.store.NodeStore;
import org.vosportal.service.store.StoredNode;
import org.vosportal.vospace.Property;
import org.vosportal.vospace.UwsJob.Phase;
import org.vosportal.vospace.VosPath;

/**
 * The async-setprops job: applies property changes to a node and everything below it that the
 * caller may write (locks ignored, as for a single setNode), with setNode's rules for each node:
 * permissions and the lock change only where the caller owns the node (or the home). Nodes it may
 * not change count as errors. Everything is checked when the job runs, against the tree as it is
 * then: a grant revoked after the job was created is honoured.
 */
@ApplicationScoped
public class RecursiveProperties {

    @Inject
    NodeStore store;

    @Inject
    NodeResolver resolver;

    @Inject
    Authorizer authorizer;

    @Inject
    PropertyEditor editor;

    public Job.Outcome run(Job job, Caller caller, VosPath path, List<Property> changes) {
        editor.validate(changes);
        Resolved r = resolver.resolve(caller, path);
        ItemCounter counter = new ItemCounter();
        apply(job, caller, new ArrayList<>(r.chain()), r.path(), changes, counter);
        return counter.outcome();
    }

    private void apply(Job job, Caller caller, List<StoredNode> chain, VosPath path, List<Property> changes,
            ItemCounter counter) {
        StoredNode node = chain.get(chain.size() - 1);
        StoredNode changed = authorizer.canWriteIgnoringLock(caller, chain) ? editor.apply(node, changes) : null;
        if (changed != null && (!PropertyEditor.permissionsDiffer(node, changed)
                || authorizer.canChangePermissions(caller, chain))) {
            store.updateMetadata(changed);
            counter.success();
        } else {
            counter.error("PermissionDenied: " + path);
        }
        if (node.isContainer() && authorizer.canRead(caller, chain)) {
            SubtreeWalker.forEachChild(store, node.id(),
                    () -> job.phase() == Phase.ABORTED || counter.tooManyErrors(), child -> {
                        List<StoredNode> childChain = new ArrayList<>(chain);
                        childChain.add(child);
                        apply(job, caller, childChain, path.child(child.name()), changes, counter);
                    });
        }
    }
}
