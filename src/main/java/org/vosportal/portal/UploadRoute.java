package org.vosportal.portal;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.jboss.logging.Logger;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.client.UpstreamException;
import org.vosportal.vospace.client.VosClient;
import org.vosportal.vospace.client.VosSession;

/**
 * {@code PUT /storage/{svc}/upload/{path}}: streams the request body straight into the
 * VOSpace service's pre-authorised upload URL with Vert.x back-pressure. Nothing is buffered in
 * memory or on the portal's disk, whatever the file's size.
 */
@ApplicationScoped
public class UploadRoute {

    private static final Logger LOG = Logger.getLogger(UploadRoute.class);
    static final String PREFIX = "/storage/";

    @Inject
    VosClients clients;

    @Inject
    Vertx vertx;

    @Inject
    UploadSessions sessions;

    @Inject
    CsrfTokens csrf;

    void register(@Observes Router router) {
        router.putWithRegex("/storage/[^/]+/upload/.+").order(-100).handler(this::handle);
        router.putWithRegex("/storage/[^/]+/uploads/[A-Za-z0-9_-]+").order(-100).handler(this::segment);
    }

    /**
     * One segment of a resumable upload, appended to the service's PUT transaction. The client
     * says where the segment starts ({@code X-Upload-Offset}); a segment that does not continue
     * exactly where the service is (a retry of bytes that did arrive) is refused with 409.
     */
    void segment(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        req.pause();
        String[] parts = req.path().split("/");
        String svc = parts[2];
        String id = parts[4];
        VosClient client = clients.get(svc);
        if (client == null) {
            fail(ctx, 404, Messages.get().uploadUnknownService());
            return;
        }
        long offset;
        try {
            offset = Long.parseLong(req.getHeader("X-Upload-Offset"));
        } catch (RuntimeException e) {
            fail(ctx, 400, Messages.get().uploadOffsetRequired());
            return;
        }
        Context loop = vertx.getOrCreateContext();
        QuarkusHttpUser.getSecurityIdentity(ctx, null).subscribe().with(identity -> {
            if (!csrf.accepts(req, identity, req.getHeader(CsrfTokens.HEADER))) {
                fail(ctx, 403, Messages.get().formExpired());
                return;
            }
            String user = PortalUser.nameOf(identity);
            Uni<UploadSessions.Session> continuing = Uni.createFrom().item(() -> sessions.get(id, svc, user))
                    .flatMap(s -> client.transactionLength(s.endpoint, s.txnId).map(have -> {
                        if (have != offset) {
                            throw new PortalException(409, Long.toString(have));
                        }
                        return s;
                    }));
            onLoop(continuing, loop).subscribe().with(s -> append(ctx, s, id, offset), err -> {
                if (err instanceof PortalException p && p.status() == 409) {
                    ctx.response().setStatusCode(409).putHeader("Content-Type", "application/json")
                            .end("{\"id\":\"" + id + "\",\"received\":" + p.getMessage() + "}");
                    ctx.request().resume();
                } else {
                    fail(ctx, err instanceof PortalException p ? p.status() : statusOf(err),
                            err instanceof PortalException ? err.getMessage() : Messages.get().serviceNotAnswering());
                }
            });
        }, err -> fail(ctx, 401, Messages.get().sessionExpired()));
    }

