package org.vosportal.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.vosportal.service.store.JdbcNodeStore.Dialect;
import org.vosportal.service.store.JdbcNodeStore.ListStatement;
import org.vosportal.service.store.JdbcNodeStore.SearchStatement;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.VosPath;

/**
 * The node operations on one connection, inside the transaction of one unit of work
 * ({@link JdbcNodeStore#inTransaction}): what each operation reads, checks, locks and writes.
 * The writes that change lengths up the tree take their locks through {@link AncestorLocks}
 * before changing anything and check quotas under them ({@link QuotaLedger}).
 *
 * <p>Once an operation threw, the unit has failed: later operations are refused and the unit
 * rethrows that failure when it ends ({@link #failure}), whatever its code did with it.
 */
final class JdbcNodeTx implements NodeTx {

    private final Connection c;
    private final NodeRows rows;
    private final Dialect dialect;
    private final AncestorLocks locks;
    private final Clock clock;
    private final Thread owner = Thread.currentThread();
    private RuntimeException failure;
    private boolean ended;

    JdbcNodeTx(Connection c, NodeRows rows, Dialect dialect, Clock clock) {
        this.c = c;
        this.rows = rows;
        this.dialect = dialect;
        this.locks = new AncestorLocks(rows, dialect);
        this.clock = clock;
    }

    /** What made an operation of this unit throw, or null. */
    RuntimeException failure() {
        return failure;
    }

    void end() {
        ended = true;
    }

