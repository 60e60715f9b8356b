package org.vosportal.service.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.vosportal.service.store.JdbcNodeStore.ListStatement;

/**
 * The statements of a keyset-paged listing of one container's children, in each order
 * ({@link ChildQuery}), each reading exactly one range of one of vos_node's
 * {@code (parent_id, ...)} indexes and stopping at the page's limit.
 */
final class ListingSql {

    private ListingSql() {
    }

    /**
     * The statements of a listing page, run in order until the limit is reached. One, except for
     * a start in date or length order: that takes two, the start's ties from its name on, then
     * the rows beyond its key, so that each reads exactly one index range. (A row-value
     * comparison would be one statement, but H2 bounds the index range by its first column only
     * and would scan every tie before the start: 100,000 empty files all tie.)
     */
    static List<ListStatement> statements(ChildQuery query, long parentId, JdbcNodeStore.Dialect dialect) {
        ChildQuery.SortKey sort = query.sort();
        String from = "SELECT " + NodeRows.COLS + " FROM vos_node" + dialect.listingIndexHint(sort)
                + " WHERE parent_id = ?";
        String order = orderBy(sort, query.descending());
        if (sort == ChildQuery.SortKey.FOLDERS_FIRST) {
            return foldersFirst(from, order, query, parentId);
        }
        if (query.startName() == null) {
            return List.of(new ListStatement(from + order, List.of(parentId)));
        }
        String ge = query.descending() ? " <= ?" : " >= ?";
        if (sort == ChildQuery.SortKey.NAME) {
            return List.of(new ListStatement(from + " AND name" + ge + order, List.of(parentId, query.startName())));
        }
        String column = sort == ChildQuery.SortKey.DATE ? "modified_at" : "content_length";
        long key = query.startKey();
        // "beyond k" is written ">= k + 1" ("<= k - 1" descending), exact for these integral keys
        // (dates are stored in whole milliseconds): H2 begins a "> k" range at k and steps over
        // every tie
        long beyond = query.descending() ? key - 1 : key + 1;
        return List.of(
                new ListStatement(from + " AND " + column + " = ? AND name" + ge + order,
                        List.of(parentId, keyParam(sort, key), query.startName())),
                new ListStatement(from + " AND " + column + ge + order, List.of(parentId, keyParam(sort, beyond))));
    }

    /**
     * Folders first in both directions: ascending is the sort_name index in order ('0' folders
     * before '1' the rest); descending reads the folders' range backwards, then the others'. A
     * start takes its ties (names equal but for case) from its name on, then what lies beyond its
     * sort_name ('>' steps over those few ties).
     */
    private static List<ListStatement> foldersFirst(String from, String order, ChildQuery query, long parentId) {
        String files = " AND sort_name >= '1'";
        if (!query.descending()) {
            if (query.startName() == null) {
                return List.of(new ListStatement(from + order, List.of(parentId)));
            }
            String key = NodeRows.sortName(query.startKey() == 0, query.startName());
            return List.of(
                    new ListStatement(from + " AND sort_name = ? AND name >= ?" + order, List.of(parentId, key, query.startName())),
                    new ListStatement(from + " AND sort_name > ?" + order, List.of(parentId, key)));
        }
        if (query.startName() == null) {
            return List.of(new ListStatement(from + " AND sort_name < '1'" + order, List.of(parentId)),
                    new ListStatement(from + files + order, List.of(parentId)));
        }
        boolean folder = query.startKey() == 0;
        String key = NodeRows.sortName(folder, query.startName());
        ListStatement ties = new ListStatement(from + " AND sort_name = ? AND name <= ?" + order,
                List.of(parentId, key, query.startName()));
        return folder
                ? List.of(ties, new ListStatement(from + " AND sort_name < ?" + order, List.of(parentId, key)),
                        new ListStatement(from + files + order, List.of(parentId)))
                : List.of(ties, new ListStatement(from + " AND sort_name < ?" + files + order, List.of(parentId, key)));
    }

    private static Object keyParam(ChildQuery.SortKey sort, long key) {
        return sort == ChildQuery.SortKey.DATE ? OffsetDateTime.ofInstant(Instant.ofEpochMilli(key), ZoneOffset.UTC)
                : (Object) key;
    }

    /**
     * parent_id leads the ORDER BY although it is constant: H2 only reads rows in index order
     * (stopping after LIMIT) when the ORDER BY matches the index columns from the first one;
     * without it H2 sorts every child. All keys share one direction so the index can be read
     * backwards for DESC. PostgreSQL is indifferent.
     */
    private static String orderBy(ChildQuery.SortKey sort, boolean descending) {
        String dir = descending ? " DESC" : "";
        return " ORDER BY parent_id" + dir + switch (sort) {
            case NAME -> ", name" + dir;
            case DATE -> ", modified_at" + dir + ", name" + dir;
            case LENGTH -> ", content_length" + dir + ", name" + dir;
            case FOLDERS_FIRST -> ", sort_name" + dir + ", name" + dir;
        };
    }
}
