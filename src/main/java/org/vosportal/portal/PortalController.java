package org.vosportal.portal;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.client.UpstreamException;
import org.vosportal.vospace.client.VosClient;
import org.vosportal.vospace.client.VosSession;

/**
 * What every portal controller stands on (the shape of Renarde's {@code HxController}): the
 * request's service and node path, whether htmx asked, the user, words from the catalogue, and
 * "see other" with a one-shot flash. Controllers are per resource and hold no HTML: pages and
 * fragments are Qute templates, URLs come from {@link PortalUrls}.
 */
public abstract class PortalController {

    @Inject
    PortalRequest portal;

    @Inject
    PortalUser user;

    @Inject
    Csrf csrf;

    @Inject
    Flash flash;

    @Inject
    PortalMessages msg;

    /** The configured service {@code svc}; 404 in words otherwise. */
    protected VosClient client(String svc) {
        return portal.client(svc);
    }

    /** The node path after {@code /storage/{svc}/{action}} in this request's URL. */
    protected VosPath pathAfter(String svc, String action) {
        return portal.pathAfter(svc, action);
    }

    protected boolean isHtmx() {
        return portal.isHtmx();
    }

    /**
     * The user's session with service {@code svc} (their token rides along; none when anonymous).
     * Endpoints compose on it and return a {@link Uni}: RESTEasy Reactive then runs them on the
     * event loop and nothing waits for the service with a thread held. Only endpoints that do
     * blocking work of their own (FITS decoding, streams) are {@code @Blocking} and may await.
     */
    protected Uni<VosSession> session(String svc) {
        return portal.session(svc);
    }

    /** A path posted in a form field; 400 in words when it is not one. */
    protected VosPath formPath(String p) {
        try {
            return PortalPaths.fromForm(p);
        } catch (IllegalArgumentException e) {
            throw new PortalException(400, msg.invalidPath(e.getMessage()));
        }
    }

    /** A new node {@code name} (stripped) inside {@code parent}; 400 saying why when it cannot be one. */
    protected VosPath newChild(VosPath parent, String name, boolean folder) {
        String clean = name == null ? "" : name.strip();
        try {
            return PortalPaths.child(parent, clean);
        } catch (IllegalArgumentException e) {
            throw new PortalException(400, folder ? msg.badFolderName(clean, e.getMessage())
                    : msg.badName(clean, e.getMessage()));
        }
    }

    /** Creates a folder or link; 409 in words when the name is taken. */
    protected Uni<Void> create(VosSession vos, VosPath at, NodeType type, String linkTarget) {
        return vos.create(at, type, List.of(), linkTarget).replaceWithVoid()
                .onFailure(UpstreamException.withStatus(409))
                .transform(e -> new PortalException(409, msg.nameTaken(at.name())));
    }

    /** 303 to a portal page. */
    protected Response seeOther(String portalPath) {
        return Redirects.seeOther(portalPath);
    }

    /** 303 to a portal page that says {@code message} once. */
    protected Response seeOther(String portalPath, String message) {
        return seeOther(portalPath, message, null);
    }

    /** 303 to a portal page that says {@code message} once and follows background job {@code job}. */
    protected Response seeOther(String portalPath, String message, String job) {
        flash.say(message, job);
        return Redirects.seeOther(portalPath);
    }
}
