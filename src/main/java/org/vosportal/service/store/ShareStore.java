package org.vosportal.service.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The share-link registry (table {@code vos_share}, migration V4): only links made for sharing
 * are recorded, never the short-lived URLs of plain transfers. A node's links go with the node
 * when it is deleted. Every method is one transaction.
 */
public interface ShareStore {

    /** Records a new link; NodeNotFound when its node is gone meanwhile. */
    void insertShare(ShareLink link);

    Optional<ShareLink> findShare(String id);

    /** The links {@code creator} made that are active at {@code now}, the soonest to expire first. */
    List<ShareLink> activeSharesBy(String creator, Instant now, int limit);

    /** The links of one node that are active at {@code now}, the soonest to expire first. */
    List<ShareLink> activeSharesOf(long nodeId, Instant now, int limit);

    long countActiveSharesBy(String creator, Instant now);

    /** Deletes the links that expired before {@code before} (revoked or not); returns how many. */
    int purgeShares(Instant before);

    /** Marks a link revoked at {@code when}; false when there is no such link or it was revoked already. */
    boolean revokeShare(String id, Instant when);
}