    /** Streams the segment's bytes into the service's transaction, with back-pressure. */
    private void append(RoutingContext ctx, UploadSessions.Session s, String id, long offset) {
        HttpServerRequest req = ctx.request();
        HttpRequest<Buffer> put = clients.bytes().getDelegate().putAbs(s.endpoint).followRedirects(false)
                .putHeader("x-put-txn-id", s.txnId);
        String length = req.getHeader("Content-Length");
        if (length != null) {
            put.putHeader("Content-Length", length);
        }
        put.sendStream(req).onSuccess(resp -> {
            if (resp.statusCode() / 100 == 2) {
                long received = offset + (length == null ? 0 : Long.parseLong(length));
                ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                        .end("{\"id\":\"" + id + "\",\"received\":" + received + "}");
            } else {
                UpstreamException e = UpstreamException.fromBody(resp.statusCode(), resp.bodyAsString());
                fail(ctx, e.status(), messageOf(e, s.path));
            }
        }).onFailure(err -> fail(ctx, 502, Messages.get().uploadWillResume()));
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        req.pause(); // nothing is read until the service has given us somewhere to put it
        String raw = req.path().substring(PREFIX.length());
        String svc = raw.substring(0, raw.indexOf('/'));
        VosClient client = clients.get(svc);
        if (client == null) {
            fail(ctx, 404, Messages.get().noSuchService(svc));
            return;
        }
        VosPath path;
        try {
            path = PortalPaths.fromUrl(raw.substring(raw.indexOf("/upload") + "/upload".length()));
        } catch (IllegalArgumentException e) {
            fail(ctx, 400, Messages.get().badFileName(e.getMessage()));
            return;
        }
        Context loop = vertx.getOrCreateContext();
        QuarkusHttpUser.getSecurityIdentity(ctx, null).subscribe().with(identity -> {
            // the same check as CsrfFilter's, before any byte of the body is read
            if (!csrf.accepts(req, identity, req.getHeader(CsrfTokens.HEADER))) {
                fail(ctx, 403, Messages.get().formExpired());
                return;
            }
            String token = PortalUser.accessTokenOf(identity);
            if (token == null) { // an anonymous session: nothing to ask the service
                fail(ctx, 401, Messages.get().logInToUpload());
                return;
            }
            boolean createParents = "true".equalsIgnoreCase(ctx.request().getHeader("X-Create-Parents"));
            boolean mayReplace = mayReplace(req);
            Uni<String> endpoint = client.session(token)
                    .flatMap(vos -> beforeBytes(vos, path, mayReplace, createParents)
                            .flatMap(v -> vos.negotiate(path, true)));
            onLoop(endpoint, loop).subscribe().with(url -> forward(ctx, url, path, mayReplace),
                    err -> fail(ctx, statusOf(err), messageOf(err, path)));
        }, err -> fail(ctx, 401, Messages.get().sessionExpired()));
    }

    /**
     * The service's answers (and their timeouts) may come on another thread: the request's bytes
     * are only ever touched on its own event loop.
     */
    private static <T> Uni<T> onLoop(Uni<T> answer, Context loop) {
        return answer.emitOn(task -> loop.runOnContext(v -> task.run()));
    }

    /** What is checked and made before any byte is read: the early 409, then the missing folders. */
    static Uni<Void> beforeBytes(VosSession vos, VosPath path, boolean mayReplace, boolean createParents) {
        Uni<Void> checked = mayReplace ? Uni.createFrom().voidItem() : refuseExisting(vos, path);
        return checked.flatMap(v -> createParents ? ensureFolders(vos, path.parent()) : Uni.createFrom().voidItem());
    }

    /**
     * The upload script sends {@code If-None-Match: *} unless the person chose Replace: then an
     * existing file is never overwritten, whatever happened since the script looked.
     */
    static boolean mayReplace(HttpServerRequest req) {
        return !"*".equals(req.getHeader("If-None-Match"));
    }

    /**
     * 409 when something is at {@code path} already: the early answer, before any byte is sent
     * (any VOSpace service). The service checks again, atomically, when it stores the file
     * ({@code If-None-Match: *} on its upload URL), which closes the race a look-then-write leaves.
     */
    static Uni<Void> refuseExisting(VosSession vos, VosPath path) {
        return vos.node(path, 0, null)
                .onItem().failWith(n -> new PortalException(409, alreadyExists(path)))
                .onFailure(UpstreamException.withStatus(404)).recoverWithNull()
                .replaceWithVoid();
    }

    static String alreadyExists(VosPath path) {
        return Messages.get().alreadyExists(path.name(), path.parent().toString());
    }

