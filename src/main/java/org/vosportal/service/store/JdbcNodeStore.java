package org.vosportal.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;

/**
 * NodeStore over plain JDBC, for H2 2.x and PostgreSQL 15 (schema in {@code db/migration/<db>/}).
 *
 * <p>Every public method runs in one transaction on its own connection (autocommit off, commit or
 * rollback, connection closed). Operations that change lengths up the tree (create, commitContent,
 * updateMetadata, move, delete: bytes, or the metadata cost of {@link NodeCost}) lock every row
 * they will touch before changing anything: first the root, then — with the root held, so no
 * concurrent move can change them — the node's ancestry (plus the new parent's for a move), one
 * row at a time in ascending id order. All such transactions thus take their locks in one global
 * order and never deadlock; they do serialise on the root row, which each of them updates anyway
 * (its lengths are the totals). Quotas are checked under those locks. Reads take no locks.
 *
 * <p>Timestamps are stored as {@code TIMESTAMP(3) WITH TIME ZONE}, written in UTC and truncated to
 * milliseconds first, so what is read back equals what was written.
 */
public class JdbcNodeStore implements NodeStore, ShareStore {

    static final String COLS = "id, parent_id, name, node_type, owner, is_public, group_read, group_write, "
            + "is_locked, inherit_perms, link_target, content_length, content_md5, content_type, content_encoding, "
            + "blob_id, quota, created_at, modified_at";

    /** Deepest chain walked before deciding the tree is corrupt (VosPath allows 64 levels). */
    private static final int MAX_CHAIN = 256;
    /** Largest IN list sent in one statement. */
    private static final int IN_CHUNK = 1000;
    private static final int MAX_RETRIES = 8;

    private final DataSource dataSource;
    private final Clock clock;
    private volatile Long rootId;
    private volatile Dialect dialect;

