package org.vosportal.service.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.vosportal.service.NodeListing;
import org.vosportal.service.NodeRenderer;
import org.vosportal.service.NodeRenderer.Detail;
import org.vosportal.service.NodeResolver;
import org.vosportal.service.NodeResolver.Resolved;
import org.vosportal.service.NodeService;
import org.vosportal.service.ServiceConfig;
import org.vosportal.service.auth.Caller;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeXml;
import org.vosportal.vospace.SafeXml;
import org.vosportal.vospace.VosPath;

/** {@code /vault/nodes/{path}}: read, create, update and delete nodes. */
@RequestScoped
@Path("/vault/nodes")
public class NodesResource {

    static final String PREFIX = "/vault/nodes";
    static final String XML = "text/xml; charset=UTF-8";

    @Inject
    Caller caller;

    @Inject
    NodeResolver resolver;

    @Inject
    NodeService nodes;

    @Inject
    NodeListing listing;

    @Inject
    NodeRenderer renderer;

    @Inject
    ServiceConfig config;

    @Context
    HttpServerRequest request;

    @GET
    @Path("{path: .*}")
    public Response get() {
        VosPath path = RequestPaths.nodePath(request, PREFIX);
        Map<String, List<String>> q = RequestPaths.query(request);
        if ("data".equalsIgnoreCase(RequestPaths.first(q, "view"))) {
            return Response.seeOther(URI.create(config.baseUrl() + "/files" + path.toUrlPath())).build();
        }
        Resolved r = resolver.resolveCutoutSource(caller, path);
        nodes.requireMetadataAccess(caller, r);
        NodeListing.Request req = listing.parse(r, caller, RequestPaths.first(q, "detail"),
                RequestPaths.first(q, "limit"), RequestPaths.first(q, "uri"), RequestPaths.first(q, "sort"),
                RequestPaths.first(q, "order"));
        StreamingOutput body = os -> listing.write(r, caller, req, org.vosportal.PacedOutput.around(os));
        return Response.ok(body, XML).build();
    }

    @PUT
    @Path("{path: .*}")
    public Response create(InputStream body) throws IOException {
        VosPath path = RequestPaths.nodePath(request, PREFIX);
        Node doc = NodeXml.read(SafeXml.readBounded(body, config.maxXmlBytes()));
        Resolved created = nodes.create(caller, path, doc);
        return Response.status(201).type(XML).entity(render(created)).build();
    }

    @POST
    @Path("{path: .*}")
    public Response update(InputStream body) throws IOException {
        VosPath path = RequestPaths.nodePath(request, PREFIX);
        Node doc = NodeXml.read(SafeXml.readBounded(body, config.maxXmlBytes()));
        Resolved updated = nodes.setProperties(caller, path, doc);
        return Response.ok(render(updated), XML).build();
    }

    @DELETE
    @Path("{path: .*}")
    public Response delete() {
        nodes.delete(caller, RequestPaths.nodePath(request, PREFIX));
        return Response.ok().build();
    }

    private String render(Resolved r) {
        return NodeXml.toXml(renderer.renderAsked(r.path(), r.chain(), caller, Detail.MAX));
    }
}
