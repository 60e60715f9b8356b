package org.vosportal.service.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.vosportal.service.NodeResolver.Resolved;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.transfer.ContentService;
import org.vosportal.service.transfer.PreauthUrls;
import org.vosportal.vospace.VosPath;

/**
 * {@code /vault/files/{path}} (files-proto): GET answers 303 to a pre-authorised URL of the bytes,
 * HEAD describes them.
 */
@RequestScoped
@Path("/vault/files")
public class FilesResource {

    static final String PREFIX = "/vault/files";

    @Inject
    Caller caller;

    @Inject
    ContentService content;

    @Inject
    PreauthUrls urls;

    @Context
    HttpServerRequest request;

    @GET
    @Path("{path: .*}")
    public Response get() {
        VosPath path = RequestPaths.nodePath(request, PREFIX);
        Resolved r = content.planPull(caller, path);
        if (r.node().blobId() == null) {
            return Response.noContent().build();
        }
        String location = urls.download(caller, r);
        if (request.query() != null && !request.query().isEmpty()) {
            location += "?" + request.query();
        }
        return Response.seeOther(URI.create(location))
                .header("Content-Disposition", DownloadHeaders.disposition("inline", r.node().name())).build();
    }

    @HEAD
    @Path("{path: .*}")
    public Response head() {
        Resolved r = content.planPull(caller, RequestPaths.nodePath(request, PREFIX));
        return DownloadHeaders.describe(Response.ok(), r.node(), "inline")
                .header("Content-Length", Long.toString(r.node().length())).build();
    }
}