    /** Folder uploads keep their structure: create the missing folders above the file, top-down. */
    static Uni<Void> ensureFolders(VosSession vos, VosPath folder) {
        return missing(vos, folder, new ArrayDeque<>()).flatMap(missing -> create(vos, missing.iterator()));
    }

    /** {@code missing} with the folders from {@code p} up to the first that exists, the top-most first. */
    private static Uni<Deque<VosPath>> missing(VosSession vos, VosPath p, Deque<VosPath> missing) {
        if (p == null || p.isRoot()) {
            return Uni.createFrom().item(missing);
        }
        return vos.node(p, 0, null).map(n -> missing)
                .onFailure(UpstreamException.withStatus(404)).recoverWithUni(e -> {
                    missing.push(p);
                    return missing(vos, p.parent(), missing);
                });
    }

    private static Uni<Void> create(VosSession vos, Iterator<VosPath> folders) {
        if (!folders.hasNext()) {
            return Uni.createFrom().voidItem();
        }
        return vos.create(folders.next(), NodeType.CONTAINER, List.of(), null).replaceWithVoid()
                .onFailure(UpstreamException.withStatus(409)).recoverWithNull() // created meanwhile by a parallel upload
                .flatMap(v -> create(vos, folders));
    }

    private void forward(RoutingContext ctx, String endpoint, VosPath path, boolean mayReplace) {
        HttpServerRequest req = ctx.request();
        WebClient web = clients.bytes().getDelegate();
        HttpRequest<Buffer> put = web.putAbs(endpoint).followRedirects(false);
        if (!mayReplace) {
            put.putHeader("If-None-Match", "*");
        }
        String length = req.getHeader("Content-Length");
        if (length != null) {
            put.putHeader("Content-Length", length);
        }
        String type = req.getHeader("Content-Type");
        if (type != null) {
            put.putHeader("Content-Type", type);
        }
        put.sendStream(req).onSuccess(resp -> {
            if (resp.statusCode() / 100 == 2) {
                ctx.response().setStatusCode(201).putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end(Messages.get().uploaded(path.name()));
            } else if (resp.statusCode() == 412 && !mayReplace) {
                // no Digest is forwarded, so the only precondition that can fail is If-None-Match
                fail(ctx, 409, alreadyExists(path));
            } else {
                UpstreamException e = UpstreamException.fromBody(resp.statusCode(),
                        resp.bodyAsString(StandardCharsets.UTF_8.name()));
                fail(ctx, e.status(), messageOf(e, path));
            }
        }).onFailure(err -> {
            LOG.debugf("upload of %s interrupted: %s", path, err.getMessage());
            fail(ctx, 502, Messages.get().uploadInterrupted(path.name()));
        });
    }



    static int statusOf(Throwable err) {
        return err instanceof UpstreamException u ? u.status() : err instanceof PortalException p ? p.status() : 502;
    }

    static String messageOf(Throwable err, VosPath path) {
        if (err instanceof PortalException p) {
            return p.getMessage();
        }
        if (!(err instanceof UpstreamException u)) {
            return Messages.get().serviceNotAnsweringTryAgain();
        }
        PortalMessages msg = Messages.get();
        String folder = path.parent().toString();
        return switch (u.status()) {
            case 401, 403 -> msg.uploadNoWriteAccess(folder);
            case 404 -> msg.uploadFolderGone(folder);
            case 409 -> msg.uploadOntoFolder(path.name());
            case 412 -> msg.uploadDamaged(path.name());
            case 413 -> msg.uploadOverQuota(path.name());
            case 423 -> msg.uploadLocked(path.name());
            case 400 -> msg.uploadRefused(path.name(), u.detail());
            default -> msg.uploadNotStored(path.name());
        };
    }

    private static void fail(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended()) {
            return;
        }
        if (!ctx.request().isEnded()) {
            ctx.request().resume(); // drain what the client still sends, so it can read the answer
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
                .putHeader("Connection", "close").end(message);
    }
}
