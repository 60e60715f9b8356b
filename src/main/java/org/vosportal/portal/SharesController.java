package org.vosportal.portal;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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
    public Response page(@PathParam("svc") String svc, @QueryParam("after") String after) {
        VosSession vos = session(svc);
        if (vos.isAnonymous()) {
            return seeOther(PortalUrls.loginThenBack(PortalUrls.shares(svc)));
        }
        Flash.Message said = flash.take();
        String flashText = said == null ? null : said.text();
        if (!vos.client().offersShareLinks() || !vos.client().offersSharedWithMe()) {
            return Response.ok(Templates.shares(new SharesPage(svc, flashText, false,
                    List.of(), List.of(), null))).build();
        }
        List<ShareRow> links = ShareRow.of(svc, vos.shareLinks(null), user.name());
        SharedNode.Page shared = vos.sharedWithMe(after == null || after.isBlank() ? null : after, SHARED_PAGE);
        List<SharedRow> rows = shared.nodes().stream().map(n -> new SharedRow(svc, n)).toList();
        String more = shared.next() == null ? null : PortalUrls.withQuery(PortalUrls.shares(svc), "after", shared.next());
        return Response.ok(Templates.shares(new SharesPage(svc, flashText, true, links,
                rows, more))).build();
    }

    @POST
    @Path("shares/revoke")
    public Response revoke(@PathParam("svc") String svc, MultivaluedMap<String, String> form) {
        String id = form.getFirst("id");
        if (id == null || id.isBlank()) {
            throw new PortalException(400, msg.noShareLinkNamed());
        }
        VosSession vos = session(svc);
        if (vos.isAnonymous()) {
            throw new PortalException(401, msg.logInToShare());
        }
        vos.revokeShareLink(id.strip());
        String from = form.getFirst("path");
        if (from != null && !from.isBlank()) {
            VosPath path = formPath(from);
            return seeOther(PortalUrls.info(svc, path), msg.shareLinkRevoked());
        }
        return seeOther(PortalUrls.shares(svc), msg.shareLinkRevoked());
    }
}
