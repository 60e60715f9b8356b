package org.vosportal.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vosportal.service.NodeResolver.Resolved;
import org.vosportal.service.auth.Authorizer;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.blob.BlobStore;
import org.vosportal.service.store.NewNode;
import org.vosportal.service.store.NodeStore;
import org.vosportal.service.store.StoredNode;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.VosUri;

/** Node operations of /nodes: create, set properties, delete, with permission checks. */
@ApplicationScoped
public class NodeService {

    @Inject
    NodeStore store;

    @Inject
    BlobStore blobs;

    @Inject
    NodeResolver resolver;

    @Inject
    Authorizer authorizer;

    @Inject
    PropertyEditor editor;

    @Inject
    ServiceConfig config;

    /** Checks a node document's URI against the URL it was sent to. */
    public void checkDocumentUri(Node doc, VosPath urlPath) {
        if (!doc.uri().authority().equals(VosUri.canonicalAuthority(config.authority()))) {
            throw new VosFault(Fault.InvalidURI, "node URI names another service: " + doc.uri());
        }
        if (!doc.path().equals(urlPath)) {
            throw new VosFault(Fault.InvalidURI, "node URI " + doc.uri() + " does not match the URL path " + urlPath);
        }
    }

    /** 403 without write permission, 423 when only the lock stands in the way. */
    public void requireWrite(Caller caller, List<StoredNode> chain, VosPath path) {
        if (!authorizer.canWriteIgnoringLock(caller, chain)) {
            throw VosFault.denied("no write access to " + path);
        }
        if (chain.get(chain.size() - 1).locked()) {
            throw new VosFault(Fault.NodeLocked, path.toString());
        }
    }

    public void requireRead(Caller caller, List<StoredNode> chain, VosPath path) {
        if (!authorizer.canRead(caller, chain)) {
            throw VosFault.denied("no read access to " + path);
        }
    }

    /**
     * Metadata of a node is visible to whoever can read the node or list its parent (where it
     * would show up anyway). This closes what the home exemption in path traversal would
     * otherwise reveal: the properties of a private item directly in someone's home.
     */
    public void requireMetadataAccess(Caller caller, Resolved r) {
        boolean parentListable = r.chain().size() > 2 && authorizer.canRead(caller, r.parentChain());
        if (r.node().isRoot() || authorizer.canRead(caller, r.chain()) || parentListable) {
            return; // (a home's metadata is its owner's business: the root lists only readable homes)
        }
        throw VosFault.denied("no read access to " + r.path());
    }

    /** createNode: PUT /nodes/{path}. */
    public Resolved create(Caller caller, VosPath requested, Node doc) {
        checkDocumentUri(doc, requested);
        VosPath path = requested.nfc(); // stored names are NFC: no look-alike twins
        Resolved parent = resolver.resolveParent(caller, path);
        requireWrite(caller, parent.chain(), parent.path());
        if (store.findChild(parent.node().id(), path.name()).isPresent()) {
            throw new VosFault(Fault.DuplicateNode, path.toString());
        }
        editor.validate(doc.properties());
        String target = doc.type() == NodeType.LINK ? checkLinkTarget(doc.target()) : null;
        StoredNode draft = inheritFrom(parent.node(), doc.type());
        StoredNode merged = editor.apply(draft, doc.properties());
        NewNode spec = new NewNode(path.name(), doc.type(), caller.user(), merged.isPublic(), merged.groupRead(),
                merged.groupWrite(), merged.locked(), merged.inheritPermissions(), target, merged.contentType(),
                merged.contentEncoding(), null, merged.properties());
        StoredNode created = store.create(parent.node().id(), spec);
        return new Resolved(parent.path().child(path.name()), parent.childChain(created));
    }

    /**
     * A blank node carrying what a new child inherits: with {@code inheritPermissions} on the parent,
     * its public flag and groups (and, for containers, the inherit flag itself).
     */
    public StoredNode inheritFrom(StoredNode parent, NodeType type) {
        boolean inherit = parent.inheritPermissions();
        Instant now = Instant.now();
        return new StoredNode(0, parent.id(), "", type, null, inherit && parent.isPublic(),
                inherit ? parent.groupRead() : List.of(), inherit ? parent.groupWrite() : List.of(), false,
                inherit && type == NodeType.CONTAINER, null, 0, null, null, null, null, null, now, now, Map.of());
    }

    /** Schemes a LinkNode may point at: nodes (vos) and web pages; never script, data or local files. */
    static final Set<String> LINK_SCHEMES = Set.of("vos", "http", "https");

    static String checkLinkTarget(String target) {
        if (target == null || target.isBlank() || target.length() > 4000) {
            throw VosFault.invalid("a LinkNode needs a target URI of at most 4000 characters");
        }
        URI u;
        try {
            u = new URI(target.trim());
        } catch (URISyntaxException e) {
            throw VosFault.invalid("link target is not a valid URI");
        }
        if (!u.isAbsolute()) {
            throw VosFault.invalid("link target must be an absolute URI");
        }
        // every client that shows links (portals, storage-ui) would otherwise have to refuse
        // javascript:, data: or file: itself
        if (!LINK_SCHEMES.contains(u.getScheme().toLowerCase(Locale.ROOT))) {
            throw VosFault.invalid("link target must be a vos, http or https URI, not " + u.getScheme() + ":");
        }
        return target.trim();
    }

    /** setNode: POST /nodes/{path}. Locks do not stop property changes (so an owner can unlock). */
    public Resolved setProperties(Caller caller, VosPath path, Node doc) {
        checkDocumentUri(doc, path);
        Resolved r = resolver.resolve(caller, path);
        StoredNode node = r.node();
        if (doc.type() != node.type()) {
            throw VosFault.invalid("node type " + doc.type().xsiType() + " differs from the stored "
                    + node.type().xsiType());
        }
        if (!authorizer.canWriteIgnoringLock(caller, r.chain())) {
            throw VosFault.denied("no write access to " + path);
        }
        StoredNode changed = editor.apply(node, doc.properties());
        requirePermissionChangeAllowed(caller, r.chain(), node, changed, path);
        StoredNode updated = store.updateMetadata(changed);
        return new Resolved(r.path(), r.childChainReplacingLast(updated));
    }

    /**
     * Who may read or write a node, and its lock, is changed only by its owner or the home owner:
     * a group writer who could set {@code ispublic}, the groups or the lock could open the node
     * to anyone or shut its owner out. Sending the current values back (clients POST whole
     * documents) is no change and is allowed.
     */
    public void requirePermissionChangeAllowed(Caller caller, List<StoredNode> chain, StoredNode before,
            StoredNode after, VosPath path) {
        if (!PropertyEditor.permissionsDiffer(before, after) || authorizer.canChangePermissions(caller, chain)) {
            return;
        }
        throw VosFault.denied("only the owner of " + path + " may change its permissions or lock");
    }

    /** deleteNode: DELETE /nodes/{path}. Needs write on the parent; a locked node is 423. */
    public void delete(Caller caller, VosPath path) {
        Resolved r = resolver.resolve(caller, path);
        if (r.node().isRoot() || r.chain().size() == 2) {
            throw VosFault.denied("the root and home containers cannot be deleted");
        }
        requireWrite(caller, r.parentChain(), path.parent());
        if (r.node().locked()) {
            throw new VosFault(Fault.NodeLocked, path.toString());
        }
        // a container that is not empty (or gets a child meanwhile) is refused by the store under
        // its locks: ContainerNotEmpty, answered InvalidArgument (StoreFaults)
        blobs.delete(store.delete(r.node().id()));
    }
}
