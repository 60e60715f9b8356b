package org.vosportal.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.vosportal.vospace.VosPath;

/**
 * NodeStore over plain JDBC, for H2 2.x and PostgreSQL 15 (schema in {@code db/migration/<db>/}).
 * This class only puts the parts together:
 * <ul>
 * <li>{@link TxTemplate}: connection, transaction, retry of the whole unit of work;</li>
 * <li>{@link JdbcNodeTx}: the operations, on the connection of one unit; the reads, and the
 * arguments of the writes checked;</li>
 * <li>{@link NodeWrites}: the writes (create, metadata, content, move, delete);</li>
 * <li>{@link AncestorLocks}: the locking discipline of writes that change lengths up the tree;</li>
 * <li>{@link QuotaLedger}: lengths up the tree and quotas;</li>
 * <li>{@link NodeRows}, {@link NodeProperties}, {@link TreePaths}: rows, properties, tree shape;</li>
 * <li>{@link ListingSql}, {@link SearchSql}, {@link ShareRows}: listings, searches, share links;</li>
 * <li>{@link Dialect}: what differs between H2 and PostgreSQL; {@link SqlErrors}: SQLStates.</li>
 * </ul>
 *
 * <p>Every operation called on the store is a unit of work of its own; {@link #inTransaction}
 * makes one of several. A unit runs on one connection (autocommit off, commit or rollback,
 * connection closed). Reads take no locks.
 */
public class JdbcNodeStore implements NodeStore, ShareStore {

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

