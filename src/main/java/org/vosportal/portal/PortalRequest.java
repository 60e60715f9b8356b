package org.vosportal.portal;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.client.VosClient;
import org.vosportal.vospace.client.VosSession;

/** The one place portal requests are read: which service, which node path (canonicalised once). */
@RequestScoped
public class PortalRequest {

    @Inject
    VosClients clients;

    @Inject
    HttpServerRequest request;

    @Inject
    PortalUser user;

    /** The client of a configured service; 404 in plain words otherwise. */
    public VosClient client(String svc) {
        VosClient c = clients.get(svc);
        if (c == null) {
            throw new PortalException(404, Messages.get().noSuchService(svc));
        }
        return c;
    }

    /** The user's session with service {@code svc}: its calls carry the user's token (none when anonymous). */
    public Uni<VosSession> session(String svc) {
        return client(svc).session(user.accessToken());
    }

    /**
     * The node path after {@code /storage/{svc}/{action}} in the raw request path, decoded once;
     * traversal and encoding tricks are refused before any upstream call.
     */
    public VosPath pathAfter(String svc, String action) {
        String prefix = "/storage/" + svc + "/" + action;
        String raw = request.path();
        if (!raw.startsWith(prefix)) {
            throw new PortalException(400, Messages.get().invalidAddress());
        }
        try {
            return PortalPaths.fromUrl(raw.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            throw new PortalException(400, Messages.get().invalidAddressWhy(e.getMessage()));
        }
    }

    public boolean isHtmx() {
        return request.getHeader("HX-Request") != null;
    }
}
