package org.vosportal.service.store;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The node tree of the embedded service: structure, permissions and metadata (bytes live in the
 * BlobStore). Every operation ({@link NodeOperations}) called on the store is one transaction;
 * {@link #inTransaction} makes several one. Implementations must pass NodeStoreContract.
 */
public interface NodeStore extends NodeOperations {

    /**
     * Runs {@code work} as one unit of work: every operation it calls on the given {@link NodeTx}
     * is one transaction, committed when {@code work} returns and rolled back when it throws, so a
     * caller can change several nodes atomically instead of writing undo code. Returns what
     * {@code work} returns.
     *
     * <p>Retries: when the unit meets a concurrent change (a serialization failure, a deadlock,
     * the tree changed under its locks, or {@code work} itself throws
     * {@link NodeStoreException.Retryable}) the whole unit is rolled back and {@code work} is run
     * again from the start, up to a few times, then {@link NodeStoreException.Busy}. So
     * {@code work} must have no effect outside the database (no blob writes, no messages, no
     * counters it cannot reset): everything it does besides the store's operations may happen
     * more than once.
     *
     * <p>A failed operation fails the unit: once an operation of the unit threw, further
     * operations throw IllegalStateException, and the unit is rolled back and rethrows that
     * failure even if {@code work} caught it and returned.
     *
     * <p>The {@code NodeTx} is valid only inside {@code work} and on its thread. Store calls made
     * on that thread while the unit runs (also a nested {@code inTransaction}) join the unit.
     * Locks taken by the unit's writes (every length-changing write locks the root row) are held
     * until it ends: keep units short.
     */
    <T> T inTransaction(Function<NodeTx, T> work);

    /** {@link #inTransaction(Function)} for work that returns nothing. */
    default void inTransactionDo(Consumer<NodeTx> work) {
        inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }
}
