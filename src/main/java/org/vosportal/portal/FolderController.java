package org.vosportal.portal;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.VosPath;

/** Folders: creating one, and the folder picker's lazy tree of sub-folders. */
@RequestScoped
@Path("/storage")
@CsrfChecked
public class FolderController extends PortalController {

    /** Most children of one folder the picker looks at. */
    static final int TREE_LIMIT = 500;

    @Inject
    Trash trash;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance tree(String svc, List<VosPath> folders);
    }

    /** Create folder: a plain form post; redirects back to the listing (htmx follows it). */
    @POST
    @Path("{svc}/mkdir")
    public Uni<Response> mkdir(@PathParam("svc") String svc, @FormParam("parent") String parent,
            @FormParam("name") String name) {
        VosPath parentPath = formPath(parent);
        VosPath target = newChild(parentPath, name, true);
        return session(svc).flatMap(vos -> create(vos, target, NodeType.CONTAINER, null))
                .map(created -> seeOther(PortalUrls.list(svc, parentPath), msg.folderCreated(target.name())));
    }

    /** The sub-folders of one folder (of its first {@link #TREE_LIMIT} children), each to choose or open. */
    @GET
    @Path("{svc}/folders{path: (/.*)?}")
    public Uni<TemplateInstance> folders(@PathParam("svc") String svc) {
        VosPath path = pathAfter(svc, "folders");
        VosPath home = trash.homeOf(svc, user.name());
        return session(svc).flatMap(vos -> vos.node(path, TREE_LIMIT, null)).map(node -> {
            List<VosPath> folders = node.children().stream().filter(c -> c.type() == NodeType.CONTAINER)
                    .map(c -> path.child(c.name())).filter(p -> !Trash.isTrash(home, p)).toList();
            return Templates.tree(svc, folders);
        });
    }
}
