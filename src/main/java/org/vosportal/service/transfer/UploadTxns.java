package org.vosportal.service.transfer;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.vosportal.service.ServiceConfig;
import org.vosportal.service.blob.BlobStore;
import org.vosportal.service.blob.PendingBlob;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;

/**
 * Open PUT transactions ({@code x-put-txn-id}): bytes received so far for one path, not yet
 * committed. Segments append; a revert goes back one segment; idle transactions are dropped.
 * Each holds a quota reservation (its declared total, or what it has received) until it is
 * committed, aborted or dropped, and a user may have only so many open at once.
 */
@ApplicationScoped
public class UploadTxns {

    static final Duration IDLE_LIMIT = Duration.ofHours(24);

    @Inject
    BlobStore blobs;

    @Inject
    ServiceConfig config;

    /** One open transaction; {@code previous} is the state before the last segment (for revert). */
    public static final class Txn {
        final String id;
        final String user;
        final VosPath path;
        final long totalLength;
        final QuotaReservations.Reservation reservation;
        PendingBlob pending;
        PendingBlob previous;
        Instant touched = Instant.now();

        Txn(String id, String user, VosPath path, long totalLength, PendingBlob pending,
                QuotaReservations.Reservation reservation) {
            this.id = id;
            this.user = user;
            this.path = path;
            this.totalLength = totalLength;
            this.pending = pending;
            this.reservation = reservation;
        }

        /** The quota reservation of this transaction's bytes. */
        public QuotaReservations.Reservation reservation() {
            return reservation;
        }

        public String id() {
            return id;
        }

        public VosPath path() {
            return path;
        }

        public synchronized PendingBlob pending() {
            return pending;
        }

        public long totalLength() {
            return totalLength;
        }
    }

    private final Map<String, Txn> txns = new ConcurrentHashMap<>();

    /**
     * Opens a transaction for {@code user} with an empty pending blob, taking over the
     * reservation (closed here if the user has too many open already: QuotaExceeded).
     */
    public Txn open(String user, VosPath path, long totalLength, QuotaReservations.Reservation reservation)
            throws java.io.IOException {
        synchronized (this) {
            long open = txns.values().stream().filter(t -> t.user.equals(user)).count();
            if (open >= config.maxOpenUploadTransactions()) {
                reservation.close();
                throw new VosFault(Fault.QuotaExceeded, user + " has " + open + " upload transactions open, the most"
                        + " allowed; commit or abort one (or wait a day for idle ones to be dropped) first");
            }
            PendingBlob pending;
            try {
                pending = blobs.begin();
            } catch (java.io.IOException | RuntimeException e) {
                reservation.close();
                throw e;
            }
            Txn t = new Txn(UUID.randomUUID().toString().replace("-", ""), user, path, totalLength, pending,
                    reservation);
            txns.put(t.id, t);
            return t;
        }
    }

    /** The transaction for an id, which must belong to the same path as the URL used. */
    public Txn get(String id, VosPath path) {
        Txn t = id == null ? null : txns.get(id.trim());
        if (t == null || !t.path.equals(path)) {
            throw new VosFault(Fault.InvalidArgument, "unknown or expired put transaction " + id);
        }
        t.touched = Instant.now();
        return t;
    }

    public synchronized void advance(Txn t, PendingBlob next) {
        synchronized (t) {
            t.previous = t.pending;
            t.pending = next;
        }
    }

    /** Goes back to the state before the last segment. */
    public PendingBlob revert(Txn t) throws java.io.IOException {
        synchronized (t) {
            if (t.previous == null) {
                throw VosFault.invalid("nothing to revert in transaction " + t.id);
            }
            t.pending = blobs.revert(t.pending, t.previous);
            t.previous = null;
            return t.pending;
        }
    }

    /** Closes a transaction: removes it from the registry (its bytes are committed or discarded by the caller). */
    public void close(Txn t) {
        txns.remove(t.id);
        t.reservation.close();
    }

    public void abort(Txn t) {
        close(t);
        blobs.discard(t.pending());
    }

    @Scheduled(every = "1h")
    void dropIdle() {
        Instant limit = Instant.now().minus(IDLE_LIMIT);
        txns.values().removeIf(t -> {
            if (t.touched.isBefore(limit)) {
                blobs.discard(t.pending());
                t.reservation.close();
                return true;
            }
            return false;
        });
    }
}
