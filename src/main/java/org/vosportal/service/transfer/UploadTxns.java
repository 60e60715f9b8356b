package org.vosportal.service.transfer;

import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.vosportal.service.ServiceConfig;
import org.vosportal.service.blob.BlobPut;
import org.vosportal.service.blob.BlobStore;
import org.vosportal.service.cluster.ServiceDatabase;
import org.vosportal.service.cluster.ThisInstance;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;

/**
 * Open PUT transactions ({@code x-put-txn-id}): bytes received so far for one path, not yet
 * committed. Each is a row of {@code vos_upload_txn} holding its put's suspended state
 * ({@link BlobPut#suspend}), so any instance sharing the database and the blob store can append
 * the next segment, revert one, commit or abort: whichever does takes the transaction's claim (a
 * lease, renewed while a segment streams), resumes the put unless it holds the latest version
 * already, and saves the new state. A second segment meanwhile waits for the first.
 *
 * <p>Quota: the instance that opened a transaction reserves its declared total until it ends;
 * one that goes on with it reserves there too (reservations are per instance; the commit's
 * quota check in the database is the one that holds). A user may have only so many open.
 */
@ApplicationScoped
public class UploadTxns {

    private static final Logger LOG = Logger.getLogger(UploadTxns.class);
    /** An open transaction no request touched this long is dropped. */
    public static final Duration IDLE_LIMIT = Duration.ofHours(24);
    /** How long a claim lasts unless renewed: a crashed instance's claim frees itself this soon. */
    static final Duration CLAIM = Duration.ofMinutes(2);
    private static final Duration RENEW_EVERY = Duration.ofSeconds(30);
    /** How long a request waits for another segment of the same transaction to finish. */
    static final Duration CLAIM_WAIT = Duration.ofSeconds(30);

    @Inject
    BlobStore blobs;

    @Inject
    ServiceConfig config;

    @Inject
    ServiceDatabase database;

    @Inject
    ThisInstance instance;

    private volatile UploadTxnRows rows;

    /** The puts this instance holds, by transaction id: resumed only when another instance moved on. */
    private final Map<String, Txn> here = new ConcurrentHashMap<>();

    /** One open transaction as this instance knows it. */
    public static final class Txn {
        final String id;
        final VosPath path;
        final long totalLength;
        private BlobPut put;
        private int version;
        private long length;
        private String md5Hex;
        private QuotaReservations.Reservation reservation;

        Txn(UploadTxnRows.Row row, BlobPut put, QuotaReservations.Reservation reservation) {
            this.id = row.id();
            this.path = VosPath.parse(row.path());
            this.totalLength = row.totalLength();
            this.put = put;
            this.version = row.version();
            this.length = row.received();
            this.md5Hex = row.md5Hex();
            this.reservation = reservation;
        }

        public String id() {
            return id;
        }

        public VosPath path() {
            return path;
        }

        public long totalLength() {
            return totalLength;
        }

        /** Bytes received so far. */
        public synchronized long length() {
            return length;
        }

        /** MD5 of the bytes received so far. */
        public synchronized String md5Hex() {
            return md5Hex;
        }

        /** This instance's quota reservation for the transaction, made by {@code reserve} the first time. */
        public synchronized QuotaReservations.Reservation reservation(Supplier<QuotaReservations.Reservation> reserve) {
            if (reservation == null) {
                reservation = reserve.get();
            }
            return reservation;
        }

        synchronized void closeReservation() {
            if (reservation != null) {
                reservation.close();
                reservation = null;
            }
        }
    }

    /** A change to a transaction's put, run while holding its claim on its latest version. */
    @FunctionalInterface
    public interface Change<T> {
        T apply(BlobPut put) throws IOException;
    }

    private UploadTxnRows rows() {
        UploadTxnRows r = rows;
        if (r == null) {
            r = new UploadTxnRows(database.dataSource());
            rows = r;
        }
        return r;
    }

    /**
     * Opens a transaction for {@code user} with an empty put (resumable anywhere when the total is
     * declared, as segmented uploads do), taking over the reservation (closed here if the user has
     * too many open already: QuotaExceeded).
     */
    public Txn open(String user, VosPath path, long totalLength, QuotaReservations.Reservation reservation)
            throws IOException {
        BlobPut put = null;
        try {
            int open = rows().openBy(user);
            if (open >= config.maxOpenUploadTransactions()) {
                throw new VosFault(Fault.QuotaExceeded, user + " has " + open + " upload transactions open, the most"
                        + " allowed; commit or abort one (or wait a day for idle ones to be dropped) first");
            }
            put = totalLength >= 0 ? blobs.beginResumable() : blobs.begin();
            UploadTxnRows.Row row = new UploadTxnRows.Row(UUID.randomUUID().toString().replace("-", ""), user,
                    path.toString(), totalLength, 0, put.md5Hex(), put.suspend(), 0, Instant.now());
            rows().insert(row);
            Txn t = new Txn(row, put, reservation);
            here.put(t.id, t);
            return t;
        } catch (IOException | RuntimeException e) {
            reservation.close();
            if (put != null) {
                put.abort();
            }
            throw e;
        }
    }

