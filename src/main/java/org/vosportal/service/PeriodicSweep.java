package org.vosportal.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.vosportal.service.blob.BlobStore;
import org.vosportal.service.blob.OrphanSweeper;
import org.vosportal.service.cluster.ThisInstance;
import org.vosportal.service.store.NodeStore;
import org.vosportal.service.transfer.UploadTxns;

/**
 * The sweep of {@link ServiceBeans}' start-up, for instances that share a store: the start-up
 * sweep is skipped while another instance runs (and with rolling restarts one always does), so
 * what a crashed instance left would stay for good. One instance a period ({@link ThisInstance#once})
 * removes temporaries older than the upload idle limit, and deletes the blobs of the crash window
 * that no node references, twice seen unreferenced {@code sweep-confirm-after} apart: an upload
 * between its blob's commit and its node's on another instance has its node by then.
 */
@ApplicationScoped
public class PeriodicSweep {

    private static final Logger LOG = Logger.getLogger(PeriodicSweep.class);
    /** Older than any upload in progress: idle transactions are dropped after a day. */
    static final Duration TEMPORARY_FLOOR = UploadTxns.IDLE_LIMIT.plusHours(1);

    @Inject
    ServiceConfig config;

    @Inject
    BlobStore blobs;

    @Inject
    NodeStore store;

    @Inject
    ThisInstance instance;

    @Inject
    UploadTxns txns;

    private final ScheduledExecutorService confirmations = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "orphan-confirm");
        t.setDaemon(true);
        return t;
    });

    @Scheduled(every = "${vospace.service.blob.sweep-every:6h}", delayed = "${vospace.service.blob.sweep-every:6h}",
            skipExecutionIf = NotSharing.class, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        ServiceConfig.Blob b = config.blob();
        if (!instance.once("blob-sweep", b.sweepEvery())) {
            return; // another instance sweeps in this period
        }
        try {
            Duration age = b.temporaryMaxAge().compareTo(TEMPORARY_FLOOR) > 0 ? b.temporaryMaxAge() : TEMPORARY_FLOOR;
            int temps = blobs.sweepTemporary(age, txns.heldTemporaries()); // open transactions' stay, however old
            Set<String> suspects = OrphanSweeper.suspects(blobs, store,
                    new OrphanSweeper.Policy(age, b.orphanWindow(), b.orphanGrace()));
            if (temps > 0) {
                LOG.infof("periodic sweep removed %d temporary uploads older than %s", temps, age);
            }
            if (!suspects.isEmpty()) {
                confirmations.schedule(() -> confirm(suspects), b.sweepConfirmAfter().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("periodic sweep failed (the next period tries again): %s", e.getMessage());
        }
    }

    private void confirm(Set<String> suspects) {
        try {
            int n = OrphanSweeper.confirm(blobs, store, suspects);
            if (n > 0) {
                LOG.infof("periodic sweep removed %d orphan blobs", n);
            }
        } catch (RuntimeException e) {
            LOG.warnf("periodic sweep could not confirm %d suspect blobs: %s", suspects.size(), e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        confirmations.shutdownNow();
    }

    /** Skips the periodic sweep on a database only this process can open: the start-up sweep covers it. */
    @ApplicationScoped
    public static class NotSharing implements Scheduled.SkipPredicate {
        @Inject
        ThisInstance instance;

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return instance.alone();
        }
    }
}
