package org.vosportal.service.store;

/**
 * Which children to list. Paging is keyset on name: {@code startName} is inclusive (VOSpace
 * {@code uri=} semantics) and only combines with {@link SortKey#NAME}.
 *
 * @param startName  first name to return (inclusive), or null to start at the beginning
 * @param limit      maximum rows, or -1 for all
 * @param sort       ordering key
 * @param descending reverse order
 */
public record ChildQuery(String startName, int limit, SortKey sort, boolean descending) {

    public enum SortKey { NAME, DATE, LENGTH }

    public static ChildQuery all() {
        return new ChildQuery(null, -1, SortKey.NAME, false);
    }

    public static ChildQuery page(String startName, int limit) {
        return new ChildQuery(startName, limit, SortKey.NAME, false);
    }
}
