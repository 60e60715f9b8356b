package org.vosportal.portal;

import io.smallrye.mutiny.Uni;
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
    public Uni<Response> link(@PathParam("svc") String svc, @FormParam("parent") String parent,
            @FormParam("name") String name, @FormParam("target") String target) {
        VosPath parentPath = formPath(parent);
        VosPath at = newChild(parentPath, name, false);
        String t = target == null ? "" : target.strip();
        Uni<VosSession> session = session(svc);
        // refused before the service is asked: a path in this service, or a web or vos address
        VosPath targetPath = t.startsWith("/") ? formPath(t) : null;
        if (targetPath == null && !t.matches("(?i)(https?|vos)://\\S+")) {
            throw new PortalException(400, msg.badLinkTarget());
        }
        return session.flatMap(vos -> (targetPath != null ? vos.uriOf(targetPath).map(VosUri::toString)
                : Uni.createFrom().item(t)).flatMap(targetUri -> create(vos, at, NodeType.LINK, targetUri)))
                .map(created -> seeOther(PortalUrls.list(svc, parentPath), msg.linkCreated(at.name())));
    }

    /** Following a link that points into the same service: to the folder's listing or the file's download. */
    @GET
    @Path("{svc}/follow{path: (/.*)?}")
    public Uni<Response> follow(@PathParam("svc") String svc) {
        VosPath path = pathAfter(svc, "follow");
        return session(svc).flatMap(vos -> vos.node(path, 0, null).flatMap(link -> toTarget(vos, svc, path, link)));
    }

    private Uni<Response> toTarget(VosSession vos, String svc, VosPath path, Node link) {
        if (link.target() == null) {
            return Uni.createFrom().item(seeOther(PortalUrls.list(svc, path)));
        }
        VosUri target;
        try {
            target = VosUri.parse(link.target());
        } catch (IllegalArgumentException e) {
            throw new PortalException(400, msg.linkOutside(link.target()));
        }
        return vos.node(target.path(), 0, null)
                .onFailure(UpstreamException.withStatus(404))
                .transform(e -> new PortalException(404, msg.danglingLink(target.path().toString())))
                // always a path of this portal: a stored target never sends the browser anywhere else
                .map(t -> seeOther(t.type() == NodeType.CONTAINER ? PortalUrls.list(svc, target.path())
                        : PortalUrls.download(svc, target.path())));
    }
}
