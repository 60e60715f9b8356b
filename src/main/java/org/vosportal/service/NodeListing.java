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

    /**
     * A validated listing request. {@code limit} is -1 for all children; {@code start} is the
     * first page's query (its limit unused), starting at the {@code uri} child if one was given.
     */
    public record Request(Detail detail, int limit, ChildQuery start) {
    }

    /** Parses the query parameters of GET /nodes (limit, uri, sort, order, detail). */
    public Request parse(Resolved r, Caller caller, String detail, String limit, String uri, String sort,
            String order) {
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
                case Props.SORT_FOLDERS_FIRST -> ChildQuery.SortKey.FOLDERS_FIRST;
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
        boolean listed = lim != 0 && lists(r, caller);
        return new Request(d, lim, firstPage(r, listed ? start : null, key, desc));
    }

    /** Whether the children are listed at all (a container the caller can read). */
    private boolean lists(Resolved r, Caller caller) {
        return r.node().isContainer() && authorizer.canRead(caller, r.chain());
    }

    /**
     * In name order a start need not exist (the page begins at the next name). Sorted by date or
     * length, the start's position is its sort value, so the child must exist: looked up here,
     * before any byte of the answer is written, and only when children are listed (else a 404
     * would tell a caller who may not list the folder whether a name is in it).
     */
    private ChildQuery firstPage(Resolved r, String start, ChildQuery.SortKey key, boolean desc) {
        if (start == null || key == ChildQuery.SortKey.NAME) {
            return new ChildQuery(start, -1, key, desc);
        }
        StoredNode row = store.findChild(r.node().id(), start).orElseThrow(() -> new VosFault(Fault.NodeNotFound,
                "uri: " + r.path().child(start) + " (the child to start from) was not found"));
        return ChildQuery.from(row, -1, key, desc);
    }

    public void write(Resolved r, Caller caller, Request req, OutputStream os) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 64 * 1024);
        Node head = renderer.renderAsked(r.path(), r.chain(), caller, req.detail());
        NodeXml.writeOpen(head, out);
        StoredNode node = r.node();
        if (req.limit() != 0 && lists(r, caller)) {
            writeChildren(r, caller, req, out);
        }
        NodeXml.writeClose(head, out);
        out.flush();
    }

    /** Keyset pages in any order: each batch starts (inclusively) at the last row of the one before. */
    private void writeChildren(Resolved r, Caller caller, Request req, Writer out) {
        boolean filter = r.node().isRoot(); // the root shows only the homes the caller can read
        long remaining = req.limit() < 0 ? Long.MAX_VALUE : req.limit();
        ChildQuery q = req.start();
        String skip = null; // the start row of a later batch, already written
        while (remaining > 0) {
            int batch = (int) Math.min(BATCH, remaining + (skip == null ? 0 : 1));
            List<StoredNode> page = store.listChildren(r.node().id(),
                    new ChildQuery(q.startName(), q.startKey(), batch, q.sort(), q.descending()));
            for (StoredNode child : page) {
                if (remaining == 0) {
                    return;
                }
                if (child.name().equals(skip)) {
                    continue;
                }
                if (emit(r, child, caller, req, out, filter)) {
                    remaining--;
                }
            }
            if (page.size() < batch) {
                return;
            }
            StoredNode last = page.get(page.size() - 1);
            q = ChildQuery.from(last, -1, q.sort(), q.descending());
            skip = last.name();
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
