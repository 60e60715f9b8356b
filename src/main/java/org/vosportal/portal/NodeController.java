package org.vosportal.portal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.client.VosClient;

/** Any node's bytes and its removal: download of a file, delete of files, links and folders. */
@RequestScoped
@Path("/storage")
@CsrfChecked
public class NodeController extends PortalController {

    @Inject
    PortalJobs jobs;

    /** Download one file: the service hands out a pre-authorised URL; the token never reaches the browser. */
    @GET
    @Path("{svc}/download{path: (/.*)?}")
    public Response download(@PathParam("svc") String svc) {
        VosPath path = pathAfter(svc, "download");
        return Redirects.seeOtherAbsolute(client(svc).downloadUrl(path, token()));
    }

    /** Delete one or more items; non-empty folders go through the service's recursive delete job. */
    @POST
    @Path("{svc}/delete")
    public Response delete(@PathParam("svc") String svc, @FormParam("path") List<String> paths) {
        if (paths == null || paths.isEmpty()) {
            throw new PortalException(400, msg.nothingToDelete());
        }
        VosClient client = client(svc);
        VosPath parent = null;
        String jobId = null;
        for (String p : paths) {
            VosPath path = formPath(p);
            parent = path.parent();
            Node n = client.node(path, token(), 1, null);
            if (n.type() == NodeType.CONTAINER && !n.children().isEmpty()) {
                String job = client.recursiveDelete(path, token());
                jobId = jobs.track(svc, user.name(), job, msg.jobDeleting(path.name()));
            } else {
                client.delete(path, token());
            }
        }
        String what = msg.itemsNamed(paths.size(), formPath(paths.get(0)).name());
        String folder = PortalUrls.list(svc, parent == null ? VosPath.ROOT : parent);
        return jobId != null ? seeOther(folder, msg.deleting(what), jobId) : seeOther(folder, msg.deleted(what));
    }
}
