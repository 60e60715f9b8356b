package org.vosportal.service.rest;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.vosportal.service.ServiceConfig;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.share.ShareLinks;
import org.vosportal.service.share.SharedWithMe;
import org.vosportal.service.transfer.TransferNegotiator;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.VosUri;

/**
 * This service's sharing extensions (not VOSpace; announced in the capabilities, documented in
 * docs/ARCHITECTURE.md), JSON answers:
 * <ul>
 * <li>{@code POST /shares} (form {@code target}, {@code lifetime} ISO-8601 or seconds): a new
 * share link, 201;</li>
 * <li>{@code GET /shares}: the caller's active links ({@code works} false once the file was moved
 * or replaced); {@code ?target=} one node's active links
 * the caller may revoke;</li>
 * <li>{@code DELETE /shares/{id}}: revokes one, 204 (its maker or the file's owner);</li>
 * <li>{@code GET /shared-with-me?after=&limit=}: what others shared with the caller's groups.</li>
 * </ul>
 */
@RequestScoped
@Path("/vault")
public class ShareResource {

    public static final String SHARES_CAPABILITY = org.vosportal.vospace.client.Capabilities.SHARES;
    public static final String SHARED_WITH_ME_CAPABILITY = org.vosportal.vospace.client.Capabilities.SHARED_WITH_ME;

    @Inject
    Caller caller;

    @Inject
    ShareLinks links;

    @Inject
    SharedWithMe sharedWithMe;

    @Inject
    TransferNegotiator negotiator;

    @Inject
    ServiceConfig config;

    @Context
    HttpServerRequest request;

    @POST
    @Path("shares")
    public Response create(String body) {
        Map<String, String> form = FormParams.parse(body);
        VosPath path = target(form.get("target"));
        ShareLinks.Issued issued = links.create(caller, path, lifetime(form.get("lifetime")));
        return Response.created(URI.create(config.baseUrl() + "/shares/" + issued.link().id()))
                .entity(json(issued).encode()).type("application/json").build();
    }

    @GET
    @Path("shares")
    public Response list() {
        String target = RequestPaths.first(RequestPaths.query(request), "target");
        List<ShareLinks.Issued> found = target == null ? links.mine(caller) : links.of(caller, target(target));
        JsonArray out = new JsonArray();
        found.forEach(i -> out.add(json(i)));
        return ok(new JsonObject().put("links", out));
    }

    @DELETE
    @Path("shares/{id}")
    public Response revoke(@PathParam("id") String id) {
        links.revoke(caller, id);
        return Response.noContent().build();
    }

    @GET
    @Path("shared-with-me")
    public Response sharedWithMe() {
        Map<String, List<String>> q = RequestPaths.query(request);
        SharedWithMe.Page page = sharedWithMe.page(caller, number(RequestPaths.first(q, "after"), 0),
                (int) number(RequestPaths.first(q, "limit"), SharedWithMe.DEFAULT_PAGE));
        JsonArray nodes = new JsonArray();
        for (SharedWithMe.Entry e : page.entries()) {
            nodes.add(new JsonObject().put("uri", uri(e.path())).put("owner", e.node().owner())
                    .put("type", e.node().isContainer() ? "container" : e.node().isLink() ? "link" : "data")
                    .put("group", e.grant().group()).put("access", e.grant().write() ? "write" : "read"));
        }
        JsonObject out = new JsonObject().put("nodes", nodes);
        if (page.next() >= 0) {
            out.put("next", Long.toString(page.next()));
        }
        return ok(out);
    }

    private JsonObject json(ShareLinks.Issued i) {
        return new JsonObject().put("id", i.link().id()).put("uri", uri(i.link().path()))
                .put("url", i.url()).put("creator", i.link().creator())
                .put("created", i.link().created().toString()).put("expires", i.link().expires().toString())
                .put("works", i.works());
    }

    private String uri(VosPath path) {
        return new VosUri(VosUri.canonicalAuthority(config.authority()), path).toString();
    }

    private VosPath target(String target) {
        if (target == null || target.isBlank()) {
            throw VosFault.invalid("target (the node's vos:// URI) is required");
        }
        return negotiator.targetPath(target.trim()).nfc();
    }

    private static Duration lifetime(String v) {
        if (v == null || v.isBlank()) {
            throw VosFault.invalid("lifetime is required (an ISO-8601 duration such as P1D, or seconds)");
        }
        try {
            return v.trim().startsWith("P") ? Duration.parse(v.trim()) : Duration.ofSeconds(Long.parseLong(v.trim()));
        } catch (RuntimeException e) {
            throw VosFault.invalid("lifetime must be an ISO-8601 duration or a number of seconds");
        }
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

    private static Response ok(JsonObject body) {
        return Response.ok(body.encode(), "application/json").header("Cache-Control", "no-store").build();
    }
}