        /**
         * The index a listing in this order must read: H2 may otherwise pick its foreign-key
         * index on parent_id alone and sort every child. PostgreSQL needs no hint.
         */
        String listingIndexHint(ChildQuery.SortKey sort) {
            if (this != H2) {
                return "";
            }
            return switch (sort) {
                case NAME -> " USE INDEX (vos_node_parent_name)";
                case DATE -> " USE INDEX (vos_node_parent_modified)";
                case LENGTH -> " USE INDEX (vos_node_parent_length)";
                case FOLDERS_FIRST -> " USE INDEX (vos_node_parent_sort_name)";
            };
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

    private final TxTemplate template;
    private final Clock clock;
    private final NodeRows rows = new NodeRows();
    private final ThreadLocal<JdbcNodeTx> current = new ThreadLocal<>();
    private volatile Dialect dialect;

    public JdbcNodeStore(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public JdbcNodeStore(DataSource dataSource, Clock clock) {
        this.template = new TxTemplate(dataSource);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ---------------------------------------------------------------------------- units of work

    @Override
    public <T> T inTransaction(Function<NodeTx, T> work) {
        Objects.requireNonNull(work, "work");
        JdbcNodeTx joined = current.get();
        if (joined != null) {
            return work.apply(joined); // nested: part of the unit already running on this thread
        }
        return template.run(c -> {
            JdbcNodeTx tx = newTx(c);
            current.set(tx);
            try {
                T result = work.apply(tx);
                if (tx.failure() != null) {
                    throw tx.failure(); // caught by the work, still the unit's failure: roll back
                }
                return result;
            } finally {
                tx.end();
                current.remove();
            }
        });
    }

    /**
     * One operation as a unit of its own, or as part of the unit running on this thread. Not
     * registered for joining: what it calls back (a scan's consumer) runs outside it.
     */
    private <T> T one(Function<JdbcNodeTx, T> op) {
        JdbcNodeTx joined = current.get();
        if (joined != null) {
            return op.apply(joined);
        }
        return template.run(c -> {
            JdbcNodeTx tx = newTx(c);
            try {
                return op.apply(tx);
            } finally {
                tx.end();
            }
        });
    }

    private JdbcNodeTx newTx(Connection c) throws SQLException {
        Dialect d = dialect;
        if (d == null) {
            d = Dialect.of(c);
            dialect = d;
        }
        return new JdbcNodeTx(c, rows, d, clock);
    }

    // -------------------------------------------------------------- operations, one unit each

    @Override
    public StoredNode root() {
        return one(tx -> tx.root());
    }

    @Override
    public Optional<StoredNode> findById(long id) {
        return one(tx -> tx.findById(id));
    }

    @Override
    public Optional<StoredNode> findChild(long parentId, String name) {
        return one(tx -> tx.findChild(parentId, name));
    }

    @Override
    public List<StoredNode> walk(VosPath path) {
        return one(tx -> tx.walk(path));
    }

    @Override
    public List<StoredNode> listChildren(long parentId, ChildQuery query) {
        return one(tx -> tx.listChildren(parentId, query));
    }

    @Override
    public long countChildren(long parentId) {
        return one(tx -> tx.countChildren(parentId));
    }

    @Override
    public StoredNode create(long parentId, NewNode node) {
        return one(tx -> tx.create(parentId, node));
    }

    @Override
    public StoredNode createWithContent(long parentId, NewNode node, String blobId, long length, String md5) {
        return one(tx -> tx.createWithContent(parentId, node, blobId, length, md5));
    }

    @Override
    public long usage(long nodeId) {
        return one(tx -> tx.usage(nodeId));
    }

    @Override
    public QuotaUse quotaUse(double nearFullFraction) {
        return one(tx -> tx.quotaUse(nearFullFraction));
    }

    /** Streams the nodes in id order with their properties, in one read-only transaction. */
    @Override
    public void scan(Consumer<ScannedNode> each) {
        one(tx -> {
            tx.scan(each);
            return null;
        });
    }

    @Override
    public StoredNode updateMetadata(StoredNode node) {
        return one(tx -> tx.updateMetadata(node));
    }

    @Override
    public String commitContent(long nodeId, String blobId, long length, String md5, Instant when) {
        return one(tx -> tx.commitContent(nodeId, blobId, length, md5, when));
    }

    @Override
    public StoredNode move(long nodeId, long newParentId, String newName, Instant when, String onlyOwner) {
        return one(tx -> tx.move(nodeId, newParentId, newName, when, onlyOwner));
    }

    @Override
    public String delete(long nodeId) {
        return one(tx -> tx.delete(nodeId));
    }

    @Override
    public Set<String> referencedBlobIds(Collection<String> blobIds) {
        return one(tx -> tx.referencedBlobIds(blobIds));
    }

    @Override
    public List<StoredNode> ancestry(long id) {
        return one(tx -> tx.ancestry(id));
    }

    @Override
    public List<StoredNode> groupShared(Collection<String> groupNames, String notOwner, long beforeId, int limit) {
        return one(tx -> tx.groupShared(groupNames, notOwner, beforeId, limit));
    }

    @Override
    public List<Found> search(SearchQuery query) {
        return one(tx -> tx.search(query));
    }

    @Override
    public String treePathOf(long id) {
        return one(tx -> tx.treePathOf(id));
    }

    @Override
    public Map<Long, StoredNode> byIds(Collection<Long> ids) {
        return one(tx -> tx.byIds(ids));
    }

    // ---------------------------------------------------------------------------- share links

    @Override
    public void insertShare(ShareLink link) {
        one(tx -> tx.op(c -> {
            ShareRows.insert(c, link);
            return null;
        }));
    }

    @Override
    public Optional<ShareLink> findShare(String id) {
        return one(tx -> tx.op(c -> ShareRows.find(c, id)));
    }

    @Override
    public List<ShareLink> activeSharesBy(String creator, Instant now, int limit) {
        return one(tx -> tx.op(c -> ShareRows.active(c, "created_by = ?", creator, now, limit)));
    }

    @Override
    public List<ShareLink> activeSharesOf(long nodeId, Instant now, int limit) {
        return one(tx -> tx.op(c -> ShareRows.active(c, "node_id = ?", nodeId, now, limit)));
    }

    @Override
    public long countActiveSharesBy(String creator, Instant now) {
        return one(tx -> tx.op(c -> ShareRows.countActiveBy(c, creator, now)));
    }

    @Override
    public int purgeShares(Instant before) {
        return one(tx -> tx.op(c -> ShareRows.purge(c, before)));
    }

    @Override
    public boolean revokeShare(String id, Instant when) {
        return one(tx -> tx.op(c -> ShareRows.revoke(c, id, when)));
    }

    // ------------------------------------------- the statements and values the database tests name

    /** The statements of a listing page ({@link ListingSql#statements}); the tests check their plans. */
    static List<ListStatement> listStatements(ChildQuery query, long parentId, Dialect dialect) {
        return ListingSql.statements(query, parentId, dialect);
    }

    /** The statement of a search ({@link SearchSql#search}); the tests check its plans. */
    static SearchStatement searchStatement(SearchQuery q) {
        return SearchSql.search(q);
    }

    static String sortName(boolean container, String name) {
        return NodeRows.sortName(container, name);
    }

    static String valueKey(String value) {
        return NodeProperties.valueKey(value);
    }

    /** See {@link NodeProperties#numberOf}: what the search compares as a number. */
    public static Double numberOf(String value) {
        return NodeProperties.numberOf(value);
    }

    /** The first string after every tree path that starts with {@code prefix} (which ends in '/'). */
    public static String subtreeEnd(String prefix) {
        return TreePaths.subtreeEnd(prefix);
    }
}