    /** The transaction for an id, which must belong to the same path as the URL used. */
    public Txn get(String id, VosPath path) {
        UploadTxnRows.Row row = row(id, path);
        Txn t = here.get(row.id());
        if (t == null) {
            t = new Txn(row, null, null); // its put is resumed when a change needs it
            Txn raced = here.putIfAbsent(t.id, t);
            t = raced != null ? raced : t;
        }
        synchronized (t) {
            if (t.version != row.version()) { // another instance went on: the row says how far
                refresh(t, row);
            }
        }
        return t;
    }

    private UploadTxnRows.Row row(String id, VosPath path) {
        Optional<UploadTxnRows.Row> row = id == null ? Optional.empty() : rows().find(id.trim());
        if (row.isEmpty() || !VosPath.parse(row.get().path()).equals(path)) {
            throw new VosFault(Fault.InvalidArgument, "unknown or expired put transaction " + id);
        }
        return row.get();
    }

    /** Drops this instance's copy of the put, which the row has overtaken. */
    private static void refresh(Txn t, UploadTxnRows.Row row) {
        if (t.put != null) {
            t.put.release();
            t.put = null;
        }
        t.version = row.version();
        t.length = row.received();
        t.md5Hex = row.md5Hex();
    }

    /**
     * Appends a segment of {@code expected} bytes (any number when negative). A segment of another
     * length is undone: InvalidData. Returns the segment's length.
     */
    public long append(Txn t, InputStream in, long maxBytes, long expected) throws IOException {
        return change(t, true, (put, claim) -> {
            if (!put.appendable()) {
                throw VosFault.invalid("put transaction " + t.id + " was started with its whole body on another"
                        + " instance: it can be committed or aborted, not continued");
            }
            long before = put.length();
            put.append(claim.renewing(in), maxBytes);
            long got = put.length() - before;
            if (expected >= 0 && got != expected) {
                put.undoLastAppend();
                save(t, put);
                throw new VosFault(Fault.InvalidData, "received " + got + " of " + expected + " bytes");
            }
            return got;
        });
    }

    /** Goes back to the state before the last segment. */
    public void revert(Txn t) throws IOException {
        change(t, true, (put, claim) -> {
            if (!put.canUndo()) {
                throw VosFault.invalid("nothing to revert in transaction " + t.id);
            }
            put.undoLastAppend();
            return null;
        });
    }

    /**
     * Commits: {@code commit} gets the put with all its bytes and makes the node of it. The
     * transaction is closed afterwards, whether that worked or not (as the client then starts over).
     */
    public <T> T commit(Txn t, Change<T> commit) throws IOException {
        return change(t, false, (put, claim) -> {
            try {
                return commit.apply(put);
            } finally {
                forget(t);
            }
        });
    }

    public void abort(Txn t) throws IOException {
        change(t, false, (put, claim) -> {
            put.abort();
            forget(t);
            return null;
        });
    }

    @FunctionalInterface
    private interface ClaimedChange<T> {
        T apply(BlobPut put, Claim claim) throws IOException;
    }

    /** Runs {@code change} on the latest put of {@code t} under its claim; saves the put after when asked. */
    private <T> T change(Txn t, boolean saveAfter, ClaimedChange<T> change) throws IOException {
        try (Claim claim = claim(t.id)) {
            synchronized (t) {
                UploadTxnRows.Row row = row(t.id, t.path);
                if (t.version != row.version() || t.put == null) {
                    refresh(t, row);
                    t.put = resume(row);
                }
                T result;
                try {
                    result = change.apply(t.put, claim);
                } catch (IOException | RuntimeException e) {
                    // the copy here may differ from the row now (a failed append drops its undo
                    // point): the next change resumes from the row, which still holds
                    t.put.release();
                    t.put = null;
                    throw e;
                }
                if (saveAfter) {
                    save(t, t.put);
                }
                return result;
            }
        }
    }

    /** The row's put on this instance; a put whose bytes are gone (swept) closes the transaction. */
    private BlobPut resume(UploadTxnRows.Row row) throws IOException {
        try {
            return blobs.resume(row.putState());
        } catch (java.nio.file.NoSuchFileException | IllegalArgumentException e) {
            rows().delete(row.id());
            throw new VosFault(Fault.InvalidArgument, "unknown or expired put transaction " + row.id()
                    + ": the bytes received so far are gone; start the upload again");
        }
    }

