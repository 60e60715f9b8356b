package org.vosportal.service.store;

import java.util.List;
import java.util.Map;
import org.vosportal.vospace.NodeType;

/** What a caller supplies to create a node; the store assigns id, times, length 0 and no content. */
public record NewNode(String name, NodeType type, String owner, boolean isPublic, List<String> groupRead,
        List<String> groupWrite, boolean locked, boolean inheritPermissions, String linkTarget, String contentType,
        String contentEncoding, Long quota, Map<String, String> properties) {

    public NewNode {
        groupRead = List.copyOf(groupRead);
        groupWrite = List.copyOf(groupWrite);
        properties = Map.copyOf(properties);
    }

    public static NewNode container(String name, String owner) {
        return new NewNode(name, NodeType.CONTAINER, owner, false, List.of(), List.of(), false, false, null, null,
                null, null, Map.of());
    }

    public static NewNode data(String name, String owner) {
        return new NewNode(name, NodeType.DATA, owner, false, List.of(), List.of(), false, false, null, null, null,
                null, Map.of());
    }

    public NewNode withQuota(Long q) {
        return new NewNode(name, type, owner, isPublic, groupRead, groupWrite, locked, inheritPermissions, linkTarget,
                contentType, contentEncoding, q, properties);
    }

    public NewNode withName(String n) {
        return new NewNode(n, type, owner, isPublic, groupRead, groupWrite, locked, inheritPermissions, linkTarget,
                contentType, contentEncoding, quota, properties);
    }
}
