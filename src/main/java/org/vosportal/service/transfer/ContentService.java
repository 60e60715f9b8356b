package org.vosportal.service.transfer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.vosportal.service.NodeResolver;
import org.vosportal.service.NodeResolver.Resolved;
import org.vosportal.service.NodeService;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.blob.BlobStore;
import org.vosportal.service.blob.PendingBlob;
import org.vosportal.service.store.NewNode;
import org.vosportal.service.store.NodeStore;
import org.vosportal.service.store.StoredNode;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;

/**
 * Pushing and pulling bytes: who may, how many bytes the quota still allows, and the commit that
 * points a node at a new blob (creating the DataNode if it does not exist yet).
 */
@ApplicationScoped
public class ContentService {

    @Inject
    NodeStore store;

    @Inject
    BlobStore blobs;

    @Inject
    NodeResolver resolver;

    @Inject
    NodeService nodes;

    /** Where a push goes: the parent container, the existing node (or null), and the byte allowance. */
    public record PushPlan(VosPath path, Resolved parent, StoredNode existing, long maxBytes) {
    }

    /** Checks a push of new content to {@code path}: write access, a DataNode target, free quota. */
    public PushPlan planPush(Caller caller, VosPath path) {
        Resolved parent = resolver.resolveParent(caller, path);
        StoredNode existing = store.findChild(parent.node().id(), path.name()).orElse(null);
        if (existing != null) {
            if (!existing.isData()) {
                throw VosFault.invalid(path + " is a " + existing.type().xsiType() + ", not a DataNode");
            }
            nodes.requireWrite(caller, parent.childChain(existing), path);
        } else {
            nodes.requireWrite(caller, parent.chain(), parent.path());
        }
        long allowance = remainingQuota(parent.chain()) + (existing == null ? 0 : existing.length());
        if (allowance <= 0) {
            throw new VosFault(Fault.QuotaExceeded, "no space left in the quota above " + path);
        }
        return new PushPlan(path, parent, existing, allowance);
    }

    /** Bytes still free under the nearest container (in {@code chain}) that has a quota. */
    public static long remainingQuota(List<StoredNode> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            StoredNode n = chain.get(i);
            if (n.quota() != null) {
                return n.quota() - n.length();
            }
        }
        return Long.MAX_VALUE;
    }

    /**
     * Commits received bytes to {@code path} as {@code caller}. Permissions and quota are checked
     * again (they may have changed while the bytes arrived); on any failure the pending blob is
     * discarded and the previous content stays.
     */
    public Resolved commit(Caller caller, VosPath path, PendingBlob pending) throws IOException {
        String blobId = null;
        try {
            PushPlan plan = planPush(caller, path);
            if (pending.length() > plan.maxBytes()) {
                throw new VosFault(Fault.QuotaExceeded, "upload exceeds the remaining quota");
            }
            StoredNode node = plan.existing();
            boolean created = false;
            if (node == null) {
                StoredNode inherited = nodes.inheritFrom(plan.parent().node(), NodeType.DATA);
                node = store.create(plan.parent().node().id(), new NewNode(path.name(), NodeType.DATA,
                        caller.user(), inherited.isPublic(), inherited.groupRead(), inherited.groupWrite(), false,
                        false, null, ContentTypes.guess(path.name()), null, null, java.util.Map.of()));
                created = true;
            }
            blobId = blobs.commit(pending);
            String old;
            try {
                old = store.commitContent(node.id(), blobId, pending.length(), pending.md5Hex(), Instant.now());
            } catch (RuntimeException e) {
                if (created) {
                    store.delete(node.id());
                }
                throw e;
            }
            blobs.delete(old);
            StoredNode saved = store.findById(node.id()).orElseThrow();
            return new Resolved(path, plan.parent().childChain(saved));
        } catch (IOException | RuntimeException e) {
            blobs.discard(pending);
            if (blobId != null) {
                blobs.delete(blobId);
            }
            throw e;
        }
    }

    /** Resolves a DataNode for reading (links followed); 403 without read permission. */
    public Resolved planPull(Caller caller, VosPath path) {
        Resolved r = resolver.resolve(caller, path);
        if (r.node().isLink()) {
            r = resolver.resolveLinkTarget(caller, r, 0);
        }
        if (!r.node().isData()) {
            throw VosFault.invalid(path + " is a container, not a file");
        }
        nodes.requireRead(caller, r.chain(), path);
        return r;
    }
}
