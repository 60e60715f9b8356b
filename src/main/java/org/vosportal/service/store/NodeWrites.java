package org.vosportal.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vosportal.vospace.NodeType;

/**
 * The writes that change the tree and its running totals: create (with content or without),
 * metadata, content, move, delete. Each locks what it touches first ({@link AncestorLocks}),
 * checks quotas under the locks and adds the deltas up the tree ({@link QuotaLedger}), all on the
 * unit of work's connection; the arguments are validated by {@link JdbcNodeTx} before.
 */
final class NodeWrites {

    private final AncestorLocks locks;

    NodeWrites(AncestorLocks locks) {
        this.locks = locks;
    }

    /**
     * Inserts a node, with content or without, and charges its bytes and metadata cost to every
     * ancestor, refused when that would exceed a quota. The ancestry is locked as for
     * commitContent; that also keeps a concurrent delete of the parent (which checks for children
     * under the same locks) from leaving an orphan, which H2's foreign key check alone would not see.
     */
    StoredNode insert(Connection c, long parentId, NewNode node, String groupRead, String groupWrite, String blobId,
            long length, String md5, long cost, Instant now) throws SQLException {
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
        NodeRows.addChildren(c, parentId, 1);
        QuotaLedger.add(c, bytes, meta);
        return NodeProperties.attach(c, NodeRows.byId(c, id));
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

    /** Saves a node's mutable metadata; its metadata cost's change goes up the tree. */
    StoredNode updateMetadata(Connection c, StoredNode node, String groupRead, String groupWrite)
            throws SQLException {
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
    }

    /** Points a DataNode at new content; the size difference goes up the tree. Returns the old blob id. */
    String commitContent(Connection c, long nodeId, String blobId, long length, String md5, Instant modified)
            throws SQLException {
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
    }

    /** Moves and/or renames a node with its subtree; lengths leave the old ancestors for the new ones. */
    StoredNode move(Connection c, long nodeId, long newParentId, String newName, Instant modified, String onlyOwner)
            throws SQLException {
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
        if (node.parentId() != newParentId) {
            NodeRows.addChildren(c, node.parentId(), -1);
            NodeRows.addChildren(c, newParentId, 1);
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
    }

    /** Deletes a node without children; its lengths leave its ancestors. Returns its blob id. */
    String delete(Connection c, long nodeId) throws SQLException {
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
        NodeRows.addChildren(c, node.parentId(), -1);
        List<Long> above = chain.subList(1, chain.size());
        QuotaLedger.add(c, QuotaLedger.each(above, -node.length()), QuotaLedger.each(above, -meta));
        return node.blobId();
    }
}
