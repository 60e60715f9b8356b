package org.vosportal.service.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vosportal.vospace.VosPath;

/**
 * The operations on the node tree, offered twice: by the {@link NodeStore} itself, each call one
 * transaction, and by a unit of work ({@link NodeTx}, see {@link NodeStore#inTransaction}), all
 * its calls one transaction. Name uniqueness within a parent is enforced by the store: creating
 * or moving onto an existing name throws {@link StoreRefusal.AlreadyExists} (DuplicateNode).
 * Refusals are {@link StoreRefusal}s (VOSpace faults by kind), a delete of a non-empty container
 * is {@link ContainerNotEmpty}, and failures of the database are {@link NodeStoreException}s.
 */
public interface NodeOperations {

    /** The root container (created by the migration). */
    StoredNode root();

    Optional<StoredNode> findById(long id);

    Optional<StoredNode> findChild(long parentId, String name);

    /**
     * Resolves a path from the root: element 0 is the root, element i the node named by the i-th
     * name. Stops at the first missing name or at a non-container, so the result has
     * {@code path.depth() + 1} elements exactly when the whole path exists.
     */
    List<StoredNode> walk(VosPath path);

    /** Children of a container, ordered and paged as asked; properties are loaded too. */
    List<StoredNode> listChildren(long parentId, ChildQuery query);

    long countChildren(long parentId);

    /**
     * Creates a node under a container; length 0, no content. Its metadata cost
     * ({@link NodeCost}) counts against every ancestor's quota: QuotaExceeded when it does not fit.
     */
    StoredNode create(long parentId, NewNode node);

    /**
     * Creates a DataNode that already has content, in one transaction (an upload to a new name is
     * never visible as an empty file). Bytes and metadata cost are checked against every
     * ancestor's quota.
     */
    StoredNode createWithContent(long parentId, NewNode node, String blobId, long length, String md5);

    /** What counts against a container's quota: its bytes plus the metadata cost of it and below it. */
    long usage(long nodeId);

    /**
     * How full the quotas of the containers just below the root (the homes) are, summed; homes
     * using at least {@code nearFullFraction} of theirs are counted apart (the metrics' warning).
     */
    QuotaUse quotaUse(double nearFullFraction);

    /** Homes with a quota, the bytes (and metadata) they use and are allowed, and how many are nearly or quite full. */
    record QuotaUse(long homes, long usedBytes, long quotaBytes, long nearFull, long full) {
    }

    /** One node as {@link #scan} sees it, with the stored metadata cost of its subtree and its kept child count. */
    record ScannedNode(StoredNode node, long metaLength, long childCount) {
    }

    /** Every node (root first, then in id order), properties loaded; for the consistency check. */
    void scan(java.util.function.Consumer<ScannedNode> each);

    /**
     * Saves the mutable metadata of a node: public flag, groups, lock, inherit flag, content type and
     * encoding, quota, and the free-form properties (the given map replaces the stored one).
     * {@code modified} ({@code core#date}) is left alone: it dates the content, and a permission or
     * metadata change is not one (the listing's "Modified" column must not move when a folder is
     * shared).
     */
    StoredNode updateMetadata(StoredNode node);

    /**
     * Points a DataNode at new content and adds the size difference to every ancestor's length,
     * in one transaction. Returns the previous blob id (for the caller to delete), or null.
     */
    String commitContent(long nodeId, String blobId, long length, String md5, Instant when);

    /**
     * Moves and/or renames a node: metadata only, any subtree size. Lengths of the old and new
     * ancestors are adjusted. Throws DuplicateNode if the new parent already holds {@code newName},
     * QuotaExceeded (nothing moved) when the subtree's bytes and metadata do not fit in the quota
     * of an ancestor it is new to, checked in the moving transaction.
     */
    default StoredNode move(long nodeId, long newParentId, String newName, Instant when) {
        return move(nodeId, newParentId, newName, when, null);
    }

    /**
     * The same, and with {@code onlyOwner} not null PermissionDenied (nothing moved) unless that
     * user owns the node and every node below it, checked in the moving transaction: a node
     * created below it meanwhile cannot be carried along (a move into another home).
     */
    StoredNode move(long nodeId, long newParentId, String newName, Instant when, String onlyOwner);

    /**
     * Deletes one node that has no children (a non-empty container is refused with
     * {@link ContainerNotEmpty}, an IllegalStateException) and subtracts its length from its
     * ancestors. Returns its blob id or null.
     */
    String delete(long nodeId);

    /** Of the given blob ids, those some node still references (used by the start-up sweep). */
    Set<String> referencedBlobIds(Collection<String> blobIds);

    /**
     * The nodes from the root down to node {@code id} (root first, the node last; properties not
     * loaded); empty when there is no such node.
     */
    List<StoredNode> ancestry(long id);

    /**
     * Candidates for "shared with me": nodes whose groupread or groupwrite names one of
     * {@code groupNames} (a URI ending in {@code ?name}, whatever its authority: the caller
     * checks the authority), not owned by {@code notOwner}, whose parent does not name one of
     * them too (the files inside a shared folder are not listed again); newest first (id
     * descending) from below {@code beforeId}, at most {@code limit}. Properties are not loaded.
     * The group test is a text match (no index serves it), so a page reads vos_node down the
     * primary key until {@code limit} rows matched; the Authorizer decides what the caller gets.
     */
    List<StoredNode> groupShared(Collection<String> groupNames, String notOwner, long beforeId, int limit);

    /** A search hit: the node (properties not loaded) and its tree path (root id first). */
    record Found(StoredNode node, String treePath) {
        /** The ids from the root down to the node, as the tree path names them. */
        public List<Long> ids() {
            List<Long> out = new java.util.ArrayList<>();
            for (String part : treePath.split("/")) {
                if (!part.isEmpty()) {
                    out.add(Long.parseLong(part));
                }
            }
            return out;
        }
    }

    /**
     * Metadata search (see {@link SearchQuery}): one statement over the index range of the folder's
     * subtree in vos_node's tree path index, or from the (uri, value) indexes of vos_node_prop when
     * the database prefers; properties not loaded. The caller decides what the user may see.
     */
    List<Found> search(SearchQuery query);

    /** The tree path of a node ('/1/5/77/': ids from the root), or null when there is no such node. */
    String treePathOf(long id);

    /** The nodes with these ids that exist (properties not loaded), by id. */
    java.util.Map<Long, StoredNode> byIds(Collection<Long> ids);
}
