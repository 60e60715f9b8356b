package org.vosportal.service.blob;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.vosportal.service.store.NodeStore;

/**
 * Start-up clean-up after a crash: removes temporary uploads and committed blobs that no node
 * references (a crash between renaming the blob into place and committing the database row).
 */
public final class OrphanSweeper {

    /** How many files went. */
    public record Result(int temporary, int orphans) {
    }

    private OrphanSweeper() {
    }

    public static Result sweep(BlobStore blobs, NodeStore store) throws IOException {
        int temps = blobs.sweepTemporary();
        Set<String> all = blobs.list();
        Set<String> orphans = new HashSet<>(all);
        orphans.removeAll(store.referencedBlobIds(all));
        orphans.forEach(blobs::delete);
        return new Result(temps, orphans.size());
    }
}
