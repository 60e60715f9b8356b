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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.vosportal.vospace.VosPath;

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
    PortalConfig config;

    /** One page of the trash ({@code after}: the item the previous page ended with). */
    @GET
    public Uni<Response> page(@PathParam("svc") String svc, @QueryParam("after") String after) {
        VosPath me = requireHome(svc);
        String from = blankToNull(after);
        return session(svc).flatMap(vos -> {
            // the first page purges what expired (later pages are read on the way through)
            Uni<Integer> purged = from == null ? trash.purgeExpired(vos, me, Instant.now()) : Uni.createFrom().item(0);
            return purged.flatMap(n -> trash.page(vos, me, from, config.trash().pageSize())
                    .map(listed -> page(svc, me, from, n, listed)));
        });
    }

    private Response page(String svc, VosPath me, String from, int purged, Trash.Page listed) {
        Flash.Message said = flash.take();
        String text = said != null ? said.text() : purged > 0 ? msg.trashPurged(purged, trash.retentionText()) : null;
        TrashPage page = new TrashPage(svc, me, listed.items(), text, trash.retentionText(), from,
                listed.nextAfter() == null ? null : PortalUrls.trash(svc, listed.nextAfter()));
        return Response.ok(Templates.trash(page)).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("restore")
    public Uni<Response> restore(@PathParam("svc") String svc, @FormParam("name") String name,
            @FormParam("after") String after) {
        VosPath me = requireHome(svc);
        return session(svc).flatMap(vos -> trash.restore(vos, me, name)).map(r -> seeOther(backTo(svc, after),
                msg.restored(r.originalName(), r.path().parent().toString(), r.path().name(), r.renamed(),
                        r.parentRecreated())));
    }

    @POST
    @Path("delete")
    public Uni<Response> deleteForever(@PathParam("svc") String svc, @FormParam("name") String name,
            @FormParam("after") String after) {
        VosPath me = requireHome(svc);
        return session(svc).flatMap(vos -> trash.item(vos, me, name)
                .flatMap(item -> trash.deleteForever(vos, me, name, item.row().type())
                        .map(deleted -> seeOther(backTo(svc, after), msg.deletedForever(item.shownName())))));
    }

    @POST
    @Path("empty")
    public Uni<Response> empty(@PathParam("svc") String svc) {
        VosPath me = requireHome(svc);
        return session(svc).flatMap(vos -> trash.empty(vos, me))
                .map(done -> seeOther(PortalUrls.trash(svc), done ? msg.trashEmptied() : msg.trashEmptying()));
    }

    /** The page of the trash a form was on (its {@code after}; a name that is not one: the first page). */
    private static String backTo(String svc, String after) {
        String from = blankToNull(after);
        try {
            return PortalUrls.trash(svc, from == null ? null : VosPath.checkName(from));
        } catch (IllegalArgumentException e) {
            return PortalUrls.trash(svc);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
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
