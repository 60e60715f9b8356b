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
import org.vosportal.service.blob.BlobPut;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;

/**
 * Open PUT transactions ({@code x-put-txn-id}): bytes received so far for one path, not yet
 * committed. Segments append to one {@link BlobPut}, one at a time; a revert goes back one
 * segment; idle transactions are dropped.
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

    /** One open transaction: its put, which only one segment at a time appends to. */
    public static final class Txn {
        final String id;
        final String user;
        final VosPath path;
        final long totalLength;
        final QuotaReservations.Reservation reservation;
        private final BlobPut put;
        volatile Instant touched = Instant.now();

        Txn(String id, String user, VosPath path, long totalLength, BlobPut put,
                QuotaReservations.Reservation reservation) {
            this.id = id;
            this.user = user;
            this.path = path;
            this.totalLength = totalLength;
            this.put = put;
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

        /** Bytes received so far. */
        public synchronized long length() {
            return put.length();
        }

        /** MD5 of the bytes received so far. */
        public synchronized String md5Hex() {
            return put.md5Hex();
        }

        /**
         * Appends a segment of {@code expected} bytes (any number when negative); a second segment
         * sent meanwhile waits for this one. A segment of another length is undone: InvalidData.
         * Returns the segment's length.
         */
        public synchronized long append(java.io.InputStream in, long maxBytes, long expected) throws java.io.IOException {
            long before = put.length();
            put.append(in, maxBytes);
            long got = put.length() - before;
            touched = Instant.now();
            if (expected >= 0 && got != expected) {
                put.undoLastAppend();
                throw new VosFault(Fault.InvalidData, "received " + got + " of " + expected + " bytes");
            }
            return got;
        }

        /** Goes back to the state before the last segment. */
        public synchronized void revert() throws java.io.IOException {
            if (!put.canUndo()) {
                throw VosFault.invalid("nothing to revert in transaction " + id);
            }
            put.undoLastAppend();
        }

        /** The put, for the commit (after which the transaction is closed). */
        public synchronized BlobPut put() {
            return put;
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
            BlobPut put;
            try {
                put = blobs.begin();
            } catch (java.io.IOException | RuntimeException e) {
                reservation.close();
                throw e;
            }
            Txn t = new Txn(UUID.randomUUID().toString().replace("-", ""), user, path, totalLength, put,
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

    /** Closes a transaction: removes it from the registry (its bytes are committed or discarded by the caller). */
    public void close(Txn t) {
        txns.remove(t.id);
        t.reservation.close();
    }

    public void abort(Txn t) {
        close(t);
        t.put().abort();
    }

    @Scheduled(every = "1h")
    void dropIdle() {
        Instant limit = Instant.now().minus(IDLE_LIMIT);
        txns.values().removeIf(t -> {
            if (t.touched.isBefore(limit)) {
                t.put().abort();
                t.reservation.close();
                return true;
            }
            return false;
        });
    }
}