    /**
     * Forgets every open transaction: the start-up sweep of a single instance has just removed the
     * bytes of all of them (its clients start again, as "unknown or expired").
     */
    public int forgetAll() {
        here.clear();
        return rows().deleteAll();
    }

    /**
     * What the open transactions' saved puts hold in the blob store ({@link BlobStore#heldBy}):
     * the sweeps spare these, however long ago their upload began.
     */
    public Set<String> heldTemporaries() {
        Set<String> held = new HashSet<>();
        for (String state : rows().putStates()) {
            try {
                held.addAll(blobs.heldBy(state));
            } catch (IllegalArgumentException e) { // another backend's state, or junk: nothing of ours to spare
                LOG.warnf("an upload transaction's saved state names nothing in this blob store: %s", e.getMessage());
            }
        }
        return held;
    }

    private void save(Txn t, BlobPut put) throws IOException {
        String state = put.suspend();
        Instant now = Instant.now();
        if (!rows().update(t.id, t.version, put.length(), put.md5Hex(), state, now)) {
            // only the claim holder writes, so this means the claim ran out under a stalled request
            throw new VosFault(Fault.ServiceBusy, "put transaction " + t.id + " changed meanwhile; send the segment again");
        }
        t.version++;
        t.length = put.length();
        t.md5Hex = put.md5Hex();
    }

    private void forget(Txn t) {
        rows().delete(t.id);
        here.remove(t.id);
        t.closeReservation();
    }

    // ------------------------------------------------------------------ claims

    /** The right to change one transaction, as a lease; renewed while a segment streams. */
    final class Claim implements AutoCloseable {
        private final String name;
        private final String holder = instance.name() + "/" + UUID.randomUUID().toString().substring(0, 8);
        private volatile Instant renewed;

        Claim(String id) {
            this.name = "upload-txn:" + id;
        }

        boolean take() {
            Instant now = Instant.now();
            if (instance.leases().take(name, holder, now, now.plus(CLAIM))) {
                renewed = now;
                return true;
            }
            return false;
        }

        /** {@code in}, renewing the claim as the bytes keep coming. */
        InputStream renewing(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    renewIfDue();
                    return super.read(b, off, len);
                }

                @Override
                public int read() throws IOException {
                    renewIfDue();
                    return super.read();
                }
            };
        }

        private void renewIfDue() throws IOException {
            if (Duration.between(renewed, Instant.now()).compareTo(RENEW_EVERY) > 0 && !take()) {
                throw new IOException("the claim on " + name + " ran out: another request took the transaction over");
            }
        }

        @Override
        public void close() {
            try {
                instance.leases().release(name, holder);
            } catch (RuntimeException e) {
                LOG.warnf("could not release %s (it runs out by itself): %s", name, e.getMessage());
            }
        }
    }

    private Claim claim(String id) {
        Claim c = new Claim(id);
        Instant giveUp = Instant.now().plus(CLAIM_WAIT);
        while (!c.take()) {
            if (Instant.now().isAfter(giveUp)) {
                throw new VosFault(Fault.ServiceBusy, "another segment of put transaction " + id
                        + " is being received; send this one again when it has arrived");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VosFault(Fault.ServiceBusy, "interrupted while waiting for put transaction " + id);
            }
        }
        return c;
    }

    /**
     * Lets go of every put this instance holds (their local spool files); each is resumed from its
     * row when next used, as on an instance that did not open it. At shutdown, and in tests.
     */
    @PreDestroy
    public void releaseCopies() {
        for (Txn t : here.values()) {
            synchronized (t) {
                if (t.put != null) {
                    t.put.release();
                    t.put = null;
                }
            }
        }
    }

    // ------------------------------------------------------------------ idle ones

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dropIdle() {
        if (instance.once("upload-txn-idle", Duration.ofHours(1))) {
            dropIdle(Instant.now().minus(IDLE_LIMIT));
        }
        // copies of transactions that ended or moved on elsewhere
        here.values().removeIf(t -> {
            Optional<UploadTxnRows.Row> row = rows().find(t.id);
            synchronized (t) {
                if (row.isPresent() && row.get().version() == t.version) {
                    return false;
                }
                if (t.put != null) {
                    t.put.release();
                    t.put = null;
                }
                t.closeReservation();
                return true;
            }
        });
    }

    /** Aborts the transactions idle since before {@code limit}; returns how many. */
    int dropIdle(Instant limit) {
        int dropped = 0;
        for (UploadTxnRows.Row row : rows().idleSince(limit, 1000)) {
            try {
                Txn t = get(row.id(), VosPath.parse(row.path()));
                abort(t);
                dropped++;
            } catch (IOException | RuntimeException e) {
                LOG.warnf("could not drop idle put transaction %s: %s", row.id(), e.getMessage());
                rows().delete(row.id()); // its bytes are swept as temporary leftovers
            }
        }
        return dropped;
    }
}
