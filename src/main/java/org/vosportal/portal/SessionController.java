package org.vosportal.portal;

import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.vosportal.vospace.UriCodec;
import org.vosportal.vospace.VosPath;

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

    @GET
    public Response index() {
        return seeOther(PortalUrls.service(config.defaultService()));
    }

    @GET
    @Path("list")
    public Response defaultList() {
        return index();
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
        VosPath home;
        try {
            home = VosPath.ROOT.child(user.name());
        } catch (IllegalArgumentException e) {
            home = VosPath.ROOT;
        }
        return seeOther(PortalUrls.list(config.defaultService(), home));
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
            return seeOther(PortalUrls.home());
        }
        String idToken = session.getIdToken() == null ? null : session.getIdToken().getRawToken();
        String endSession = identityProvider.getEndSessionUri();
        session.logout().await().indefinitely();
        ExpiredSessions.forget(request);
        if (endSession == null) {
            return seeOther(PortalUrls.home());
        }
        String back = origin.absolute(request, PortalUrls.home());
        return Redirects.seeOtherAbsolute(endSession + (endSession.contains("?") ? "&" : "?")
                + (idToken == null ? "" : "id_token_hint=" + UriCodec.encodeQueryValue(idToken) + "&")
                + "client_id=" + UriCodec.encodeQueryValue(clientId)
                + "&post_logout_redirect_uri=" + UriCodec.encodeQueryValue(back));
    }
}
