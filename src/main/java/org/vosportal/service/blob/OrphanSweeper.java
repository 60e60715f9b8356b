package org.vosportal.service.blob;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.vosportal.service.store.NodeStore;

/**
 * Start-up clean-up after a crash: removes what interrupted puts left and committed blobs that no
 * node references (a crash between the blob's commit and the database's). Only recent blobs are
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

    public static Result sweep(BlobStore blobs, NodeStore store, Policy policy) throws IOException {
        int temps = blobs.sweepTemporary(policy.temporaryAge());
        Instant now = Instant.now();
        Set<String> candidates = blobs.committedBetween(now.minus(policy.window()), now.minus(policy.grace()));
        Set<String> orphans = new HashSet<>(candidates);
        orphans.removeAll(store.referencedBlobIds(candidates));
        orphans.forEach(blobs::delete);
        return new Result(temps, orphans.size());
    }
}
