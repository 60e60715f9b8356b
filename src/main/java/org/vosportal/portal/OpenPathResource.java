package org.vosportal.portal;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.vosportal.vospace.VosPath;

/**
 * {@code POST /storage/{svc}/open-path/{path}}: the details page's one-click fix, a plain form
 * (works without JavaScript; CSRF-checked like every unsafe portal request). Opens exactly the
 * folders above the node that keep the audience out ({@code audience=public}, or {@code group}
 * and a group name), then shows the details again.
 */
@RequestScoped
@Path("/storage/{svc}")
@CsrfChecked
public class OpenPathResource extends PortalController {

    @Inject
    PortalConfig config;

    @Inject
    PathOpener opener;

    @POST
    @Path("open-path{path: (/.*)?}")
    public Uni<Response> open(@PathParam("svc") String svc, @FormParam("audience") String audience,
            @FormParam("group") String group) {
        VosPath path = pathAfter(svc, "open-path");
        Audience to = switch (audience == null ? "" : audience) {
            case "public" -> Audience.ANYONE;
            case "group" -> new Audience(group == null ? "" : group.strip());
            default -> throw new PortalException(400, msg.openWhom());
        };
        return session(svc).flatMap(vos -> {
            if (vos.isAnonymous()) {
                throw new PortalException(401, msg.logInToChangePermissions());
            }
            return opener.open(vos, path, to, config.services().get(svc).groupAuthority());
        }).map(opened -> seeOther(PortalUrls.info(svc, path), msg.pathOpened()));
    }
}