    public JdbcNodeStore(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public JdbcNodeStore(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ------------------------------------------------------------------------------------ reads

    @Override
    public StoredNode root() {
        return tx(c -> withProps(c, rootRow(c)));
    }

    @Override
    public Optional<StoredNode> findById(long id) {
        return tx(c -> {
            StoredNode n = row(c, id);
            return n == null ? Optional.empty() : Optional.of(withProps(c, n));
        });
    }

    @Override
    public Optional<StoredNode> findChild(long parentId, String name) {
        Objects.requireNonNull(name, "name");
        return tx(c -> {
            StoredNode n = childRow(c, parentId, name);
            return n == null ? Optional.empty() : Optional.of(withProps(c, n));
        });
    }

    @Override
    public List<StoredNode> walk(VosPath path) {
        return tx(c -> {
            List<StoredNode> out = new ArrayList<>(path.depth() + 1);
            StoredNode current = rootRow(c);
            out.add(current);
            for (String name : path.names()) {
                if (!current.isContainer()) {
                    break;
                }
                StoredNode next = childRow(c, current.id(), name);
                if (next == null) {
                    break;
                }
                out.add(next);
                current = next;
            }
            return attachProps(c, out, null);
        });
    }

    @Override
    public List<StoredNode> listChildren(long parentId, ChildQuery query) {
        Objects.requireNonNull(query, "query");
        if (query.limit() == 0) {
            return List.of();
        }
        return tx(c -> {
            List<StoredNode> rows = new ArrayList<>(query.limit() > 0 ? Math.min(query.limit(), 1024) : 64);
            for (ListStatement s : listStatements(query, parentId, dialect(c))) {
                int want = query.limit() < 0 ? -1 : query.limit() - rows.size();
                if (want == 0) {
                    break;
                }
                try (PreparedStatement ps = s.prepare(c, want); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(read(rs));
                    }
                }
            }
            return attachProps(c, rows, parentId);
        });
    }

    /** One listing statement and its parameters; a positive limit is bound last. */
    record ListStatement(String sql, List<Object> params) {
        PreparedStatement prepare(Connection c, int limit) throws SQLException {
            PreparedStatement ps = c.prepareStatement(limit > 0 ? sql + " LIMIT ?" : sql);
            int i = 1;
            for (Object p : params) {
                ps.setObject(i++, p);
            }
            if (limit > 0) {
                ps.setInt(i, limit);
            }
            return ps;
        }
    }

    /**
     * The statements of a listing page, run in order until the limit is reached. One, except for
     * a start in date or length order: that takes two, the start's ties from its name on, then
     * the rows beyond its key, so that each reads exactly one index range. (A row-value
     * comparison would be one statement, but H2 bounds the index range by its first column only
     * and would scan every tie before the start: 100,000 empty files all tie.) Package-visible so
     * the tests can check the plans.
     */
    static List<ListStatement> listStatements(ChildQuery query, long parentId, Dialect dialect) {
        ChildQuery.SortKey sort = query.sort();
        String from = "SELECT " + COLS + " FROM vos_node" + (dialect == Dialect.H2 ? useIndex(sort) : "")
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
            String key = sortName(query.startKey() == 0, query.startName());
            return List.of(
                    new ListStatement(from + " AND sort_name = ? AND name >= ?" + order, List.of(parentId, key, query.startName())),
                    new ListStatement(from + " AND sort_name > ?" + order, List.of(parentId, key)));
        }
        if (query.startName() == null) {
            return List.of(new ListStatement(from + " AND sort_name < '1'" + order, List.of(parentId)),
                    new ListStatement(from + files + order, List.of(parentId)));
        }
        boolean folder = query.startKey() == 0;
        String key = sortName(folder, query.startName());
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

    /** H2 may otherwise pick its foreign-key index on parent_id alone and sort every child. */
    private static String useIndex(ChildQuery.SortKey sort) {
        return switch (sort) {
            case NAME -> " USE INDEX (vos_node_parent_name)";
            case DATE -> " USE INDEX (vos_node_parent_modified)";
            case LENGTH -> " USE INDEX (vos_node_parent_length)";
            case FOLDERS_FIRST -> " USE INDEX (vos_node_parent_sort_name)";
        };
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

    /**
     * A child's place in the folders-first order: '0' for a folder, '1' for anything else, then
     * the name in lower case (names equal but for case are ordered by the name itself).
     */
    static String sortName(boolean container, String name) {
        return (container ? "0" : "1") + name.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public long countChildren(long parentId) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM vos_node WHERE parent_id = ?")) {
                ps.setLong(1, parentId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public Set<String> referencedBlobIds(Collection<String> blobIds) {
        List<String> ids = blobIds.stream().filter(Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return Set.of();
        }
        return tx(c -> {
            Set<String> found = new HashSet<>();
            for (int from = 0; from < ids.size(); from += IN_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
                String sql = "SELECT DISTINCT blob_id FROM vos_node WHERE blob_id IN (" + marks(chunk.size()) + ")";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(rs.getString(1));
                        }
                    }
                }
            }
            return Set.copyOf(found);
        });
    }

    @Override
    public long usage(long nodeId) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT content_length + meta_length FROM vos_node WHERE id = ?")) {
                ps.setLong(1, nodeId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new VosFault(Fault.NodeNotFound, "no node with id " + nodeId);
                    }
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * Streams the nodes in id order with their properties: two cursors (nodes, properties by
     * node id) merged, one read-only transaction.
     */
    @Override
    public void scan(Consumer<ScannedNode> each) {
        tx(c -> {
            try (PreparedStatement nodes = c.prepareStatement(
                    "SELECT " + COLS + ", meta_length FROM vos_node ORDER BY id");
                    PreparedStatement props = c.prepareStatement(
                            "SELECT node_id, uri, prop_value FROM vos_node_prop ORDER BY node_id, uri")) {
                nodes.setFetchSize(1000);
                props.setFetchSize(1000);
                try (ResultSet n = nodes.executeQuery(); ResultSet p = props.executeQuery()) {
                    boolean moreProps = p.next();
                    while (n.next()) {
                        StoredNode node = read(n);
                        long meta = n.getLong(20);
                        Map<String, String> own = new HashMap<>();
                        while (moreProps && p.getLong(1) <= node.id()) {
                            if (p.getLong(1) == node.id()) {
                                own.put(p.getString(2), p.getString(3));
                            }
                            moreProps = p.next();
                        }
                        each.accept(new ScannedNode(own.isEmpty() ? node : withProperties(node, own), meta));
                    }
                }
            }
            return null;
        });
    }

    // ---------------------------------------------------------------------------------- writes

    @Override
    public StoredNode create(long parentId, NewNode node) {
        return insert(parentId, node, null, 0, null);
    }

    @Override
    public StoredNode createWithContent(long parentId, NewNode node, String blobId, long length, String md5) {
        if (node.type() != NodeType.DATA) {
            throw new IllegalArgumentException("only a DataNode has content");
        }
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        return insert(parentId, node, Objects.requireNonNull(blobId, "blobId"), length, md5);
    }

    /**
     * Inserts a node, with content or without, and charges its bytes and metadata cost to every
     * ancestor in the same transaction, refused when that would exceed a quota. The ancestry is
     * locked as for commitContent; that also keeps a concurrent delete of the parent (which
     * checks for children under the same locks) from leaving an orphan, which H2's foreign key
     * check alone would not see.
     */
    private StoredNode insert(long parentId, NewNode node, String blobId, long length, String md5) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(node.type(), "node type");
        VosPath.checkName(node.name());
        String groupRead = joinGroups(node.groupRead());
        String groupWrite = joinGroups(node.groupWrite());
        checkProps(node.properties());
        long cost = NodeCost.of(node);
        Instant now = now();
        return tx(c -> {
            List<Long> chain = lockChains(c, parentId).get(0);
            StoredNode parent = chain.isEmpty() ? null : row(c, parentId);
            if (parent == null) {
                throw new VosFault(Fault.ContainerNotFound, "no node with id " + parentId);
            }
            if (!parent.isContainer()) {
                throw new VosFault(Fault.ContainerNotFound, "'" + parent.name() + "' is not a container");
            }
            if (childRow(c, parentId, node.name()) != null) {
                throw new VosFault(Fault.DuplicateNode, node.name());
            }
            Map<Long, Long> bytes = new TreeMap<>();
            Map<Long, Long> meta = new TreeMap<>();
            for (Long ancestor : chain) {
                bytes.put(ancestor, length);
                meta.put(ancestor, cost);
            }
            checkQuotas(c, bytes, meta);
            long id;
            String sql = "INSERT INTO vos_node (parent_id, name, node_type, owner, is_public, group_read, group_write,"
                    + " is_locked, inherit_perms, link_target, content_length, content_type, content_encoding, quota,"
                    + " created_at, modified_at, blob_id, content_md5, meta_length, sort_name, tree_path)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            String parentPath = treePath(c, parentId);
            try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, parentId);
                ps.setString(2, node.name());
                ps.setString(3, String.valueOf(node.type().code()));
                ps.setString(4, node.owner());
                ps.setBoolean(5, node.isPublic());
                ps.setString(6, groupRead);
                ps.setString(7, groupWrite);
                ps.setBoolean(8, node.locked());
                ps.setBoolean(9, node.inheritPermissions());
                ps.setString(10, node.linkTarget());
                ps.setLong(11, length);
                ps.setString(12, node.contentType());
                ps.setString(13, node.contentEncoding());
                setLongOrNull(ps, 14, node.quota());
                setInstant(ps, 15, now);
                setInstant(ps, 16, now);
                ps.setString(17, blobId);
                ps.setString(18, md5);
                ps.setLong(19, cost);
                ps.setString(20, sortName(node.type() == org.vosportal.vospace.NodeType.CONTAINER, node.name()));
                // until the id is known: unique among the parent's children (one insert at a time under
                // the root's lock), never a valid tree path (those hold digits and slashes only)
                ps.setString(21, parentPath + "~" + node.name());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("no generated id returned for the new node");
                    }
                    id = keys.getLong("id");
                }
            } catch (SQLException e) {
                if (isUniqueViolation(e)) {
                    throw new VosFault(Fault.DuplicateNode, node.name());
                }
                if (isForeignKeyViolation(e)) {
                    throw new VosFault(Fault.ContainerNotFound, "no node with id " + parentId);
                }
                throw e;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE vos_node SET tree_path = ? WHERE id = ?")) {
                ps.setString(1, parentPath + id + "/");
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            insertProps(c, id, node.properties());
            addLengths(c, bytes, meta);
            return withProps(c, row(c, id));
        });
    }

    @Override
    public StoredNode updateMetadata(StoredNode node) {
        Objects.requireNonNull(node, "node");
        String groupRead = joinGroups(node.groupRead());
        String groupWrite = joinGroups(node.groupWrite());
        checkProps(node.properties());
        return tx(c -> {
            // the metadata cost may change, and with it the usage of every ancestor (and its own)
            List<Long> chain = lockChains(c, node.id()).get(0);
            if (chain.isEmpty()) {
                throw new VosFault(Fault.NodeNotFound, "no node with id " + node.id());
            }
            StoredNode before = withProps(c, row(c, node.id()));
            long delta = NodeCost.of(node.groupRead(), node.groupWrite(), before.linkTarget(), node.properties())
                    - NodeCost.of(before);
            Map<Long, Long> meta = new TreeMap<>();
            for (Long id : chain) {
                meta.put(id, delta);
            }
            checkQuotas(c, Map.of(), meta);
            String sql = "UPDATE vos_node SET is_public = ?, group_read = ?, group_write = ?, is_locked = ?,"
                    + " inherit_perms = ?, content_type = ?, content_encoding = ?, quota = ? WHERE id = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setBoolean(1, node.isPublic());
                ps.setString(2, groupRead);
                ps.setString(3, groupWrite);
                ps.setBoolean(4, node.locked());
                ps.setBoolean(5, node.inheritPermissions());
                ps.setString(6, node.contentType());
                ps.setString(7, node.contentEncoding());
                setLongOrNull(ps, 8, node.quota());
                ps.setLong(9, node.id());
                if (ps.executeUpdate() == 0) {
                    throw new VosFault(Fault.NodeNotFound, "no node with id " + node.id());
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM vos_node_prop WHERE node_id = ?")) {
                ps.setLong(1, node.id());
                ps.executeUpdate();
            }
            insertProps(c, node.id(), node.properties());
            addLengths(c, Map.of(), meta);
            return withProps(c, row(c, node.id()));
        });
    }

    @Override
    public String commitContent(long nodeId, String blobId, long length, String md5, Instant when) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        Instant modified = millis(when);
        return tx(c -> {
            List<Long> chain = lockChains(c, nodeId).get(0);
            if (chain.isEmpty()) {
                throw new VosFault(Fault.NodeNotFound, "no node with id " + nodeId);
            }
            StoredNode n = row(c, nodeId);
            if (!n.isData()) {
                throw new IllegalArgumentException("node " + nodeId + " is not a DataNode");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE vos_node SET blob_id = ?, content_length = ?,"
                    + " content_md5 = ?, modified_at = ? WHERE id = ?")) {
                ps.setString(1, blobId);
                ps.setLong(2, length);
                ps.setString(3, md5);
                setInstant(ps, 4, modified);
                ps.setLong(5, nodeId);
                ps.executeUpdate();
            }
            long delta = length - n.length();
            Map<Long, Long> deltas = new TreeMap<>();
            for (Long ancestor : chain.subList(1, chain.size())) {
                deltas.merge(ancestor, delta, Long::sum);
            }
            checkQuotas(c, deltas, Map.of());
            addLengths(c, deltas, Map.of());
            return n.blobId();
        });
    }

    /**
     * Refuses growth beyond the quota of any (already locked) node: for each node with a quota
     * whose bytes plus metadata grow, {@code content_length + meta_length + growth <= quota}.
     * Runs inside the changing transaction, so concurrent changes cannot together overshoot a
     * quota. Shrinking is always allowed, even above a quota.
     */
    private static void checkQuotas(Connection c, Map<Long, Long> bytes, Map<Long, Long> meta) throws SQLException {
        Map<Long, Long> growth = new TreeMap<>(bytes);
        meta.forEach((id, d) -> growth.merge(id, d, Long::sum));
        growth.values().removeIf(d -> d <= 0);
        if (growth.isEmpty()) {
            return;
        }
        List<Long> ids = new ArrayList<>(growth.keySet());
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name, quota, content_length + meta_length"
                + " FROM vos_node WHERE id IN (" + marks(ids.size()) + ") AND quota IS NOT NULL")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(4) + growth.get(rs.getLong(1)) > rs.getLong(3)) {
                        throw new VosFault(Fault.QuotaExceeded, "the quota of '" + rs.getString(2) + "' would be exceeded");
                    }
                }
            }
        }
    }

    @Override
    public StoredNode move(long nodeId, long newParentId, String newName, Instant when, String onlyOwner) {
        VosPath.checkName(newName);
        Instant modified = millis(when);
        return tx(c -> {
            List<List<Long>> chains = lockChains(c, nodeId, newParentId);
            List<Long> source = chains.get(0);
            if (source.isEmpty()) {
                throw new VosFault(Fault.NodeNotFound, "no node with id " + nodeId);
            }
            if (source.size() == 1) {
                throw VosFault.invalid("the root cannot be moved");
            }
            List<Long> target = chains.get(1);
            if (target.isEmpty()) {
                throw new VosFault(Fault.ContainerNotFound, "no node with id " + newParentId);
            }
            if (target.contains(nodeId)) {
                throw VosFault.invalid("cannot move a node into itself or below itself");
            }
            StoredNode node = row(c, nodeId);
            StoredNode newParent = row(c, newParentId);
            if (!newParent.isContainer()) {
                throw new VosFault(Fault.ContainerNotFound, "'" + newParent.name() + "' is not a container");
            }
            // under the root lock every create waits, so the subtree checked is the one that moves
            if (onlyOwner != null && ownedByOtherThan(c, nodeId, onlyOwner)) {
                throw VosFault.denied("only the owner of '" + node.name() + "' and of everything in it may move it"
                        + " to another home");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE vos_node SET parent_id = ?, name = ?, modified_at = ?, sort_name = ? WHERE id = ?")) {
                ps.setLong(1, newParentId);
                ps.setString(2, newName);
                setInstant(ps, 3, modified);
                ps.setString(4, sortName(node.isContainer(), newName));
                ps.setLong(5, nodeId);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (isUniqueViolation(e)) {
                    throw new VosFault(Fault.DuplicateNode, newName);
                }
                throw e;
            }
            String oldPath = treePath(c, nodeId);
            String newPath = treePath(c, newParentId) + nodeId + "/";
            if (!oldPath.equals(newPath)) {
                // the moved subtree is the range of its old path; nothing else starts with the new one
                try (PreparedStatement ps = c.prepareStatement("UPDATE vos_node SET tree_path = ? || SUBSTRING(tree_path FROM ?)"
                        + " WHERE tree_path >= ? AND tree_path < ?")) {
                    ps.setString(1, newPath);
                    ps.setInt(2, oldPath.length() + 1);
                    ps.setString(3, oldPath);
                    ps.setString(4, subtreeEnd(oldPath));
                    ps.executeUpdate();
                }
            }
            long meta = metaLength(c, nodeId);
            Map<Long, Long> bytes = new TreeMap<>();
            Map<Long, Long> metas = new TreeMap<>();
            for (Long ancestor : source.subList(1, source.size())) {
                bytes.merge(ancestor, -node.length(), Long::sum);
                metas.merge(ancestor, -meta, Long::sum);
            }
            for (Long ancestor : target) {
                bytes.merge(ancestor, node.length(), Long::sum);
                metas.merge(ancestor, meta, Long::sum);
            }
            // only the ancestors the node is new to grow (common ones net to zero)
            checkQuotas(c, bytes, metas);
            addLengths(c, bytes, metas);
            return withProps(c, row(c, nodeId));
        });
    }

    @Override
    public String delete(long nodeId) {
        return tx(c -> {
            List<Long> chain = lockChains(c, nodeId).get(0);
            if (chain.isEmpty()) {
                throw new VosFault(Fault.NodeNotFound, "no node with id " + nodeId);
            }
            if (chain.size() == 1) {
                throw new IllegalArgumentException("the root cannot be deleted");
            }
            StoredNode node = row(c, nodeId);
            if (hasChildren(c, nodeId)) {
                throw new IllegalStateException("container '" + node.name() + "' is not empty");
            }
            long meta = metaLength(c, nodeId);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM vos_node WHERE id = ?")) {
                ps.setLong(1, nodeId);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (isForeignKeyViolation(e)) { // a child was created meanwhile
                    throw new IllegalStateException("container '" + node.name() + "' is not empty");
                }
                throw e;
            }
            Map<Long, Long> bytes = new TreeMap<>();
            Map<Long, Long> metas = new TreeMap<>();
            for (Long ancestor : chain.subList(1, chain.size())) {
                bytes.merge(ancestor, -node.length(), Long::sum);
                metas.merge(ancestor, -meta, Long::sum);
            }
            addLengths(c, bytes, metas);
            return node.blobId();
        });
    }

    // --------------------------------------------------------------- sharing: who, and links

    @Override
    public List<StoredNode> ancestry(long id) {
        return tx(c -> {
            List<Long> ids = ancestry(c, id);
            if (ids.isEmpty()) {
                return List.of();
            }
            Map<Long, StoredNode> byId = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM vos_node WHERE id IN ("
                    + marks(ids.size()) + ")")) {
                for (int i = 0; i < ids.size(); i++) {
                    ps.setLong(i + 1, ids.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StoredNode n = read(rs);
                        byId.put(n.id(), n);
                    }
                }
            }
            List<StoredNode> chain = new ArrayList<>(ids.size());
            for (int i = ids.size() - 1; i >= 0; i--) {
                StoredNode n = byId.get(ids.get(i));
                if (n == null) {
                    throw new ChainChanged(); // moved or deleted between the two statements
                }
                chain.add(n);
            }
            return chain;
        });
    }

    // ---------------------------------------------------------------------------------- search

    @Override
    public List<Found> search(SearchQuery q) {
        if (q.limit() <= 0) {
            return List.of();
        }
        SearchStatement st = searchStatement(q);
        return tx(c -> {
            List<Found> out = new ArrayList<>();
            try (PreparedStatement ps = st.prepare(c)) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Found(read(rs), rs.getString(COLS.split(",").length + 1)));
                    }
                }
            }
            return out;
        });
    }

    /** One search statement and its parameters (the database tests explain it). */
    record SearchStatement(String sql, List<Object> params) {
        PreparedStatement prepare(Connection c) throws SQLException {
            PreparedStatement ps = c.prepareStatement(sql);
            for (int i = 0; i < params.size(); i++) {
                Object v = params.get(i);
                if (v instanceof Double d) {
                    ps.setDouble(i + 1, d);
                } else if (v instanceof Integer n) {
                    ps.setInt(i + 1, n);
                } else {
                    ps.setString(i + 1, (String) v);
                }
            }
            return ps;
        }
    }

    /**
     * The subtree is the range (under, end of under) of vos_node_tree_path, read in order from the
     * cursor and stopped at the limit; names are matched on sort_name (the lower-cased name after
     * one character: folder or not); the first property comparison is a join (vos_node_prop's
     * (uri, value_key) / (uri, num_value) index, or its primary key (node, uri) from the range),
     * each other condition an EXISTS. (node, uri) is the primary key: the join repeats no node.
     */
    static SearchStatement searchStatement(SearchQuery q) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (String col : COLS.split(",")) {
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
                params.add(valueKey(driving.text()));
                params.add(driving.text());
            }
        }
        sql.append(" WHERE n.tree_path > ? AND n.tree_path < ?");
        String after = q.after() != null && q.after().compareTo(q.under()) > 0 ? q.after() : q.under();
        params.add(after);
        params.add(subtreeEnd(q.under()));
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
                params.add(valueKey(p.text()));
                params.add(p.text());
            }
        }
        sql.append(" ORDER BY n.tree_path LIMIT ?");
        params.add(q.limit());
        return new SearchStatement(sql.toString(), params);
    }

    /** The first string after every tree path that starts with {@code prefix} (which ends in '/'). */
    public static String subtreeEnd(String prefix) {
        return prefix.substring(0, prefix.length() - 1) + "0";
    }

    @Override
    public String treePathOf(long id) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT tree_path FROM vos_node WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    @Override
    public Map<Long, StoredNode> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Long> all = new ArrayList<>(new LinkedHashSet<>(ids));
        return tx(c -> {
            Map<Long, StoredNode> out = new HashMap<>();
            for (int from = 0; from < all.size(); from += IN_CHUNK) {
                List<Long> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
                try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM vos_node WHERE id IN ("
                        + marks(chunk.size()) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setLong(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            StoredNode n = read(rs);
                            out.put(n.id(), n);
                        }
                    }
                }
            }
            return out;
        });
    }

    private static String treePath(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT tree_path FROM vos_node WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new VosFault(Fault.ContainerNotFound, "no node with id " + id);
                }
                return rs.getString(1);
            }
        }
    }

    /** Longest value prefix the (uri, value_key) index holds (V6). */
    static final int VALUE_KEY_CHARS = 256;

    static String valueKey(String value) {
        if (value.length() <= VALUE_KEY_CHARS) {
            return value;
        }
        int end = VALUE_KEY_CHARS;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--; // never half a character
        }
        return value.substring(0, end);
    }

    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]{1,2})?");

    /**
     * The value as a number when the whole value is one (the same rule as V6's migration: an
     * optional sign, digits with an optional fraction, an optional exponent of one or two digits,
     * at most 40 characters), else null. Such a number always fits a double.
     */
    public static Double numberOf(String value) {
        if (value == null || value.length() > 40 || !NUMBER.matcher(value).matches()) {
            return null;
        }
        return Double.parseDouble(value);
    }

    /** Most groups one "shared with me" query asks about (a token rarely carries more). */
    static final int MAX_SHARE_GROUPS = 100;

    @Override
    public List<StoredNode> groupShared(Collection<String> groupNames, String notOwner, long beforeId, int limit) {
        List<String> names = groupNames.stream().filter(g -> g != null && !g.isBlank()).distinct()
                .limit(MAX_SHARE_GROUPS).toList();
        if (names.isEmpty() || limit <= 0) {
            return List.of();
        }
        String sql = "SELECT " + COLS + " FROM vos_node WHERE id < ? AND parent_id IS NOT NULL"
                + " AND (owner IS NULL OR owner <> ?) AND " + namesAny("vos_node", names.size())
                + " AND NOT EXISTS (SELECT 1 FROM vos_node p WHERE p.id = vos_node.parent_id"
                + " AND (p.owner IS NULL OR p.owner <> ?) AND " + namesAny("p", names.size()) + ")"
                + " ORDER BY id DESC LIMIT ?";
        return tx(c -> {
            List<StoredNode> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setLong(i++, beforeId);
                ps.setString(i++, notOwner == null ? "" : notOwner);
                for (String g : names) {
                    ps.setString(i++, groupPattern(g));
                }
                ps.setString(i++, notOwner == null ? "" : notOwner);
                for (String g : names) {
                    ps.setString(i++, groupPattern(g));
                }
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
            }
            return out;
        });
    }

    /**
     * "The node's groupread or groupwrite names one of n groups": each list is space-separated
     * URIs, so with a space on either side a group {@code g} is the text {@code ?g } in it.
     */
    private static String namesAny(String table, int n) {
        String lists = "(' ' || COALESCE(" + table + ".group_read, '') || ' ' || COALESCE(" + table
                + ".group_write, '') || ' ')";
        return "(" + String.join(" OR ", java.util.Collections.nCopies(n, lists + " LIKE ? ESCAPE '!'")) + ")";
    }

    /** The LIKE pattern of {@link #namesAny} for one group name, its wildcards taken literally. */
    static String groupPattern(String name) {
        return "%?" + name.replace("!", "!!").replace("%", "!%").replace("_", "!_") + " %";
    }

    private static final String SHARE_COLS = "id, node_id, node_path, node_md5, created_by, created_at, expires_at,"
            + " revoked_at";

    @Override
    public void insertShare(ShareLink link) {
        tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO vos_share (" + SHARE_COLS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, link.id());
                ps.setLong(2, link.nodeId());
                ps.setString(3, link.path().toString());
                ps.setString(4, link.md5());
                ps.setString(5, link.creator());
                setInstant(ps, 6, millis(link.created()));
                setInstant(ps, 7, millis(link.expires()));
                if (link.revoked() == null) {
                    ps.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    setInstant(ps, 8, millis(link.revoked()));
                }
                ps.executeUpdate();
            } catch (SQLException e) {
                if (isForeignKeyViolation(e)) {
                    throw new VosFault(Fault.NodeNotFound, link.path().toString());
                }
                throw e;
            }
            return null;
        });
    }

    @Override
    public Optional<ShareLink> findShare(String id) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SHARE_COLS + " FROM vos_share WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(readShare(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<ShareLink> activeSharesBy(String creator, Instant now, int limit) {
        return activeShares("created_by = ?", creator, now, limit);
    }

    @Override
    public List<ShareLink> activeSharesOf(long nodeId, Instant now, int limit) {
        return activeShares("node_id = ?", nodeId, now, limit);
    }

    private List<ShareLink> activeShares(String which, Object key, Instant now, int limit) {
        return tx(c -> {
            List<ShareLink> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SHARE_COLS + " FROM vos_share WHERE " + which
                    + " AND expires_at > ? AND revoked_at IS NULL ORDER BY expires_at, id LIMIT ?")) {
                ps.setObject(1, key);
                setInstant(ps, 2, millis(now));
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(readShare(rs));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public long countActiveSharesBy(String creator, Instant now) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM vos_share WHERE created_by = ?"
                    + " AND expires_at > ? AND revoked_at IS NULL")) {
                ps.setString(1, creator);
                setInstant(ps, 2, millis(now));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public boolean revokeShare(String id, Instant when) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE vos_share SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                setInstant(ps, 1, millis(when));
                ps.setString(2, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int purgeShares(Instant before) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM vos_share WHERE expires_at < ?")) {
                setInstant(ps, 1, millis(before));
                return ps.executeUpdate();
            }
        });
    }

    private static ShareLink readShare(ResultSet rs) throws SQLException {
        OffsetDateTime revoked = rs.getObject(8, OffsetDateTime.class);
        return new ShareLink(rs.getString(1), rs.getLong(2), VosPath.parse(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant(),
                rs.getObject(7, OffsetDateTime.class).toInstant(), revoked == null ? null : revoked.toInstant());
    }

    // ------------------------------------------------------------------------- row primitives

    private StoredNode rootRow(Connection c) throws SQLException {
        Long id = rootId;
        if (id != null) {
            StoredNode n = row(c, id);
            if (n != null) {
                return n;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM vos_node WHERE parent_id IS NULL")) {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NodeStoreException("the root node is missing (was the schema migrated?)", null);
                }
                StoredNode root = read(rs);
                if (rs.next()) {
                    throw new NodeStoreException("more than one root node in vos_node", null);
                }
                rootId = root.id();
                return root;
            }
        }
    }

    private static StoredNode row(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM vos_node WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    private static StoredNode childRow(Connection c, long parentId, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLS + " FROM vos_node WHERE parent_id = ? AND name = ?")) {
            ps.setLong(1, parentId);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    private static boolean hasChildren(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM vos_node WHERE parent_id = ? LIMIT 1")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static StoredNode read(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        long p = rs.getLong(2);
        Long parentId = rs.wasNull() ? null : p;
        String name = rs.getString(3);
        NodeType type = NodeType.fromCode(rs.getString(4).charAt(0));
        String owner = rs.getString(5);
        boolean isPublic = rs.getBoolean(6);
        List<String> groupRead = splitGroups(rs.getString(7));
        List<String> groupWrite = splitGroups(rs.getString(8));
        boolean locked = rs.getBoolean(9);
        boolean inherit = rs.getBoolean(10);
        String linkTarget = rs.getString(11);
        long length = rs.getLong(12);
        String md5 = rs.getString(13);
        String contentType = rs.getString(14);
        String contentEncoding = rs.getString(15);
        String blobId = rs.getString(16);
        long q = rs.getLong(17);
        Long quota = rs.wasNull() ? null : q;
        Instant created = rs.getObject(18, OffsetDateTime.class).toInstant();
        Instant modified = rs.getObject(19, OffsetDateTime.class).toInstant();
        return new StoredNode(id, parentId, name, type, owner, isPublic, groupRead, groupWrite, locked, inherit,
                linkTarget, length, md5, contentType, contentEncoding, blobId, quota, created, modified, Map.of());
    }

    // ---------------------------------------------------------------------------- properties

    private StoredNode withProps(Connection c, StoredNode n) throws SQLException {
        return attachProps(c, List.of(n), null).get(0);
    }

    /**
     * Loads the free-form properties of all given nodes with one query: an IN list for up to
     * {@link #IN_CHUNK} nodes, else (when they share {@code parentId}) a join on the parent.
     */
    private List<StoredNode> attachProps(Connection c, List<StoredNode> nodes, Long parentId) throws SQLException {
        if (nodes.isEmpty()) {
            return nodes;
        }
        Map<Long, Map<String, String>> props = new HashMap<>();
        Set<Long> ids = new LinkedHashSet<>();
        for (StoredNode n : nodes) {
            ids.add(n.id());
        }
        if (ids.size() > IN_CHUNK && parentId != null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT p.node_id, p.uri, p.prop_value FROM vos_node_prop p"
                    + " JOIN vos_node n ON n.id = p.node_id WHERE n.parent_id = ?")) {
                ps.setLong(1, parentId);
                collectProps(ps, props, ids);
            }
        } else {
            List<Long> all = new ArrayList<>(ids);
            for (int from = 0; from < all.size(); from += IN_CHUNK) {
                List<Long> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
                try (PreparedStatement ps = c.prepareStatement("SELECT node_id, uri, prop_value FROM vos_node_prop"
                        + " WHERE node_id IN (" + marks(chunk.size()) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setLong(i + 1, chunk.get(i));
                    }
                    collectProps(ps, props, ids);
                }
            }
        }
        if (props.isEmpty()) {
            return nodes;
        }
        List<StoredNode> out = new ArrayList<>(nodes.size());
        for (StoredNode n : nodes) {
            Map<String, String> p = props.get(n.id());
            out.add(p == null ? n : withProperties(n, p));
        }
        return out;
    }

    private static void collectProps(PreparedStatement ps, Map<Long, Map<String, String>> into, Set<Long> wanted)
            throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                if (wanted.contains(id)) {
                    into.computeIfAbsent(id, k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
        }
    }

    private static void insertProps(Connection c, long nodeId, Map<String, String> props) throws SQLException {
        if (props.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO vos_node_prop (node_id, uri, prop_value, value_key, num_value) VALUES (?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, String> e : new TreeMap<>(props).entrySet()) {
                ps.setLong(1, nodeId);
                ps.setString(2, e.getKey());
                ps.setString(3, e.getValue());
                ps.setString(4, valueKey(e.getValue()));
                Double number = numberOf(e.getValue());
                if (number == null) {
                    ps.setNull(5, Types.DOUBLE);
                } else {
                    ps.setDouble(5, number);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void checkProps(Map<String, String> props) {
        for (String uri : props.keySet()) {
            if (uri.isEmpty()) {
                throw VosFault.invalid("empty property URI");
            }
        }
    }

    static StoredNode withProperties(StoredNode n, Map<String, String> p) {
        return new StoredNode(n.id(), n.parentId(), n.name(), n.type(), n.owner(), n.isPublic(), n.groupRead(),
                n.groupWrite(), n.locked(), n.inheritPermissions(), n.linkTarget(), n.length(), n.md5(),
                n.contentType(), n.contentEncoding(), n.blobId(), n.quota(), n.created(), n.modified(), p);
    }

    /** True if {@code id} or any node below it is not owned by {@code user}. */
    private static boolean ownedByOtherThan(Connection c, long id, String user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("WITH RECURSIVE sub (id, owner) AS ("
                + " SELECT id, owner FROM vos_node WHERE id = ?"
                + " UNION ALL SELECT n.id, n.owner FROM vos_node n JOIN sub s ON n.parent_id = s.id)"
                + " SELECT 1 FROM sub WHERE owner IS NULL OR owner <> ? FETCH FIRST 1 ROWS ONLY")) {
            ps.setLong(1, id);
            ps.setString(2, user);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    // ------------------------------------------------------------------- ancestry and locking

    /** Ids from {@code id} up to the root (inclusive both); empty if there is no such node. */
    private static List<Long> ancestry(Connection c, long id) throws SQLException {
        List<Long> chain = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("WITH RECURSIVE chain (id, parent_id, depth) AS ("
                + " SELECT id, parent_id, 0 FROM vos_node WHERE id = ?"
                + " UNION ALL SELECT n.id, n.parent_id, ch.depth + 1 FROM vos_node n JOIN chain ch ON n.id = ch.parent_id"
                + " WHERE ch.depth < " + MAX_CHAIN + ")"
                + " SELECT id FROM chain ORDER BY depth")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    chain.add(rs.getLong(1));
                }
            }
        }
        if (chain.size() > MAX_CHAIN) {
            throw new NodeStoreException("ancestry of node " + id + " is deeper than " + MAX_CHAIN
                    + " (cycle in vos_node?)", null);
        }
        return chain;
    }

    /**
     * Locks the root row, reads the ancestry of each given node (node first, root last; empty if
     * there is no such node) and locks every row of those chains in ascending id order.
     *
     * <p>Every length-changing operation takes the root first (every ancestry ends there, and
     * every such operation updates the root's length anyway), so once this transaction holds the
     * root no concurrent move can change the chains it then reads, and the remaining locks are
     * taken in one global order: no deadlock, no livelock. The chains are checked again under the
     * locks as a safety net; a mismatch restarts the transaction ({@link ChainChanged}).
     */
    private List<List<Long>> lockChains(Connection c, long... nodeIds) throws SQLException {
        long root = rootRow(c).id();
        try (PreparedStatement lock = c.prepareStatement(
                "SELECT parent_id FROM vos_node WHERE id = ? " + dialect(c).rowLock)) {
            Map<Long, Long> parentOf = new HashMap<>();
            lockRow(lock, root, parentOf);
            List<List<Long>> chains = new ArrayList<>(nodeIds.length);
            TreeSet<Long> ids = new TreeSet<>();
            for (long id : nodeIds) {
                List<Long> chain = ancestry(c, id);
                chains.add(chain);
                ids.addAll(chain);
            }
            ids.remove(root);
            for (Long id : ids) {
                lockRow(lock, id, parentOf);
            }
            for (List<Long> chain : chains) {
                for (int i = 0; i < chain.size(); i++) {
                    Long expected = i + 1 < chain.size() ? chain.get(i + 1) : null;
                    if (!Objects.equals(parentOf.get(chain.get(i)), expected)) {
                        throw new ChainChanged();
                    }
                }
            }
            return chains;
        }
    }

    private static void lockRow(PreparedStatement lock, long id, Map<Long, Long> parentOf) throws SQLException {
        lock.setLong(1, id);
        try (ResultSet rs = lock.executeQuery()) {
            if (!rs.next()) {
                throw new ChainChanged(); // deleted meanwhile: the retry reports it properly
            }
            long p = rs.getLong(1);
            parentOf.put(id, rs.wasNull() ? null : p);
        }
    }

    /**
     * Adds the byte and metadata deltas to their rows' content_length and meta_length, rows in
     * ascending id order (already locked).
     */
    private static void addLengths(Connection c, Map<Long, Long> bytes, Map<Long, Long> meta) throws SQLException {
        TreeSet<Long> ids = new TreeSet<>(bytes.keySet());
        ids.addAll(meta.keySet());
        boolean any = false;
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE vos_node SET content_length = content_length + ?, meta_length = meta_length + ? WHERE id = ?")) {
            for (Long id : ids) {
                long b = bytes.getOrDefault(id, 0L);
                long m = meta.getOrDefault(id, 0L);
                if (b != 0 || m != 0) {
                    ps.setLong(1, b);
                    ps.setLong(2, m);
                    ps.setLong(3, id);
                    ps.addBatch();
                    any = true;
                }
            }
            if (any) {
                ps.executeBatch();
            }
        }
    }

    private static long metaLength(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT meta_length FROM vos_node WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** The SQL differences between the databases this store runs on. */
    enum Dialect {
        H2("FOR UPDATE"),
        // NO KEY UPDATE does not block the KEY SHARE that inserting a child takes on its parent
        POSTGRESQL("FOR NO KEY UPDATE");

        /** Exclusive row lock for rows whose length changes. */
        final String rowLock;

        Dialect(String rowLock) {
            this.rowLock = rowLock;
        }

        static Dialect of(Connection c) throws SQLException {
            String product = c.getMetaData().getDatabaseProductName();
            if (product != null && product.toLowerCase(java.util.Locale.ROOT).contains("postgres")) {
                return POSTGRESQL;
            }
            if (product != null && product.toLowerCase(java.util.Locale.ROOT).contains("h2")) {
                return H2;
            }
            throw new NodeStoreException("unsupported database for the NodeStore: " + product, null);
        }
    }

    private Dialect dialect(Connection c) throws SQLException {
        Dialect d = dialect;
        if (d == null) {
            d = Dialect.of(c);
            dialect = d;
        }
        return d;
    }

    /** Thrown inside a transaction when the locked ancestry no longer matches; the transaction restarts. */
    private static final class ChainChanged extends RuntimeException {
        ChainChanged() {
            super("ancestry changed concurrently", null, false, false);
        }
    }

    // ---------------------------------------------------------------------------- transactions

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T tx(Work<T> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return once(work);
            } catch (ChainChanged e) {
                if (attempt >= MAX_RETRIES) {
                    throw new NodeStoreException("the node tree kept changing under this update; gave up", e);
                }
            } catch (SQLException e) {
                if (!isRetryable(e) || attempt >= MAX_RETRIES) {
                    throw translate(e);
                }
            }
        }
    }

    private <T> T once(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Throwable t) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    t.addSuppressed(r);
                }
                throw t;
            } finally {
                if (autoCommit) {
                    try {
                        c.setAutoCommit(true);
                    } catch (SQLException ignored) {
                        // the connection is being closed anyway
                    }
                }
            }
        }
    }

    private static RuntimeException translate(SQLException e) {
        String state = sqlState(e);
        if ("22001".equals(state)) {
            return VosFault.invalid("a value is too long");
        }
        if ("23505".equals(state)) {
            return new VosFault(Fault.DuplicateNode, "name already in use");
        }
        return new NodeStoreException("node store: " + e.getMessage(), e);
    }

    private static boolean isRetryable(SQLException e) {
        String state = sqlState(e);
        return "40001".equals(state) || "40P01".equals(state); // serialization failure / deadlock
    }

    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(sqlState(e));
    }

    static boolean isForeignKeyViolation(SQLException e) {
        String state = sqlState(e);
        return "23503".equals(state) || "23506".equals(state); // 23506: H2's "referenced row exists" on delete
    }

    /** The SQLState of the exception or of the first chained one that has one. */
    private static String sqlState(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (x.getSQLState() != null) {
                return x.getSQLState();
            }
        }
        return null;
    }

    // --------------------------------------------------------------------------------- values

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant millis(Instant when) {
        return Objects.requireNonNull(when, "when").truncatedTo(ChronoUnit.MILLIS);
    }

    private static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
        ps.setObject(i, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
    }

    private static void setLongOrNull(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static String joinGroups(List<String> groups) {
        if (groups.isEmpty()) {
            return null;
        }
        for (String g : groups) {
            if (g.isBlank() || g.chars().anyMatch(Character::isWhitespace)) {
                throw VosFault.invalid("a group URI must be non-empty and contain no white space: '" + g + "'");
            }
        }
        return String.join(" ", groups);
    }

    private static List<String> splitGroups(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.trim().split("\\s+")).toList();
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
