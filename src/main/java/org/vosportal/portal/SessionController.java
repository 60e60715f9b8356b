package org.vosportal.portal;

import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.vosportal.vospace.UriCodec;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.client.UpstreamException;

/** The portal's entry and the user's session: {@code /storage}, login and logout. */
@RequestScoped
@Path("/storage")
@CsrfChecked
public class SessionController extends PortalController {

    @Inject
    PortalConfig config;

    @Inject
    OidcSession session;

    @Inject
    OidcConfigurationMetadata identityProvider;

    @Inject
    PortalOrigin origin;

    @Inject
    HttpServerRequest request;

    @ConfigProperty(name = "quarkus.oidc.portal.client-id")
    String clientId;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance landing(String svc, List<VosPath> publicFolders, String flash);
    }

    /** Most public folders the landing page names. */
    static final int LANDING_FOLDERS = 50;

    /** A visitor gets the landing page (what this is, the public folders); a user their home. */
    @GET
    public Uni<Response> index() {
        String svc = config.defaultService();
        if (!user.isAnonymous()) {
            return Uni.createFrom().item(seeOther(home()));
        }
        return client(svc).session(null).flatMap(vos -> vos.node(VosPath.ROOT, LANDING_FOLDERS, null))
                .map(SessionController::publicFolders)
                // the service is away: the page still explains itself and offers the login
                .onFailure(UpstreamException.class).recoverWithItem(List.of())
                .map(open -> {
                    Flash.Message said = flash.take();
                    return Response.ok(Templates.landing(svc, open, said == null ? null : said.text())).build();
                });
    }

    /** The root lists what anonymous callers may read: its folders. */
    private static List<VosPath> publicFolders(Node root) {
        List<VosPath> open = new ArrayList<>();
        for (Node n : root.children()) {
            if (n.type() == NodeType.CONTAINER) {
                open.add(VosPath.ROOT.child(n.name()));
            }
        }
        return open;
    }

    @GET
    @Path("list")
    public Response defaultList() {
        return seeOther(PortalUrls.service(config.defaultService()));
    }

    private String home() {
        try {
            return PortalUrls.list(config.defaultService(), VosPath.ROOT.child(user.name()));
        } catch (IllegalArgumentException e) {
            return PortalUrls.service(config.defaultService());
        }
    }

    /**
     * Login: requires a session (Quarkus OIDC redirects to Keycloak), then goes back to
     * {@code next} when that is a portal path (never another site), else to the user's home.
     */
    @GET
    @Path("login")
    @Authenticated
    public Response login(@QueryParam("next") String next) {
        ExpiredSessions.markLoggedIn(request);
        String back = PortalUrls.sameSitePath(next);
        if (back != null) {
            return seeOther(back);
        }
        return seeOther(home());
    }

    /**
     * Logout is a POST that passed the CSRF check like every other (Quarkus OIDC's own logout
     * path would end the session on any request, a cross-site link included, so it is not used):
     * the portal's session cookies are cleared, then Keycloak's end-session endpoint ends the
     * single sign-on session and sends the browser back to the portal.
     */
    @POST
    @Path("logout")
    public Response logout() {
        if (user.isAnonymous()) {
            return seeOther(PortalUrls.home(), msg.loggedOut());
        }
        String idToken = session.getIdToken() == null ? null : session.getIdToken().getRawToken();
        String endSession = identityProvider.getEndSessionUri();
        session.logout().await().indefinitely();
        ExpiredSessions.forget(request);
        flash.say(msg.loggedOut(), null); // shown by the landing page Keycloak sends the browser back to
        if (endSession == null) {
            return seeOther(PortalUrls.home()); // the flash is set
        }
        String back = origin.absolute(request, PortalUrls.home());
        return Redirects.seeOtherAbsolute(endSession + (endSession.contains("?") ? "&" : "?")
                + (idToken == null ? "" : "id_token_hint=" + UriCodec.encodeQueryValue(idToken) + "&")
                + "client_id=" + UriCodec.encodeQueryValue(clientId)
                + "&post_logout_redirect_uri=" + UriCodec.encodeQueryValue(back));
    }
}
