package org.vosportal.service.rest;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vosportal.service.ServiceConfig;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.search.NodeSearch;
import org.vosportal.service.store.SearchQuery.PropCondition;
import org.vosportal.service.transfer.TransferNegotiator;
import org.vosportal.vospace.InvalidNameException;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.VosUri;

/**
 * This service's metadata search (not VOSpace; announced in the capabilities as
 * {@code ivo://vosportal.org/std/search#1.0}, documented in docs/ARCHITECTURE.md):
 * {@code GET /vault/search?under=&name=&prop=&op=&value=&limit=&after=}, JSON
 * {@code {"nodes":[{"uri","type","size","date"}],"next"}}. {@code prop}, {@code op} and
 * {@code value} may repeat (up to four conditions, paired by position; all must hold).
 */
@RequestScoped
@Path("/vault")
public class SearchResource {

    public static final String CAPABILITY = org.vosportal.vospace.client.Capabilities.SEARCH;

    @Inject
    Caller caller;

    @Inject
    NodeSearch search;

    @Inject
    TransferNegotiator negotiator;

    @Inject
    ServiceConfig config;

    @Context
    HttpServerRequest request;

    @GET
    @Path("search")
    public Response search() {
        Map<String, List<String>> q = RequestPaths.query(request);
        VosPath under = under(RequestPaths.first(q, "under"));
        List<String> props = q.getOrDefault("prop", List.of());
        List<String> ops = q.getOrDefault("op", List.of());
        List<String> values = q.getOrDefault("value", List.of());
        if (ops.size() > props.size() || values.size() > props.size()) {
            throw VosFault.invalid("each op= and value= belongs to a prop= before it");
        }
        if (props.size() > NodeSearch.MAX_CONDITIONS) {
            throw VosFault.invalid("at most " + NodeSearch.MAX_CONDITIONS + " property conditions");
        }
        List<PropCondition> conditions = new ArrayList<>();
        for (int i = 0; i < props.size(); i++) {
            conditions.add(NodeSearch.condition(props.get(i), i < ops.size() ? ops.get(i) : null,
                    i < values.size() ? values.get(i) : null));
        }
        NodeSearch.Page page = search.search(caller, under,
                new NodeSearch.Criteria(RequestPaths.first(q, "name"), conditions),
                RequestPaths.first(q, "after"), (int) number(RequestPaths.first(q, "limit"), NodeSearch.DEFAULT_PAGE));
        JsonArray nodes = new JsonArray();
        for (NodeSearch.Hit h : page.hits()) {
            nodes.add(new JsonObject().put("uri", uri(h.path()))
                    .put("type", h.node().isContainer() ? "container" : h.node().isLink() ? "link" : "data")
                    .put("size", h.node().length()).put("date", h.node().modified().toString()));
        }
        JsonObject out = new JsonObject().put("nodes", nodes);
        if (page.next() != null) {
            out.put("next", page.next());
        }
        return Response.ok(out.encode(), "application/json").header("Cache-Control", "no-store").build();
    }

    /** A node URI or a path; by default the caller's home. */
    private VosPath under(String v) {
        try {
            if (v == null || v.isBlank()) {
                if (caller.isAnonymous() || caller.preauthorized()) {
                    throw VosFault.invalid("under: the folder to search (a vos:// URI or a path)");
                }
                return VosPath.ROOT.child(caller.user());
            }
            String t = v.trim();
            return (t.startsWith("vos:") ? negotiator.targetPath(t) : VosPath.parse(t)).nfc();
        } catch (InvalidNameException e) {
            throw VosFault.invalid("under: " + e.getMessage());
        }
    }

    private String uri(VosPath path) {
        return new VosUri(VosUri.canonicalAuthority(config.authority()), path).toString();
    }

    private static long number(String v, long dflt) {
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw VosFault.invalid("not a number: " + v);
        }
    }
}
