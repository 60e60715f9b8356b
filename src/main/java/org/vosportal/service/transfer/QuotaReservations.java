package org.vosportal.service.transfer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vosportal.service.store.NodeStore;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.VosFault;

/**
 * Bytes promised to uploads in flight and to open upload transactions. They count against the
 * quota of the container that holds it (a home) from the moment they are declared (or, for a body
 * of unknown length, as they arrive) until the upload is committed or dropped, so that two
 * uploads, or an open transaction and an upload, cannot together receive more than the quota
 * allows. The commit itself is checked again by the store, in its transaction.
 */
@ApplicationScoped
public class QuotaReservations {

    /** A body of unknown length reserves this much more each time it runs out. */
    static final long STEP = 1024 * 1024;

    @Inject
    NodeStore store;

    /** Bytes reserved under one quota holder; its monitor orders the reservations made there. */
    private static final class Holder {
        long reserved;
    }

    private final Map<Long, Holder> holders = new ConcurrentHashMap<>();

    /** What is reserved under a quota holder now. */
    public long reserved(long holderId) {
        Holder h = holders.get(holderId);
        if (h == null) {
            return 0;
        }
        synchronized (h) {
            return h.reserved;
        }
    }

    /**
     * A reservation (initially of nothing) for an upload under the quota of {@code holderId}
     * ({@code null}: no quota applies). The first {@code credit} bytes are free: they replace
     * content that is counted already.
     */
    public Reservation open(Long holderId, long quota, long credit) {
        return new Reservation(holderId == null ? null : holders.computeIfAbsent(holderId, k -> new Holder()),
                holderId == null ? 0 : holderId, quota, credit);
    }

    /** One upload's share; closing it gives the bytes back. */
    public final class Reservation implements AutoCloseable {
        private final Holder holder;
        private final long holderId;
        private final long quota;
        private final long credit;
        private long bytes;

        private Reservation(Holder holder, long holderId, long quota, long credit) {
            this.holder = holder;
            this.holderId = holderId;
            this.quota = quota;
            this.credit = credit;
        }

        /** Makes sure {@code total} bytes of this upload are reserved; QuotaExceeded when they do not fit. */
        public void cover(long total) {
            if (holder == null) {
                return;
            }
            synchronized (holder) {
                long need = Math.max(0, total - credit) - bytes;
                if (need <= 0) {
                    return;
                }
                long used = store.usage(holderId);
                if (used + holder.reserved + need > quota) {
                    throw new VosFault(Fault.QuotaExceeded, "not enough space left in the quota: " + used
                            + " of " + quota + " bytes are used and " + holder.reserved
                            + " are reserved by uploads in progress");
                }
                holder.reserved += need;
                bytes += need;
            }
        }

        /** The body, reserving as it is read beyond what is reserved already ({@code base} bytes precede it). */
        public InputStream meter(InputStream in, long base) {
            if (holder == null) {
                return in;
            }
            return new FilterInputStream(in) {
                private long read = base;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n = read(one, 0, 1);
                    return n < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        read += n;
                        grow(read);
                    }
                    return n;
                }
            };
        }

        private void grow(long total) {
            synchronized (holder) {
                if (total - credit <= bytes) {
                    return;
                }
            }
            try {
                cover(total + STEP);
            } catch (VosFault e) {
                cover(total); // the last step may not fit whole
            }
        }

        @Override
        public void close() {
            if (holder == null) {
                return;
            }
            synchronized (holder) {
                holder.reserved -= bytes;
                bytes = 0;
            }
        }
    }
}
