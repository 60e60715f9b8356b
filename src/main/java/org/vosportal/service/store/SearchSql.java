package org.vosportal.service.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.vosportal.service.store.JdbcNodeStore.SearchStatement;

/**
 * The statements that find nodes across the tree: the metadata search below a folder
 * ({@link SearchQuery}) and "shared with me" (nodes naming one of the caller's groups).
 */
final class SearchSql {

    /** Most groups one "shared with me" query asks about (a token rarely carries more). */
    static final int MAX_SHARE_GROUPS = 100;

    private SearchSql() {
    }

    /**
     * The subtree is the range (under, end of under) of vos_node_tree_path, read in order from the
     * cursor and stopped at the limit; names are matched on sort_name (the lower-cased name after
     * one character: folder or not); the first property comparison is a join (vos_node_prop's
     * (uri, value_key) / (uri, num_value) index, or its primary key (node, uri) from the range),
     * each other condition an EXISTS. (node, uri) is the primary key: the join repeats no node.
     * The tree path is the column after {@link NodeRows#COLS}.
     */
    static SearchStatement search(SearchQuery q) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (String col : NodeRows.COLS.split(",")) {
            sql.append(sql.length() > 7 ? ", n." : "n.").append(col.trim());
        }
        List<Object> params = new ArrayList<>();
        // the first comparison is a join, so either database may start from vos_node_prop's index
        // (a rare value) or from the subtree's range (a common one) as its statistics say
        SearchQuery.PropCondition driving = q.props().stream().filter(p -> p.op() != SearchQuery.Op.ANY)
                .findFirst().orElse(null);
        sql.append(", n.tree_path FROM vos_node n");
        if (driving != null) {
            sql.append(" JOIN vos_node_prop p0 ON p0.node_id = n.id AND p0.uri = ?");
            params.add(driving.uri());
            if (driving.number() != null) {
                sql.append(" AND p0.num_value ").append(driving.op().sql()).append(" ?");
                params.add(driving.number());
            } else {
                sql.append(" AND p0.value_key = ? AND p0.prop_value = ?");
                params.add(NodeProperties.valueKey(driving.text()));
                params.add(driving.text());
            }
        }
        sql.append(" WHERE n.tree_path > ? AND n.tree_path < ?");
        String after = q.after() != null && q.after().compareTo(q.under()) > 0 ? q.after() : q.under();
        params.add(after);
        params.add(TreePaths.subtreeEnd(q.under()));
        if (q.namePattern() != null) {
            sql.append(" AND n.sort_name LIKE ? ESCAPE '!'");
            params.add("_" + q.namePattern());
        }
        for (SearchQuery.PropCondition p : q.props()) {
            if (p == driving) {
                continue;
            }
            sql.append(" AND EXISTS (SELECT 1 FROM vos_node_prop p WHERE p.node_id = n.id AND p.uri = ?");
            params.add(p.uri());
            if (p.op() == SearchQuery.Op.ANY) {
                sql.append(")");
            } else if (p.number() != null) {
                sql.append(" AND p.num_value ").append(p.op().sql()).append(" ?)");
                params.add(p.number());
            } else {
                sql.append(" AND p.value_key = ? AND p.prop_value = ?)");
                params.add(NodeProperties.valueKey(p.text()));
                params.add(p.text());
            }
        }
        sql.append(" ORDER BY n.tree_path LIMIT ?");
        params.add(q.limit());
        return new SearchStatement(sql.toString(), params);
    }

    /**
     * "Shared with me" for {@code groups} groups: parameters are the id bound, the owner left
     * out, the groups' patterns ({@link #groupPattern}), the owner again, the patterns again, the
     * limit.
     */
    static String groupShared(int groups) {
        return "SELECT " + NodeRows.COLS + " FROM vos_node WHERE id < ? AND parent_id IS NOT NULL"
                + " AND (owner IS NULL OR owner <> ?) AND " + namesAny("vos_node", groups)
                + " AND NOT EXISTS (SELECT 1 FROM vos_node p WHERE p.id = vos_node.parent_id"
                + " AND (p.owner IS NULL OR p.owner <> ?) AND " + namesAny("p", groups) + ")"
                + " ORDER BY id DESC LIMIT ?";
    }

    /**
     * "The node's groupread or groupwrite names one of n groups": each list is space-separated
     * URIs, so with a space on either side a group {@code g} is the text {@code ?g } in it.
     */
    private static String namesAny(String table, int n) {
        String lists = "(' ' || COALESCE(" + table + ".group_read, '') || ' ' || COALESCE(" + table
                + ".group_write, '') || ' ')";
        return "(" + String.join(" OR ", Collections.nCopies(n, lists + " LIKE ? ESCAPE '!'")) + ")";
    }

    /** The LIKE pattern of {@link #namesAny} for one group name, its wildcards taken literally. */
    static String groupPattern(String name) {
        return "%?" + name.replace("!", "!!").replace("%", "!%").replace("_", "!_") + " %";
    }
}
