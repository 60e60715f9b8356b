package org.vosportal.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vosportal.service.auth.Authorizer;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.auth.EffectiveAccess;
import org.vosportal.service.auth.GroupUris;
import org.vosportal.service.store.NodeStore;
import org.vosportal.service.store.StoredNode;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.Props;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.VosUri;

/** Turns stored nodes into protocol nodes with the properties each detail level promises. */
@ApplicationScoped
public class NodeRenderer {

    /** VOSpace dates: UTC, milliseconds, no zone suffix (the Python client fails on "+00:00"). */
    public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    /**
     * detail=min: no properties; properties/raw: stored ones; max: plus readable/writable (and, for
     * the node a request names, who can open it: {@link #renderAsked}).
     */
    public enum Detail {
        MIN, PROPERTIES, MAX;

        public static Detail parse(String s) {
            if (s == null || s.isBlank()) {
                return MAX;
            }
            return switch (s.trim().toLowerCase()) {
                case "min" -> MIN;
                case "properties", "raw" -> PROPERTIES;
                case "max" -> MAX;
                default -> throw org.vosportal.vospace.VosFault.invalid("detail must be min, max or properties");
            };
        }
    }

    @Inject
    ServiceConfig config;

    @Inject
    Authorizer authorizer;

    @Inject
    NodeStore store;

    public static String formatDate(Instant t) {
        return DATE.format(t);
    }

    public VosUri uriOf(VosPath path) {
        return new VosUri(VosUri.canonicalAuthority(config.authority()), path);
    }

    /**
     * Renders one node (without children). {@code chain} is the node's ancestry (root first, the
     * node last) for the computed readable/writable flags.
     */
    public Node render(VosPath path, List<StoredNode> chain, Caller caller, Detail detail) {
        return render(path, chain, caller, detail, false);
    }

    /**
     * Renders the node a request names (not its children): at detail max also who can really open
     * it, from the chain the request loaded anyway. Children would each need a walk of their own;
     * a client derives theirs from the folder's (see {@link Props#EFFECTIVE_PUBLIC}).
     */
    public Node renderAsked(VosPath path, List<StoredNode> chain, Caller caller, Detail detail) {
        return render(path, chain, caller, detail, true);
    }

    private Node render(VosPath path, List<StoredNode> chain, Caller caller, Detail detail, boolean asked) {
        StoredNode n = chain.get(chain.size() - 1);
        Node.Builder b = Node.builder(uriOf(path), n.type()).target(n.linkTarget()).busy(false);
        if (detail == Detail.MIN) {
            return b.build();
        }
        Map<String, String> readOnly = new TreeMap<>();
        Map<String, String> writable = new TreeMap<>();
        readOnly.put(Props.DATE, formatDate(n.modified()));
        if (!n.isLink()) {
            readOnly.put(Props.LENGTH, Long.toString(n.length()));
        }
        if (n.md5() != null) {
            readOnly.put(Props.MD5, n.md5());
        }
        if (n.owner() != null) {
            readOnly.put(Props.CREATOR, n.owner());
        }
        if (n.quota() != null) {
            readOnly.put(Props.QUOTA, Long.toString(n.quota()));
        }
        if (!n.isRoot()) {
            writable.put(Props.IS_PUBLIC, Boolean.toString(n.isPublic()));
        }
        if (!n.groupRead().isEmpty()) {
            writable.put(Props.GROUP_READ, GroupUris.format(n.groupRead()));
        }
        if (!n.groupWrite().isEmpty()) {
            writable.put(Props.GROUP_WRITE, GroupUris.format(n.groupWrite()));
        }
        if (n.contentType() != null) {
            writable.put(Props.TYPE, n.contentType());
        }
        if (n.contentEncoding() != null) {
            writable.put(Props.ENCODING, n.contentEncoding());
        }
        if (n.locked()) {
            writable.put(Props.IS_LOCKED, "true");
        }
        if (n.isContainer() && !n.isRoot()) {
            writable.put(Props.INHERIT_PERMISSIONS, Boolean.toString(n.inheritPermissions()));
        }
        writable.putAll(n.properties());
        if (detail == Detail.MAX) {
            if (authorizer.canRead(caller, chain)) {
                readOnly.put(Props.READABLE, "true");
            }
            if (authorizer.canWrite(caller, chain)) {
                readOnly.put(Props.WRITABLE, "true");
            }
            if (asked) {
                putEffectiveAccess(path, chain, readOnly);
                putChildCount(n, chain, caller, readOnly);
            }
        }
        Map<String, Boolean> all = new TreeMap<>();
        readOnly.keySet().forEach(k -> all.put(k, true));
        writable.keySet().forEach(k -> all.putIfAbsent(k, false));
        all.forEach((k, ro) -> b.property(ro
                ? org.vosportal.vospace.Property.readOnly(k, readOnly.get(k))
                : org.vosportal.vospace.Property.of(k, writable.get(k))));
        return b.build();
    }

    /**
     * A folder's number of children, for those who may list it (a count says something about
     * what is inside). Not on the root, whose listing shows only the homes one can read.
     */
    private void putChildCount(StoredNode n, List<StoredNode> chain, Caller caller, Map<String, String> readOnly) {
        if (n.isContainer() && !n.isRoot() && authorizer.canRead(caller, chain)) {
            readOnly.put(Props.CHILD_COUNT, Long.toString(store.countChildren(n.id())));
        }
    }

    private void putEffectiveAccess(VosPath path, List<StoredNode> chain, Map<String, String> readOnly) {
        EffectiveAccess access = authorizer.effectiveAccess(chain);
        if (access == null) {
            return; // the root
        }
        readOnly.put(Props.EFFECTIVE_PUBLIC, Boolean.toString(access.isPublic()));
        if (!access.groups().isEmpty()) {
            readOnly.put(Props.EFFECTIVE_GROUP_READ,
                    GroupUris.format(access.groups().stream().map(g -> config.groupAuthority() + "?" + g).toList()));
        }
        if (access.publicBlockedAt() >= 0) {
            readOnly.put(Props.PUBLIC_BLOCKED_BY, uriOf(path.prefix(access.publicBlockedAt())).toString());
        }
    }
}
