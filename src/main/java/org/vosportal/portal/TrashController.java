package org.vosportal.portal;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.client.VosSession;

/**
 * The user's trash on one service, {@code /storage/{svc}/trash}: what was deleted through the
 * portal, where it was and when, with Restore, Delete forever and Empty trash. Opening it also
 * removes what is older than the retention (so services other than the embedded one, which has
 * its own scheduled purge, expire items too).
 */
@RequestScoped
@Path("/storage/{svc}/trash")
@CsrfChecked
public class TrashController extends PortalController {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance trash(TrashPage page);
    }

    @Inject
    Trash trash;

    @Inject
    VosClients clients;

    @GET
    public Response page(@PathParam("svc") String svc) {
        VosSession vos = session(svc);
        VosPath me = requireHome(svc);
        int purged = trash.purgeExpired(vos, me, Instant.now());
        List<Trash.Item> items = trash.list(vos, me);
        Flash.Message said = flash.take();
        String text = said != null ? said.text() : purged > 0 ? msg.trashPurged(purged, trash.retentionText()) : null;
        TrashPage page = new TrashPage(svc, new ArrayList<>(clients.names()), user.name(), me, csrf.token(), items, text,
                trash.retentionText(), items.size() >= Trash.MAX_LISTED);
        return Response.ok(Templates.trash(page)).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("restore")
    public Response restore(@PathParam("svc") String svc, @FormParam("name") String name) {
        VosSession vos = session(svc);
        VosPath me = requireHome(svc);
        Trash.Restored r = trash.restore(vos, me, name);
        return seeOther(PortalUrls.trash(svc), msg.restored(r.originalName(), r.path().parent().toString(), r.path().name(),
                r.renamed(), r.parentRecreated()));
    }

    @POST
    @Path("delete")
    public Response deleteForever(@PathParam("svc") String svc, @FormParam("name") String name) {
        VosSession vos = session(svc);
        VosPath me = requireHome(svc);
        Trash.Item item = trash.item(vos, me, name);
        trash.deleteForever(vos, me, name, item.row().type());
        return seeOther(PortalUrls.trash(svc), msg.deletedForever(item.shownName()));
    }

    @POST
    @Path("empty")
    public Response empty(@PathParam("svc") String svc) {
        VosPath me = requireHome(svc);
        boolean done = trash.empty(session(svc), me);
        return seeOther(PortalUrls.trash(svc), done ? msg.trashEmptied() : msg.trashEmptying());
    }

    /** The trash is in a logged-in user's home: anyone else goes through the login and back here. */
    private VosPath requireHome(String svc) {
        client(svc); // 404 in words for a service that is not configured
        if (user.name() == null) {
            throw new PortalException(401, msg.trashLogIn());
        }
        VosPath home = trash.homeOf(svc, user.name());
        if (home == null) {
            throw new PortalException(404, msg.trashNoHome(svc));
        }
        return home;
    }
}
