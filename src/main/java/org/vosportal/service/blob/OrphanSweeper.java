package org.vosportal.service.blob;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.vosportal.service.store.NodeStore;

/**
 * Clean-up after a crash: removes what interrupted puts left and committed blobs that no node
 * references (a crash between the blob's commit and the database's), at start-up
 * ({@link #sweep}) and, while instances share a store, periodically in two passes
 * ({@link #suspects}, then {@link #confirm}). Only recent blobs are
 * looked at ({@link BlobStore#committedBetween}), so an object store is not listed whole; the
 * {@code check} command looks at all of them.
 */
public final class OrphanSweeper {

    /**
     * @param temporaryAge what puts left is removed once older than this (zero: all of it, right
     *                     for one instance at start; instances sharing a store keep the others'
     *                     uploads in progress with the upload idle limit)
     * @param window       blobs committed this long before now are looked at
     * @param grace        blobs younger than this are left alone: another instance may be
     *                     committing the node that points at one right now
     */
    public record Policy(Duration temporaryAge, Duration window, Duration grace) {
    }

    /** How many went. */
    public record Result(int temporary, int orphans) {
    }

    private OrphanSweeper() {
    }

    /**
     * Both passes at once: right when nothing else can be committing (one instance at its start);
     * the temporaries named in {@code spared} (open transactions') stay.
     */
    public static Result sweep(BlobStore blobs, NodeStore store, Policy policy, Set<String> spared) throws IOException {
        int temps = blobs.sweepTemporary(policy.temporaryAge(), spared);
        return new Result(temps, confirm(blobs, store, suspects(blobs, store, policy)));
    }

    /**
     * The first pass: blobs of the window ({@link Policy#window} back to {@link Policy#grace} ago)
     * that no node references now. While other instances run, one of them may be between a blob's
     * commit and its node's, so these are only suspects until {@link #confirm} looks again later.
     */
    public static Set<String> suspects(BlobStore blobs, NodeStore store, Policy policy) throws IOException {
        Instant now = Instant.now();
        Set<String> candidates = blobs.committedBetween(now.minus(policy.window()), now.minus(policy.grace()));
        Set<String> unreferenced = new HashSet<>(candidates);
        unreferenced.removeAll(store.referencedBlobIds(candidates));
        return unreferenced;
    }

    /** The second pass: deletes the suspects no node references now; returns how many went. */
    public static int confirm(BlobStore blobs, NodeStore store, Set<String> suspects) {
        if (suspects.isEmpty()) {
            return 0;
        }
        Set<String> orphans = new HashSet<>(suspects);
        orphans.removeAll(store.referencedBlobIds(suspects));
        orphans.forEach(blobs::delete);
        return orphans.size();
    }
}
