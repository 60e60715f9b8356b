package org.vosportal.service.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.vosportal.vospace.NodeType;

/**
 * A node as the embedded service stores it. Permission and content facts have their own fields;
 * free-form properties (title, custom keys such as TELESCOPE) live in {@code properties}.
 *
 * @param id          database id (root has the smallest id and a null parent)
 * @param parentId    null only for the root
 * @param name        node name, empty for the root
 * @param owner       user name of the creator (null for the root)
 * @param groupRead   group URIs as given by clients (e.g. {@code ivo://opencadc.org/gms?survey-team}), in order
 * @param groupWrite  same for write
 * @param linkTarget  LinkNode target URI, else null
 * @param length      DataNode: bytes of the content; ContainerNode: bytes used below it
 * @param md5         32 lower-case hex digits of the content, null when no content
 * @param blobId      BlobStore id of the content, null when no content
 * @param quota       bytes allowed below this container (homes), null if none
 * @param created     creation time
 * @param modified    last content or metadata change (reported as core#date)
 * @param properties  free-form properties by URI (never the structured ones)
 */
public record StoredNode(long id, Long parentId, String name, NodeType type, String owner, boolean isPublic,
        List<String> groupRead, List<String> groupWrite, boolean locked, boolean inheritPermissions,
        String linkTarget, long length, String md5, String contentType, String contentEncoding, String blobId,
        Long quota, Instant created, Instant modified, Map<String, String> properties) {

    public StoredNode {
        groupRead = List.copyOf(groupRead);
        groupWrite = List.copyOf(groupWrite);
        properties = Map.copyOf(properties);
    }

    public boolean isContainer() {
        return type == NodeType.CONTAINER;
    }

    public boolean isData() {
        return type == NodeType.DATA;
    }

    public boolean isLink() {
        return type == NodeType.LINK;
    }

    public boolean isRoot() {
        return parentId == null;
    }

    /** Copy with new mutable metadata; content, identity and placement stay. */
    public StoredNode withMetadata(boolean isPublic, List<String> groupRead, List<String> groupWrite, boolean locked,
            boolean inheritPermissions, String contentType, String contentEncoding, Map<String, String> properties) {
        return new StoredNode(id, parentId, name, type, owner, isPublic, groupRead, groupWrite, locked,
                inheritPermissions, linkTarget, length, md5, contentType, contentEncoding, blobId, quota, created,
                modified, properties);
    }

    public StoredNode withQuota(Long newQuota) {
        return new StoredNode(id, parentId, name, type, owner, isPublic, groupRead, groupWrite, locked,
                inheritPermissions, linkTarget, length, md5, contentType, contentEncoding, blobId, newQuota, created,
                modified, properties);
    }
}
