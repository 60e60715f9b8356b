package org.vosportal.service.store;

/**
 * A failure of the node store itself, not a refusal of the request (refusals are
 * {@link StoreRefusal}s): the database is unreachable, a statement failed, the schema is not what
 * the store expects. Answered InternalFault and logged ({@link StoreFaults}).
 *
 * <p>Two kinds are transient: {@link Retryable} (a serialization failure, a deadlock, the tree
 * changed under the locks) re-runs the whole unit of work ({@link NodeStore#inTransaction}), and
 * {@link Busy} is what is left when the attempts ran out (ServiceBusy: try again later).
 */
public sealed class NodeStoreException extends RuntimeException
        permits NodeStoreException.Retryable, NodeStoreException.Busy {

    public NodeStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The unit of work met a concurrent change and may simply be run again: the store re-runs the
     * whole unit when this ends it, whether a store operation raised it or the unit's own code
     * did (an optimistic check that found the data changed). Never escapes the store: after the
     * last attempt it becomes {@link Busy}.
     */
    public static final class Retryable extends NodeStoreException {
        public Retryable(String message, Throwable cause) {
            super(message, cause);
        }

        public Retryable(String message) {
            super(message, null);
        }
    }

    /** A unit of work kept meeting concurrent changes and was given up; nothing of it was kept. */
    public static final class Busy extends NodeStoreException {
        public Busy(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
