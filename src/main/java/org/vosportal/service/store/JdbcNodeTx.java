package org.vosportal.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import java.util.function.Consumer;
import org.vosportal.service.store.JdbcNodeStore.Dialect;
import org.vosportal.service.store.JdbcNodeStore.ListStatement;
import org.vosportal.service.store.JdbcNodeStore.SearchStatement;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.VosPath;

/**
 * The node operations on one connection, inside the transaction of one unit of work
 * ({@link JdbcNodeStore#inTransaction}): the reads, and the writes' arguments checked before
 * {@link NodeWrites} runs them.
 *
 * <p>Once an operation threw, the unit has failed: later operations are refused and the unit
 * rethrows that failure when it ends ({@link #failure}), whatever its code did with it.
 */
final class JdbcNodeTx implements NodeTx {

    private final Connection c;
    private final NodeRows rows;
    private final Dialect dialect;
    private final NodeWrites writes;
    private final Clock clock;
    private final Thread owner = Thread.currentThread();
    private RuntimeException failure;
    private boolean ended;

    JdbcNodeTx(Connection c, NodeRows rows, Dialect dialect, Clock clock) {
        this.c = c;
        this.rows = rows;
        this.dialect = dialect;
        this.writes = new NodeWrites(new AncestorLocks(rows, dialect));
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

    @Override
    public QuotaUse quotaUse(double nearFullFraction) {
        return op(c -> QuotaLedger.quotaUse(c, nearFullFraction));
    }

    /** Two cursors (nodes, properties by node id) merged. */
    @Override
    public void scan(Consumer<ScannedNode> each) {
        op(c -> {
            try (PreparedStatement nodes = c.prepareStatement(
                    "SELECT " + NodeRows.COLS + ", meta_length, child_count FROM vos_node ORDER BY id");
                    PreparedStatement props = c.prepareStatement(
                            "SELECT node_id, uri, prop_value FROM vos_node_prop ORDER BY node_id, uri")) {
                nodes.setFetchSize(1000);
                props.setFetchSize(1000);
                try (ResultSet n = nodes.executeQuery(); ResultSet p = props.executeQuery()) {
                    boolean moreProps = p.next();
                    while (n.next()) {
                        StoredNode node = NodeRows.read(n);
                        long meta = n.getLong(NodeRows.COL_COUNT + 1);
                        long children = n.getLong(NodeRows.COL_COUNT + 2);
                        Map<String, String> own = new HashMap<>();
                        while (moreProps && p.getLong(1) <= node.id()) {
                            if (p.getLong(1) == node.id()) {
                                own.put(p.getString(2), p.getString(3));
                            }
                            moreProps = p.next();
                        }
                        each.accept(new ScannedNode(own.isEmpty() ? node : NodeProperties.with(node, own), meta, children));
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

    /** Validates a new node, then {@link NodeWrites#insert}. */
    private StoredNode insert(long parentId, NewNode node, String blobId, long length, String md5) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(node.type(), "node type");
        VosPath.checkName(node.name());
        String groupRead = NodeRows.joinGroups(node.groupRead());
        String groupWrite = NodeRows.joinGroups(node.groupWrite());
        NodeProperties.check(node.properties());
        long cost = NodeCost.of(node);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return op(c -> writes.insert(c, parentId, node, groupRead, groupWrite, blobId, length, md5, cost, now));
    }

    @Override
    public StoredNode updateMetadata(StoredNode node) {
        Objects.requireNonNull(node, "node");
        String groupRead = NodeRows.joinGroups(node.groupRead());
        String groupWrite = NodeRows.joinGroups(node.groupWrite());
        NodeProperties.check(node.properties());
        return op(c -> writes.updateMetadata(c, node, groupRead, groupWrite));
    }

    @Override
    public String commitContent(long nodeId, String blobId, long length, String md5, Instant when) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        Instant modified = SqlValues.millis(when);
        return op(c -> writes.commitContent(c, nodeId, blobId, length, md5, modified));
    }

    @Override
    public StoredNode move(long nodeId, long newParentId, String newName, Instant when, String onlyOwner) {
        VosPath.checkName(newName);
        Instant modified = SqlValues.millis(when);
        return op(c -> writes.move(c, nodeId, newParentId, newName, modified, onlyOwner));
    }

    @Override
    public String delete(long nodeId) {
        return op(c -> writes.delete(c, nodeId));
    }
}
