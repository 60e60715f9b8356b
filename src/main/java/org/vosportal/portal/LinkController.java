package org.vosportal.portal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.VosUri;
import org.vosportal.vospace.client.UpstreamException;
import org.vosportal.vospace.client.VosSession;

/** Link nodes: creating one (to a web address or a node of the same service) and following one. */
@RequestScoped
@Path("/storage")
@CsrfChecked
public class LinkController extends PortalController {

    @POST
    @Path("{svc}/link")
    public Response link(@PathParam("svc") String svc, @FormParam("parent") String parent,
            @FormParam("name") String name, @FormParam("target") String target) {
        VosPath parentPath = formPath(parent);
        VosPath at = newChild(parentPath, name, false);
        String t = target == null ? "" : target.strip();
        VosSession vos = session(svc);
        String targetUri;
        if (t.startsWith("/")) {
            targetUri = vos.uriOf(formPath(t)).toString();
        } else if (t.matches("(?i)(https?|vos)://\\S+")) {
            targetUri = t;
        } else {
            throw new PortalException(400, msg.badLinkTarget());
        }
        create(vos, at, NodeType.LINK, targetUri);
        return seeOther(PortalUrls.list(svc, parentPath), msg.linkCreated(at.name()));
    }

    /** Following a link that points into the same service: to the folder's listing or the file's download. */
    @GET
    @Path("{svc}/follow{path: (/.*)?}")
    public Response follow(@PathParam("svc") String svc) {
        VosPath path = pathAfter(svc, "follow");
        VosSession vos = session(svc);
        Node link = vos.node(path, 0, null);
        if (link.target() == null) {
            return seeOther(PortalUrls.list(svc, path));
        }
        VosUri target;
        try {
            target = VosUri.parse(link.target());
        } catch (IllegalArgumentException e) {
            throw new PortalException(400, msg.linkOutside(link.target()));
        }
        Node t;
        try {
            t = vos.node(target.path(), 0, null);
        } catch (UpstreamException e) {
            if (e.status() == 404) {
                throw new PortalException(404, msg.danglingLink(target.path().toString()));
            }
            throw e;
        }
        // always a path of this portal: a stored target never sends the browser anywhere else
        return seeOther(t.type() == NodeType.CONTAINER ? PortalUrls.list(svc, target.path())
                : PortalUrls.download(svc, target.path()));
    }
}
