package org.vosportal.service.store;

/**
 * The node tree as one unit of work sees it ({@link NodeStore#inTransaction}): the same
 * operations as the store, all in one transaction, each seeing the writes made before it in the
 * unit. Valid only while the unit runs, on its thread.
 */
public interface NodeTx extends NodeOperations {
}
