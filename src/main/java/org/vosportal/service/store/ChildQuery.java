package org.vosportal.service.store;

import java.util.Objects;

/**
 * Which children to list. Paging is keyset on (sort key, name), names breaking ties: a page
 * starts at {@code startName} inclusive (VOSpace {@code uri=} semantics) in the query's order.
 * Sorted by date or length, the start also needs its row's sort value ({@code startKey}), which
 * the caller looks up (NodeListing answers 404 when the start row is gone); later batches of a
 * streamed listing reuse the last row's key, so a deletion meanwhile does not break them.
 *
 * @param startName  first name to return (inclusive), or null to start at the beginning
 * @param startKey   the start row's length, or its date in epoch milliseconds (the stored
 *                   precision); required with a start name when sorting by DATE or LENGTH
 * @param limit      maximum rows, or -1 for all
 * @param sort       ordering key
 * @param descending reverse order
 */
public record ChildQuery(String startName, Long startKey, int limit, SortKey sort, boolean descending) {

    /**
     * NAME: by name (code points); DATE, LENGTH: by that, then name; FOLDERS_FIRST: folders,
     * then the rest, each by name in lower case (then name): a file manager's name order, folders
     * first in descending order too. Its start key is 0 for a folder, 1 for anything else.
     */
    public enum SortKey { NAME, DATE, LENGTH, FOLDERS_FIRST }

    public ChildQuery {
        Objects.requireNonNull(sort, "sort");
        if (startName != null && sort != SortKey.NAME && startKey == null) {
            throw new IllegalArgumentException("a start in " + sort + " order needs the start row's key");
        }
    }

    /** A query without a sort value for its start: name order, or no start. */
    public ChildQuery(String startName, int limit, SortKey sort, boolean descending) {
        this(startName, null, limit, sort, descending);
    }

    public static ChildQuery all() {
        return new ChildQuery(null, -1, SortKey.NAME, false);
    }

    public static ChildQuery page(String startName, int limit) {
        return new ChildQuery(startName, limit, SortKey.NAME, false);
    }

    /** A page starting (inclusive) at an existing row, in any order. */
    public static ChildQuery from(StoredNode start, int limit, SortKey sort, boolean descending) {
        return new ChildQuery(start.name(), keyOf(start, sort), limit, sort, descending);
    }

    /** The value a row sorts by (null in name order). */
    public static Long keyOf(StoredNode n, SortKey sort) {
        return switch (sort) {
            case NAME -> null;
            case DATE -> n.modified().toEpochMilli();
            case LENGTH -> n.length();
            case FOLDERS_FIRST -> n.isContainer() ? 0L : 1L;
        };
    }
}
