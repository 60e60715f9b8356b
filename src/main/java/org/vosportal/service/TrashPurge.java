package org.vosportal.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.vosportal.service.blob.BlobStore;
import org.vosportal.service.jobs.SubtreeWalker;
import org.vosportal.service.store.ContainerNotEmpty;
import org.vosportal.service.store.NodeStore;
import org.vosportal.service.store.StoreRefusal;
import org.vosportal.service.store.StoredNode;
import org.vosportal.vospace.Props;

/**
 * Empties what the portal's trash has kept longer than {@code portal.trash.retention}: the
 * children of each home's {@code .trash} container whose {@code trash#deletedAt} is older
 * (docs/ARCHITECTURE.md, "Trash"). It reads one index entry per home and the trash's own rows,
 * never the whole tree, and one run at a time (a run still going when the next is due is skipped),
 * on one of the instances sharing the database per period ({@code ThisInstance.once}).
 * Items without a readable date are left alone: only the portal's own deletions expire.
 */
@ApplicationScoped
public class TrashPurge {

    private static final Logger LOG = Logger.getLogger(TrashPurge.class);

    @Inject
    NodeStore store;

    @Inject
    BlobStore blobs;

    @ConfigProperty(name = "portal.trash.retention", defaultValue = "30d")
    Duration retention;

    @ConfigProperty(name = "portal.trash.purge-every", defaultValue = "1h")
    Duration every;

    @Inject
    org.vosportal.service.cluster.ThisInstance instance;

    @Scheduled(every = "${portal.trash.purge-every:1h}", delayed = "${portal.trash.purge-delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!instance.once("trash-purge", every)) {
            return; // another instance purges in this period
        }
        int purged = purge(Instant.now());
        if (purged > 0) {
            LOG.infof("trash: removed %d item(s) older than %s", purged, retention);
        }
    }

    /** Removes every trash item deleted before {@code now - retention}; returns how many. */
    public int purge(Instant now) {
        Instant limit = now.minus(retention);
        int[] purged = {0};
        SubtreeWalker.forEachChild(store, store.root().id(), () -> false, home -> {
            if (!home.isContainer()) {
                return;
            }
            store.findChild(home.id(), Props.TRASH_FOLDER).filter(StoredNode::isContainer).ifPresent(trash ->
                    SubtreeWalker.forEachChild(store, trash.id(), () -> false, item -> {
                        if (expired(item, limit) && deleteTree(item)) {
                            purged[0]++;
                        }
                    }));
        });
        return purged[0];
    }

    static boolean expired(StoredNode item, Instant limit) {
        String at = item.properties().get(Props.TRASH_DELETED_AT);
        if (at == null) {
            return false;
        }
        try {
            return Instant.parse(at.strip()).isBefore(limit);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Depth first, as the recursive delete does; false if something (appearing meanwhile) stayed. */
    private boolean deleteTree(StoredNode node) {
        boolean[] all = {true};
        if (node.isContainer()) {
            SubtreeWalker.forEachChild(store, node.id(), () -> false, child -> all[0] &= deleteTree(child));
        }
        if (!all[0]) {
            return false;
        }
        try {
            blobs.delete(store.delete(node.id()));
            return true;
        } catch (ContainerNotEmpty | StoreRefusal.NotFound e) {
            return false; // a child was added, or the node went meanwhile
        }
    }
}
