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
import org.vosportal.service.blob.BlobPut;
import org.vosportal.service.store.NewNode;
import org.vosportal.service.store.NodeCost;
import org.vosportal.service.store.NodeStore;
import org.vosportal.service.store.StoreRefusal;
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

    @Inject
    QuotaReservations reservations;

    /**
     * Where a push goes: the parent container, the existing node (or null), the byte allowance,
     * and the container whose quota applies ({@code quotaHolder}, null when none does).
     */
    public record PushPlan(VosPath path, Resolved parent, StoredNode existing, long maxBytes, StoredNode quotaHolder) {
    }

    /**
     * Checks a push of new content to {@code path}: write access, a DataNode target, free quota.
     * The allowance is what the quota leaves after committed bytes and metadata; uploads in
     * progress are counted by {@link #reserve}.
     */
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
        StoredNode holder = quotaHolder(parent.chain());
        long allowance = holder == null ? Long.MAX_VALUE
                : holder.quota() - store.usage(holder.id())
                        + (existing == null ? -NodeCost.FIXED : existing.length());
        if (allowance < 0) { // 0: an empty file still fits
            throw new VosFault(Fault.QuotaExceeded, "no space left in the quota above " + path);
        }
        return new PushPlan(path, parent, existing, allowance, holder);
    }

    /**
     * Reserves {@code bytes} (if known, else nothing yet) of an upload planned by {@code plan}
     * against its quota, next to the other uploads in progress there; QuotaExceeded when they do
     * not fit. The caller closes the reservation once the upload is committed or dropped.
     */
    public QuotaReservations.Reservation reserve(PushPlan plan, long bytes) {
        StoredNode h = plan.quotaHolder();
        QuotaReservations.Reservation r = reservations.open(h == null ? null : h.id(), h == null ? 0 : h.quota(),
                plan.existing() == null ? 0 : plan.existing().length());
        if (bytes > 0) {
            r.cover(bytes);
        }
        return r;
    }

    /** The nearest container in {@code chain} that has a quota, or null. */
    static StoredNode quotaHolder(List<StoredNode> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (chain.get(i).quota() != null) {
                return chain.get(i);
            }
        }
        return null;
    }

    /** Bytes still free under the nearest container in {@code chain} that has a quota (metadata counted). */
    public long remainingQuota(List<StoredNode> chain) {
        StoredNode holder = quotaHolder(chain);
        return holder == null ? Long.MAX_VALUE : holder.quota() - store.usage(holder.id());
    }

    /**
     * Commits received bytes to {@code path} as {@code caller}. Permissions and quota are checked
     * again (they may have changed while the bytes arrived), and once more by the store inside
     * the committing transaction. A new file is created with its content in one step, so no
     * crash leaves an empty file behind; when a concurrent upload created the name meanwhile,
     * this one replaces that content. On any failure the pending blob is discarded and the
     * previous content stays.
     */
    public Resolved commit(Caller caller, VosPath path, BlobPut pending) throws IOException {
        return commit(caller, path, pending, true);
    }

    /**
     * Same; with {@code mayReplace} false (the client sent {@code If-None-Match: *}) a file that
     * exists, or was created by a concurrent upload meanwhile, is kept and this upload refused
     * with PreconditionFailed: the store's create is the atomic check.
     */
    public Resolved commit(Caller caller, VosPath path, BlobPut pending, boolean mayReplace) throws IOException {
        String blobId = null;
        try {
            for (int attempt = 1;; attempt++) {
                PushPlan plan = planPush(caller, path);
                if (!mayReplace) {
                    refuseExisting(plan);
                }
                if (pending.length() > plan.maxBytes()) {
                    throw new VosFault(Fault.QuotaExceeded, "upload exceeds the remaining quota");
                }
                if (blobId == null) {
                    blobId = pending.commit();
                }
                StoredNode saved;
                try {
                    if (plan.existing() == null) {
                        saved = createWith(caller, plan, blobId, pending);
                        blobId = null; // the node's now: no failure below may delete it
                    } else {
                        Replaced replaced = replace(plan.existing().id(), blobId, pending);
                        blobId = null;
                        blobs.delete(replaced.previousBlobId());
                        saved = replaced.node();
                    }
                } catch (StoreRefusal.AlreadyExists | StoreRefusal.NotFound e) {
                    // created (or deleted) by someone else since the plan: plan again
                    if (attempt < 4) {
                        continue;
                    }
                    throw e;
                }
                return new Resolved(path, plan.parent().childChain(saved));
            }
        } catch (IOException | RuntimeException e) {
            pending.abort();
            if (blobId != null) {
                blobs.delete(blobId);
            }
            throw e;
        }
    }

    /** A replaced DataNode as committed, and the blob id it pointed at before (or null). */
    private record Replaced(StoredNode node, String previousBlobId) {
    }

    /**
     * Points an existing DataNode at new content and reads it back, in one unit of work: the node
     * returned is the one committed, and nothing of the store can fail after the commit.
     */
    private Replaced replace(long nodeId, String blobId, BlobPut pending) {
        long length = pending.length();
        String md5 = pending.md5Hex();
        Instant when = Instant.now();
        return store.inTransaction(tx -> {
            String previous = tx.commitContent(nodeId, blobId, length, md5, when);
            return new Replaced(tx.findById(nodeId).orElseThrow(), previous);
        });
    }

    /** PreconditionFailed when a push that may not replace finds something at its path. */
    public static void refuseExisting(PushPlan plan) {
        if (plan.existing() != null) {
            throw new VosFault(Fault.PreconditionFailed, plan.path() + " already exists (If-None-Match: *)");
        }
    }

    private StoredNode createWith(Caller caller, PushPlan plan, String blobId, BlobPut pending) {
        StoredNode inherited = nodes.inheritFrom(plan.parent().node(), NodeType.DATA);
        NewNode spec = new NewNode(plan.path().name(), NodeType.DATA, caller.user(), inherited.isPublic(),
                inherited.groupRead(), inherited.groupWrite(), false, false, null,
                ContentTypes.guess(plan.path().name()), null, null, java.util.Map.of());
        return store.createWithContent(plan.parent().node().id(), spec, blobId, pending.length(), pending.md5Hex());
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