    /** Runs one operation of the unit: refused once the unit failed or ended; a throw fails the unit. */
    <T> T op(SqlWork<T> work) {
        if (ended || Thread.currentThread() != owner) {
            throw new IllegalStateException("this unit of work has ended, or belongs to another thread");
        }
        if (failure != null) {
            throw new IllegalStateException("an operation of this unit of work failed already: " + failure,
                    failure);
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            TxTemplate.SqlFailure f = new TxTemplate.SqlFailure(e);
            failure = f;
            throw f;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------ reads

    @Override
    public StoredNode root() {
        return op(c -> NodeProperties.attach(c, rows.root(c)));
    }

    @Override
    public Optional<StoredNode> findById(long id) {
        return op(c -> {
            StoredNode n = NodeRows.byId(c, id);
            return n == null ? Optional.empty() : Optional.of(NodeProperties.attach(c, n));
        });
    }

    @Override
    public Optional<StoredNode> findChild(long parentId, String name) {
        Objects.requireNonNull(name, "name");
        return op(c -> {
            StoredNode n = NodeRows.child(c, parentId, name);
            return n == null ? Optional.empty() : Optional.of(NodeProperties.attach(c, n));
        });
    }

    @Override
    public List<StoredNode> walk(VosPath path) {
        return op(c -> {
            List<StoredNode> out = new ArrayList<>(path.depth() + 1);
            StoredNode current = rows.root(c);
            out.add(current);
            for (String name : path.names()) {
                if (!current.isContainer()) {
                    break;
                }
                StoredNode next = NodeRows.child(c, current.id(), name);
                if (next == null) {
                    break;
                }
                out.add(next);
                current = next;
            }
            return NodeProperties.attach(c, out, null);
        });
    }

    @Override
    public List<StoredNode> listChildren(long parentId, ChildQuery query) {
        Objects.requireNonNull(query, "query");
        if (query.limit() == 0) {
            return List.of();
        }
        return op(c -> {
            List<StoredNode> out = new ArrayList<>(query.limit() > 0 ? Math.min(query.limit(), 1024) : 64);
            for (ListStatement s : ListingSql.statements(query, parentId, dialect)) {
                int want = query.limit() < 0 ? -1 : query.limit() - out.size();
                if (want == 0) {
                    break;
                }
                try (PreparedStatement ps = s.prepare(c, want); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(NodeRows.read(rs));
                    }
                }
            }
            return NodeProperties.attach(c, out, parentId);
        });
    }

    @Override
    public long countChildren(long parentId) {
        return op(c -> NodeRows.countChildren(c, parentId));
    }

    @Override
    public Set<String> referencedBlobIds(Collection<String> blobIds) {
        List<String> ids = blobIds.stream().filter(Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return Set.of();
        }
        return op(c -> {
            Set<String> found = new HashSet<>();
            for (int from = 0; from < ids.size(); from += SqlValues.IN_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + SqlValues.IN_CHUNK));
                String sql = "SELECT DISTINCT blob_id FROM vos_node WHERE blob_id IN ("
                        + SqlValues.marks(chunk.size()) + ")";
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
        return op(c -> QuotaLedger.usage(c, nodeId));
    }

    /** Two cursors (nodes, properties by node id) merged. */
    @Override
    public void scan(Consumer<ScannedNode> each) {
        op(c -> {
            try (PreparedStatement nodes = c.prepareStatement(
                    "SELECT " + NodeRows.COLS + ", meta_length FROM vos_node ORDER BY id");
                    PreparedStatement props = c.prepareStatement(
                            "SELECT node_id, uri, prop_value FROM vos_node_prop ORDER BY node_id, uri")) {
                nodes.setFetchSize(1000);
                props.setFetchSize(1000);
                try (ResultSet n = nodes.executeQuery(); ResultSet p = props.executeQuery()) {
                    boolean moreProps = p.next();
                    while (n.next()) {
                        StoredNode node = NodeRows.read(n);
                        long meta = n.getLong(NodeRows.COL_COUNT + 1);
                        Map<String, String> own = new HashMap<>();
                        while (moreProps && p.getLong(1) <= node.id()) {
                            if (p.getLong(1) == node.id()) {
                                own.put(p.getString(2), p.getString(3));
                            }
                            moreProps = p.next();
                        }
                        each.accept(new ScannedNode(own.isEmpty() ? node : NodeProperties.with(node, own), meta));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public List<StoredNode> ancestry(long id) {
        return op(c -> {
            List<Long> ids = TreePaths.ancestry(c, id);
            if (ids.isEmpty()) {
                return List.of();
            }
            Map<Long, StoredNode> byId = NodeRows.byIds(c, ids);
            List<StoredNode> chain = new ArrayList<>(ids.size());
            for (int i = ids.size() - 1; i >= 0; i--) {
                StoredNode n = byId.get(ids.get(i));
                if (n == null) {
                    throw AncestorLocks.changed(); // moved or deleted between the two statements
                }
                chain.add(n);
            }
            return chain;
        });
    }

    @Override
    public List<Found> search(SearchQuery q) {
        if (q.limit() <= 0) {
            return List.of();
        }
        SearchStatement st = SearchSql.search(q);
        return op(c -> {
            List<Found> out = new ArrayList<>();
            try (PreparedStatement ps = st.prepare(c); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Found(NodeRows.read(rs), rs.getString(NodeRows.COL_COUNT + 1)));
                }
            }
            return out;
        });
    }

    @Override
    public String treePathOf(long id) {
        return op(c -> TreePaths.of(c, id));
    }

    @Override
    public Map<Long, StoredNode> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return op(c -> NodeRows.byIds(c, ids));
    }

    @Override
    public List<StoredNode> groupShared(Collection<String> groupNames, String notOwner, long beforeId, int limit) {
        List<String> names = groupNames.stream().filter(g -> g != null && !g.isBlank()).distinct()
                .limit(SearchSql.MAX_SHARE_GROUPS).toList();
        if (names.isEmpty() || limit <= 0) {
            return List.of();
        }
        String sql = SearchSql.groupShared(names.size());
        return op(c -> {
            List<StoredNode> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setLong(i++, beforeId);
                ps.setString(i++, notOwner == null ? "" : notOwner);
                for (String g : names) {
                    ps.setString(i++, SearchSql.groupPattern(g));
                }
                ps.setString(i++, notOwner == null ? "" : notOwner);
                for (String g : names) {
                    ps.setString(i++, SearchSql.groupPattern(g));
                }
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(NodeRows.read(rs));
                    }
                }
            }
            return out;
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
     * ancestor, refused when that would exceed a quota. The ancestry is locked as for
     * commitContent; that also keeps a concurrent delete of the parent (which checks for children
     * under the same locks) from leaving an orphan, which H2's foreign key check alone would not see.
     */
    private StoredNode insert(long parentId, NewNode node, String blobId, long length, String md5) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(node.type(), "node type");
        VosPath.checkName(node.name());
        String groupRead = NodeRows.joinGroups(node.groupRead());
        String groupWrite = NodeRows.joinGroups(node.groupWrite());
        NodeProperties.check(node.properties());
        long cost = NodeCost.of(node);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return op(c -> {
            List<Long> chain = locks.lockChain(c, parentId);
            StoredNode parent = chain.isEmpty() ? null : NodeRows.byId(c, parentId);
            if (parent == null) {
                throw new StoreRefusal.ParentGone("no node with id " + parentId);
            }
            if (!parent.isContainer()) {
                throw new StoreRefusal.ParentGone("'" + parent.name() + "' is not a container");
            }
            if (NodeRows.child(c, parentId, node.name()) != null) {
                throw new StoreRefusal.AlreadyExists(node.name());
            }
            Map<Long, Long> bytes = QuotaLedger.each(chain, length);
            Map<Long, Long> meta = QuotaLedger.each(chain, cost);
            QuotaLedger.check(c, bytes, meta);
            String parentPath = TreePaths.ofContainer(c, parentId);
            long id = insertRow(c, parentId, node, groupRead, groupWrite, blobId, length, md5, cost, now,
                    parentPath);
            try (PreparedStatement ps = c.prepareStatement("UPDATE vos_node SET tree_path = ? WHERE id = ?")) {
                ps.setString(1, parentPath + id + "/");
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            NodeProperties.insert(c, id, node.properties());
            QuotaLedger.add(c, bytes, meta);
            return NodeProperties.attach(c, NodeRows.byId(c, id));
        });
    }

    private static long insertRow(Connection c, long parentId, NewNode node, String groupRead, String groupWrite,
            String blobId, long length, String md5, long cost, Instant now, String parentPath) throws SQLException {
        String sql = "INSERT INTO vos_node (parent_id, name, node_type, owner, is_public, group_read, group_write,"
                + " is_locked, inherit_perms, link_target, content_length, content_type, content_encoding, quota,"
                + " created_at, modified_at, blob_id, content_md5, meta_length, sort_name, tree_path)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
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
            SqlValues.setLongOrNull(ps, 14, node.quota());
            SqlValues.setInstant(ps, 15, now);
            SqlValues.setInstant(ps, 16, now);
            ps.setString(17, blobId);
            ps.setString(18, md5);
            ps.setLong(19, cost);
            ps.setString(20, NodeRows.sortName(node.type() == NodeType.CONTAINER, node.name()));
            // until the id is known: unique among the parent's children (one insert at a time under
            // the root's lock), never a valid tree path (those hold digits and slashes only)
            ps.setString(21, parentPath + "~" + node.name());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no generated id returned for the new node");
                }
                return keys.getLong("id");
            }
        } catch (SQLException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new StoreRefusal.AlreadyExists(node.name());
            }
            if (SqlErrors.isForeignKeyViolation(e)) {
                throw new StoreRefusal.ParentGone("no node with id " + parentId);
            }
            throw e;
        }
    }

    @Override
    public StoredNode updateMetadata(StoredNode node) {
        Objects.requireNonNull(node, "node");
        String groupRead = NodeRows.joinGroups(node.groupRead());
        String groupWrite = NodeRows.joinGroups(node.groupWrite());
        NodeProperties.check(node.properties());
        return op(c -> {
            // the metadata cost may change, and with it the usage of every ancestor (and its own)
            List<Long> chain = locks.lockChain(c, node.id());
            if (chain.isEmpty()) {
                throw new StoreRefusal.NotFound("no node with id " + node.id());
            }
            StoredNode before = NodeProperties.attach(c, NodeRows.byId(c, node.id()));
            long delta = NodeCost.of(node.groupRead(), node.groupWrite(), before.linkTarget(), node.properties())
                    - NodeCost.of(before);
            Map<Long, Long> meta = QuotaLedger.each(chain, delta);
            QuotaLedger.check(c, Map.of(), meta);
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
                SqlValues.setLongOrNull(ps, 8, node.quota());
                ps.setLong(9, node.id());
                if (ps.executeUpdate() == 0) {
                    throw new StoreRefusal.NotFound("no node with id " + node.id());
                }
            }
            NodeProperties.replace(c, node.id(), node.properties());
            QuotaLedger.add(c, Map.of(), meta);
            return NodeProperties.attach(c, NodeRows.byId(c, node.id()));
        });
    }

