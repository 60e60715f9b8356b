package org.vosportal.portal;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.client.SharedNode;
import org.vosportal.vospace.client.VosSession;

/**
 * {@code /storage/{svc}/shares}: the links the user shared (expiry, copy, revoke) and what others
 * shared with the user's groups, both asked of the service's sharing extensions; a service
 * without them gets a page that says so. {@code POST .../shares/revoke} revokes one link (from
 * this page or from the details dialog, which it returns to).
 */
@RequestScoped
@Path("/storage/{svc}")
@CsrfChecked
public class SharesController extends PortalController {

    /** Rows of "Shared with me" per page. */
    static final int SHARED_PAGE = 100;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance shares(SharesPage page);
    }

    @GET
    @Path("shares")
    public Uni<Response> page(@PathParam("svc") String svc, @QueryParam("after") String after) {
        return session(svc).flatMap(vos -> {
            if (vos.isAnonymous()) {
                return Uni.createFrom().item(seeOther(PortalUrls.loginThenBack(PortalUrls.shares(svc))));
            }
            Flash.Message said = flash.take();
            String flashText = said == null ? null : said.text();
            if (!vos.client().offersShareLinks() || !vos.client().offersSharedWithMe()) {
                return Uni.createFrom().item(Response.ok(Templates.shares(new SharesPage(svc, flashText, false,
                        List.of(), List.of(), null))).build());
            }
            return shares(vos, svc, after, flashText);
        });
    }

    /** The page with both lists, asked of the service at the same time (neither needs the other). */
    private Uni<Response> shares(VosSession vos, String svc, String after, String flashText) {
        String viewer = user.name();
        Uni<List<ShareRow>> links = vos.shareLinks(null).map(l -> ShareRow.of(svc, l, viewer));
        Uni<SharedNode.Page> sharedPage = vos.sharedWithMe(after == null || after.isBlank() ? null : after,
                SHARED_PAGE);
        return Uni.combine().all().unis(links, sharedPage).asTuple().map(t -> {
            SharedNode.Page shared = t.getItem2();
            List<SharedRow> rows = shared.nodes().stream().map(n -> new SharedRow(svc, n)).toList();
            String more = shared.next() == null ? null
                    : PortalUrls.withQuery(PortalUrls.shares(svc), "after", shared.next());
            return Response.ok(Templates.shares(new SharesPage(svc, flashText, true, t.getItem1(),
                    rows, more))).build();
        });
    }

    @POST
    @Path("shares/revoke")
    public Uni<Response> revoke(@PathParam("svc") String svc, MultivaluedMap<String, String> form) {
        String id = form.getFirst("id");
        if (id == null || id.isBlank()) {
            throw new PortalException(400, msg.noShareLinkNamed());
        }
        return session(svc).flatMap(vos -> {
            if (vos.isAnonymous()) {
                throw new PortalException(401, msg.logInToShare());
            }
            return vos.revokeShareLink(id.strip());
        }).map(revoked -> {
            String from = form.getFirst("path");
            if (from != null && !from.isBlank()) {
                VosPath path = formPath(from);
                return seeOther(PortalUrls.info(svc, path), msg.shareLinkRevoked());
            }
            return seeOther(PortalUrls.shares(svc), msg.shareLinkRevoked());
        });
    }
}
