package org.vosportal.portal;

import io.smallrye.mutiny.Uni;
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
    public Uni<Response> open(@PathParam("svc") String svc, @FormParam("path") String path,
            @FormParam("size") long size, @HeaderParam("X-Create-Parents") String createParents,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        Uni<VosSession> session = portal.session(svc); // 404 for an unknown service; nothing is asked yet
        if (user.accessToken() == null) { // the session would be anonymous
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
        boolean parents = "true".equalsIgnoreCase(createParents);
        String name = user.name();
        return session.flatMap(vos -> UploadRoute.beforeBytes(vos, target, mayReplace, parents)
                .flatMap(v -> vos.negotiate(target, true, UploadSessions.LIFETIME))
                .flatMap(endpoint -> vos.client().startTransaction(endpoint, size)
                        .map(txn -> json(201, sessions.open(svc, name, target, endpoint, txn, size, mayReplace), 0))));
    }

    /**
     * The bytes the service's transaction holds. The id is a sealed record, not a map entry: an
     * upload that was committed or aborted (on any instance) is known to be over because the
     * service no longer knows its transaction, and is then a 404 as an unknown id is.
     */
    private static Uni<Long> received(VosClient client, UploadSessions.Session s) {
        return client.transactionLength(s.endpoint, s.txnId)
                .onFailure(e -> e instanceof UpstreamException u
                        && (u.status() == 400 || u.status() == 404 || u.status() == 410))
                .transform(e -> new PortalException(404, Messages.get().unknownUpload()));
    }

    /** How many bytes the service holds: where a resumed upload continues. */
    @GET
    @Path("{id}")
    public Uni<Response> status(@PathParam("svc") String svc, @PathParam("id") String id) {
        UploadSessions.Session s = sessions.get(id, svc, user.name());
        return received(portal.client(svc), s).map(have -> json(200, s, have));
    }

    @POST
    @Path("{id}/commit")
    public Uni<Response> commit(@PathParam("svc") String svc, @PathParam("id") String id) {
        UploadSessions.Session s = sessions.get(id, svc, user.name());
        VosClient client = portal.client(svc);
        return received(client, s).flatMap(have -> {
            if (have != s.size) {
                throw new PortalException(409, Messages.get().uploadIncomplete(have, s.size));
            }
            return client.commitTransaction(s.endpoint, s.txnId, s.mayReplace)
                    .onFailure(UpstreamException.withStatus(412).and(e -> !s.mayReplace))
                    .transform(e -> { // created meanwhile; the service ended the transaction
                        sessions.close(s);
                        return new PortalException(409, UploadRoute.alreadyExists(s.path));
                    })
                    .map(v -> {
                        sessions.close(s);
                        return json(201, s, have);
                    });
        });
    }

    @POST
    @Path("{id}/abort")
    public Uni<Response> abort(@PathParam("svc") String svc, @PathParam("id") String id) {
        UploadSessions.Session s = sessions.get(id, svc, user.name());
        return portal.client(svc).abortTransaction(s.endpoint, s.txnId).map(v -> {
            sessions.close(s);
            return Response.noContent().build();
        });
    }

}