    @Override
    public String commitContent(long nodeId, String blobId, long length, String md5, Instant when) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        Instant modified = SqlValues.millis(when);
        return op(c -> {
            List<Long> chain = locks.lockChain(c, nodeId);
            if (chain.isEmpty()) {
                throw new StoreRefusal.NotFound("no node with id " + nodeId);
            }
            StoredNode n = NodeRows.byId(c, nodeId);
            if (!n.isData()) {
                throw new IllegalArgumentException("node " + nodeId + " is not a DataNode");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE vos_node SET blob_id = ?, content_length = ?,"
                    + " content_md5 = ?, modified_at = ? WHERE id = ?")) {
                ps.setString(1, blobId);
                ps.setLong(2, length);
                ps.setString(3, md5);
                SqlValues.setInstant(ps, 4, modified);
                ps.setLong(5, nodeId);
                ps.executeUpdate();
            }
            Map<Long, Long> deltas = QuotaLedger.each(chain.subList(1, chain.size()), length - n.length());
            QuotaLedger.check(c, deltas, Map.of());
            QuotaLedger.add(c, deltas, Map.of());
            return n.blobId();
        });
    }

    @Override
    public StoredNode move(long nodeId, long newParentId, String newName, Instant when, String onlyOwner) {
        VosPath.checkName(newName);
        Instant modified = SqlValues.millis(when);
        return op(c -> {
            List<List<Long>> chains = locks.lockChains(c, nodeId, newParentId);
            List<Long> source = chains.get(0);
            if (source.isEmpty()) {
                throw new StoreRefusal.NotFound("no node with id " + nodeId);
            }
            if (source.size() == 1) {
                throw new StoreRefusal.Invalid("the root cannot be moved");
            }
            List<Long> target = chains.get(1);
            if (target.isEmpty()) {
                throw new StoreRefusal.ParentGone("no node with id " + newParentId);
            }
            if (target.contains(nodeId)) {
                throw new StoreRefusal.Invalid("cannot move a node into itself or below itself");
            }
            StoredNode node = NodeRows.byId(c, nodeId);
            StoredNode newParent = NodeRows.byId(c, newParentId);
            if (!newParent.isContainer()) {
                throw new StoreRefusal.ParentGone("'" + newParent.name() + "' is not a container");
            }
            // under the root lock every create waits, so the subtree checked is the one that moves
            if (onlyOwner != null && TreePaths.ownedByOtherThan(c, nodeId, onlyOwner)) {
                throw new StoreRefusal.NotOwner("only the owner of '" + node.name() + "' and of everything in it"
                        + " may move it to another home");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE vos_node SET parent_id = ?, name = ?, modified_at = ?, sort_name = ? WHERE id = ?")) {
                ps.setLong(1, newParentId);
                ps.setString(2, newName);
                SqlValues.setInstant(ps, 3, modified);
                ps.setString(4, NodeRows.sortName(node.isContainer(), newName));
                ps.setLong(5, nodeId);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (SqlErrors.isUniqueViolation(e)) {
                    throw new StoreRefusal.AlreadyExists(newName);
                }
                throw e;
            }
            TreePaths.moveSubtree(c, TreePaths.ofContainer(c, nodeId),
                    TreePaths.ofContainer(c, newParentId) + nodeId + "/");
            long meta = QuotaLedger.metaLength(c, nodeId);
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
            QuotaLedger.check(c, bytes, metas);
            QuotaLedger.add(c, bytes, metas);
            return NodeProperties.attach(c, NodeRows.byId(c, nodeId));
        });
    }

    @Override
    public String delete(long nodeId) {
        return op(c -> {
            List<Long> chain = locks.lockChain(c, nodeId);
            if (chain.isEmpty()) {
                throw new StoreRefusal.NotFound("no node with id " + nodeId);
            }
            if (chain.size() == 1) {
                throw new IllegalArgumentException("the root cannot be deleted");
            }
            StoredNode node = NodeRows.byId(c, nodeId);
            if (NodeRows.hasChildren(c, nodeId)) {
                throw new ContainerNotEmpty(node.name());
            }
            long meta = QuotaLedger.metaLength(c, nodeId);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM vos_node WHERE id = ?")) {
                ps.setLong(1, nodeId);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (SqlErrors.isForeignKeyViolation(e)) { // a child was created meanwhile
                    throw new ContainerNotEmpty(node.name());
                }
                throw e;
            }
            List<Long> above = chain.subList(1, chain.size());
            QuotaLedger.add(c, QuotaLedger.each(above, -node.length()), QuotaLedger.each(above, -meta));
            return node.blobId();
        });
    }
}
