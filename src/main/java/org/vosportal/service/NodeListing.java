package org.vosportal.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.vosportal.service.NodeRenderer.Detail;
import org.vosportal.service.NodeResolver.Resolved;
import org.vosportal.service.auth.Authorizer;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.store.ChildQuery;
import org.vosportal.service.store.NodeStore;
import org.vosportal.service.store.StoredNode;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeXml;
import org.vosportal.vospace.Props;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosUri;

/**
 * Writes a node document with its children, streaming: children are fetched from the store in
 * keyset pages and written as they come, so a listing of any size needs constant memory.
 */
@ApplicationScoped
public class NodeListing {

    private static final int BATCH = 1000;

    @Inject
    NodeStore store;

    @Inject
    NodeRenderer renderer;

    @Inject
    Authorizer authorizer;

    /** A validated listing request. {@code limit} is -1 for all children. */
    public record Request(Detail detail, int limit, String startName, ChildQuery.SortKey sort, boolean descending) {
    }

    /** Parses the query parameters of GET /nodes (limit, uri, sort, order, detail). */
    public Request parse(Resolved r, String detail, String limit, String uri, String sort, String order) {
        Detail d = Detail.parse(detail);
        int lim = -1;
        if (limit != null) {
            try {
                lim = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw new VosFault(Fault.InvalidArgument, "limit must be a non-negative integer");
            }
            if (lim < 0) {
                throw new VosFault(Fault.InvalidArgument, "limit must be a non-negative integer");
            }
        }
        String start = null;
        if (uri != null && !uri.isBlank()) {
            VosUri u = VosUri.parse(uri);
            if (u.path().isRoot() || !u.path().parent().equals(r.path())) {
                throw new VosFault(Fault.InvalidURI, "uri must name a direct child of " + r.path());
            }
            start = u.path().name();
        }
        ChildQuery.SortKey key = ChildQuery.SortKey.NAME;
        if (sort != null && !sort.isBlank()) {
            key = switch (sort.trim()) {
                case Props.DATE -> ChildQuery.SortKey.DATE;
                case Props.LENGTH -> ChildQuery.SortKey.LENGTH;
                default -> throw new VosFault(Fault.InvalidArgument, "sort by " + sort + " is not supported");
            };
        }
        boolean desc = false;
        if (order != null && !order.isBlank()) {
            desc = switch (order.trim().toLowerCase()) {
                case "asc" -> false;
                case "desc" -> true;
                default -> throw new VosFault(Fault.InvalidArgument, "order must be asc or desc");
            };
        }
        if (start != null && (key != ChildQuery.SortKey.NAME || desc)) {
            throw new VosFault(Fault.OptionNotSupported, "paging with uri is only supported in ascending name order");
        }
        return new Request(d, lim, start, key, desc);
    }

    public void write(Resolved r, Caller caller, Request req, OutputStream os) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 64 * 1024);
        Node head = renderer.render(r.path(), r.chain(), caller, req.detail());
        NodeXml.writeOpen(head, out);
        StoredNode node = r.node();
        if (node.isContainer() && req.limit() != 0 && authorizer.canRead(caller, r.chain())) {
            writeChildren(r, caller, req, out);
        }
        NodeXml.writeClose(head, out);
        out.flush();
    }

    private void writeChildren(Resolved r, Caller caller, Request req, Writer out) {
        boolean filter = r.node().isRoot(); // the root shows only the homes the caller can read
        long remaining = req.limit() < 0 ? Long.MAX_VALUE : req.limit();
        if (req.sort() != ChildQuery.SortKey.NAME || req.descending()) {
            // sorted listings are not keyset-paged: one query, bounded by the limit
            int lim = req.limit() < 0 ? -1 : req.limit();
            for (StoredNode child : store.listChildren(r.node().id(),
                    new ChildQuery(null, filter ? -1 : lim, req.sort(), req.descending()))) {
                if (remaining == 0) {
                    break;
                }
                if (emit(r, child, caller, req, out, filter)) {
                    remaining--;
                }
            }
            return;
        }
        String start = req.startName();
        boolean inclusive = true;
        while (remaining > 0) {
            int batch = (int) Math.min(BATCH, remaining + (inclusive ? 0 : 1));
            List<StoredNode> page = store.listChildren(r.node().id(), ChildQuery.page(start, batch));
            int used = 0;
            for (StoredNode child : page) {
                used++;
                if (!inclusive && child.name().equals(start)) {
                    continue; // the keyset start is inclusive: skip the row we already wrote
                }
                if (remaining == 0) {
                    break;
                }
                if (emit(r, child, caller, req, out, filter)) {
                    remaining--;
                }
            }
            if (page.size() < batch || used == 0) {
                return;
            }
            start = page.get(page.size() - 1).name();
            inclusive = false;
        }
    }

    private boolean emit(Resolved r, StoredNode child, Caller caller, Request req, Writer out, boolean filter) {
        List<StoredNode> chain = r.childChain(child);
        if (filter && !authorizer.canRead(caller, chain)) {
            return false;
        }
        NodeXml.writeChild(renderer.render(r.path().child(child.name()), chain, caller, req.detail()), out);
        return true;
    }
}
