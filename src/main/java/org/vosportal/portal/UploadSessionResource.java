package org.vosportal.portal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.client.UpstreamException;
import org.vosportal.vospace.client.VosClient;
import org.vosportal.vospace.client.VosSession;

/**
 * Resumable uploads for large files, over the service's PUT-transaction protocol: open a session,
 * PUT segments to it ({@link UploadRoute}), ask how much arrived after a dropped connection, and
 * commit. Nothing becomes visible in the folder before the commit.
 */
@RequestScoped
@Path("/storage/{svc}/uploads")
@CsrfChecked
public class UploadSessionResource {

    @Inject
    PortalRequest portal;

    @Inject
    PortalUser user;

    @Inject
    UploadSessions sessions;

    private static Response json(int status, UploadSessions.Session s, long received) {
        return Response.status(status).type("application/json")
                .entity("{\"id\":\"" + s.id + "\",\"received\":" + received + ",\"size\":" + s.size + "}").build();
    }

    @POST
    public Response open(@PathParam("svc") String svc, @FormParam("path") String path, @FormParam("size") long size,
            @HeaderParam("X-Create-Parents") String createParents, @HeaderParam("If-None-Match") String ifNoneMatch) {
        VosSession vos = portal.session(svc);
        if (vos.isAnonymous()) {
            throw new PortalException(401, Messages.get().logInToUpload());
        }
        VosPath target;
        try {
            target = PortalPaths.fromForm(path);
        } catch (IllegalArgumentException e) {
            throw new PortalException(400, Messages.get().badFileName(e.getMessage()));
        }
        if (target.isRoot() || size < 0) {
            throw new PortalException(400, Messages.get().noFileChosen());
        }
        boolean mayReplace = !"*".equals(ifNoneMatch); // see UploadRoute.mayReplace
        if (!mayReplace) {
            UploadRoute.refuseExisting(vos, target);
        }
        if ("true".equalsIgnoreCase(createParents)) {
            UploadRoute.ensureFolders(vos, target.parent());
        }
        String endpoint = vos.negotiate(target, true, UploadSessions.LIFETIME);
        String txn = vos.client().startTransaction(endpoint, size);
        return json(201, sessions.open(svc, user.name(), target, endpoint, txn, size, mayReplace), 0);
    }

    /**
     * The bytes the service's transaction holds. The id is a sealed record, not a map entry: an
     * upload that was committed or aborted (on any instance) is known to be over because the
     * service no longer knows its transaction, and is then a 404 as an unknown id is.
     */
    private static long received(VosClient client, UploadSessions.Session s) {
        try {
            return client.transactionLength(s.endpoint, s.txnId);
        } catch (UpstreamException e) {
            if (e.status() == 400 || e.status() == 404 || e.status() == 410) {
                throw new PortalException(404, Messages.get().unknownUpload());
            }
            throw e;
        }
    }

    /** How many bytes the service holds: where a resumed upload continues. */
    @GET
    @Path("{id}")
    public Response status(@PathParam("svc") String svc, @PathParam("id") String id) {
        UploadSessions.Session s = sessions.get(id, svc, user.name());
        return json(200, s, received(portal.client(svc), s));
    }

    @POST
    @Path("{id}/commit")
    public Response commit(@PathParam("svc") String svc, @PathParam("id") String id) {
        UploadSessions.Session s = sessions.get(id, svc, user.name());
        VosClient client = portal.client(svc);
        long received = received(client, s);
        if (received != s.size) {
            throw new PortalException(409, Messages.get().uploadIncomplete(received, s.size));
        }
        try {
            client.commitTransaction(s.endpoint, s.txnId, s.mayReplace);
        } catch (UpstreamException e) {
            if (e.status() == 412 && !s.mayReplace) { // created meanwhile; the service ended the transaction
                sessions.close(s);
                throw new PortalException(409, UploadRoute.alreadyExists(s.path));
            }
            throw e;
        }
        sessions.close(s);
        return json(201, s, received);
    }

    @POST
    @Path("{id}/abort")
    public Response abort(@PathParam("svc") String svc, @PathParam("id") String id) {
        UploadSessions.Session s = sessions.get(id, svc, user.name());
        portal.client(svc).abortTransaction(s.endpoint, s.txnId);
        sessions.close(s);
        return Response.noContent().build();
    }

}
