package org.vosportal.service.rest;

import org.vosportal.service.metrics.ServiceMetrics;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.resteasy.reactive.PathPart;
import org.vosportal.service.NodeResolver.Resolved;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.auth.PreauthSigner;
import org.vosportal.service.auth.PreauthSigner.Direction;
import org.vosportal.service.auth.PreauthSigner.Grant;
import org.vosportal.service.blob.BlobStore;
import org.vosportal.service.blob.BlobPut;
import org.vosportal.service.blob.LocalFiles;
import org.vosportal.service.blob.PresignedDownloads;
import org.vosportal.service.store.StoredNode;
import org.vosportal.service.transfer.ContentService;
import org.vosportal.service.transfer.ContentService.PushPlan;
import org.vosportal.service.transfer.QuotaReservations;
import org.vosportal.service.transfer.UploadTxns;
import org.vosportal.service.transfer.UploadTxns.Txn;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.VosFault;

/**
 * The byte endpoint behind pre-authorised URLs: {@code {base}/preauth/{token}/{name}}. GET (with
 * Range) serves bytes; PUT stores them, either in one request or through the
 * {@code x-put-txn-op} transaction protocol the vos client uses for large files.
 */
@RequestScoped
@Path("/vault/preauth/{token}")
public class PreauthResource {

    /** How long the object store's own URL of a redirected download lives: long enough to follow it. */
    static final Duration PRESIGNED_TTL = Duration.ofMinutes(5);
    static final String TXN_OP = "x-put-txn-op";
    static final String TXN_ID = "x-put-txn-id";
    static final String TOTAL = "x-total-length";

    @Inject
    ServiceMetrics metrics;

    @Inject
    PreauthSigner signer;

    @Inject
    ContentService content;

    @Inject
    BlobStore blobs;

    @Inject
    UploadTxns txns;

    @Inject
    org.vosportal.service.preview.PreviewCache previews;

    @Inject
    org.vosportal.service.share.ShareLinks shareLinks;

    @Context
    HttpServerRequest request;

    private Grant grant(String token, Direction expected) {
        return direction(signer.verify(token, Instant.now()), expected);
    }

    private static Grant direction(Grant g, Direction expected) {
        if (g.direction() != expected) {
            throw VosFault.denied("this link does not allow " + (expected == Direction.GET ? "reading" : "writing"));
        }
        return g;
    }

    /**
     * The upload grant behind a request that names an open transaction. Upload URLs are short-lived;
     * a transaction begun while its URL was valid may still be continued and committed after the URL
     * expired (a large segmented upload outlasts it), with the same URL and the transaction's id.
     */
    private Grant txnGrant(String token) {
        Grant g = direction(signer.verifySignature(token), Direction.PUT);
        if (g.expiredAt(Instant.now()) && header(TXN_ID) == null) {
            throw VosFault.denied("this link expired at " + g.expires());
        }
        return g;
    }

    // ------------------------------------------------------------------ download

    @GET
    @Path("{name: .*}")
    public Response get(@PathParam("token") String token) {
        return download(token, false);
    }

    @HEAD
    @Path("{name: .*}")
    public Response head(@PathParam("token") String token) {
        if (request.getHeader(TXN_ID) != null) {
            return txnStatus(token);
        }
        return download(token, true);
    }

    private Response download(String token, boolean headOnly) {
        Grant g = signer.verifySignature(token);
        if (g.isShare()) {
            // asked on every request: a revoked or expired share link is refused at once (410)
            shareLinks.requireUsable(g.shareId());
        }
        PreauthSigner.unexpired(g, Instant.now());
        if (g.direction() == Direction.PUT && headOnly) {
            // the vos client HEADs its upload URL first and skips the upload on a matching Digest;
            // 404 ("nothing there yet") keeps it uploading and tells the URL's holder nothing about
            // the file: only a read grant describes bytes
            return Response.status(404).build();
        }
        direction(g, Direction.GET);
        Resolved r = content.planPull(Caller.preauthorized(g.user()), g.path());
        StoredNode n = r.node();
        if (!g.matches(n.id(), n.md5())) {
            // the link was made for other bytes: the file was replaced, or moved away and another put here
            throw new VosFault(Fault.NodeNotFound, "the file this link was made for has changed or is no longer here");
        }
        int preview = PreviewResponse.asked(request);
        if (preview > 0 && !headOnly) {
            return PreviewResponse.answer(previews, n, blobs, preview);
        }
        org.vosportal.fits.FitsRequest view = FitsViewResponse.asked(request);
        if (view != null && !headOnly) {
            return FitsViewResponse.answer(n, blobs, view);
        }
        String disposition = "inline".equalsIgnoreCase(request.getParam("disposition")) ? "inline" : "attachment";
        long len = n.length();
        ByteRange range = ByteRange.parse(request.getHeader("Range"), len);
        if (range == ByteRange.UNSATISFIABLE) {
            return Response.status(416).header("Content-Range", "bytes */" + len).build();
        }
        Response.ResponseBuilder b = DownloadHeaders.describe(Response.ok(), n, disposition)
                .header("Content-Security-Policy", "sandbox; default-src 'none'");
        if (n.blobId() == null || len == 0) {
            return b.header("Content-Length", "0").entity(new byte[0]).build();
        }
        Optional<PresignedDownloads> direct = blobs.capability(PresignedDownloads.class);
        if (direct.isPresent() && !headOnly) {
            // the object store sends the bytes (and ranges of them); the grant was checked above
            return Response.seeOther(direct.get().presignGet(n.blobId(), PRESIGNED_TTL, n.contentType() == null
                    ? "application/octet-stream" : n.contentType(), DownloadHeaders.disposition(disposition, n.name())))
                    .build();
        }
        Optional<LocalFiles> local = blobs.capability(LocalFiles.class);
        java.nio.file.Path file = local.map(l -> l.file(n.blobId())).orElse(null);
        if (file != null && !java.nio.file.Files.isRegularFile(file)) {
            throw missingBytes(g, n);
        }
        if (file == null && !headOnly) { // streamed from the backend, opened before any header is sent
            long first = range == null ? 0 : range.first();
            long count = range == null ? len : range.length();
            InputStream in;
            try {
                in = blobs.open(n.blobId(), first, count);
            } catch (java.nio.file.NoSuchFileException e) {
                throw missingBytes(g, n);
            } catch (IOException e) {
                throw new VosFault(Fault.ServiceBusy, "the storage does not answer now; try again shortly");
            }
            if (range != null) {
                b.status(206).header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + len);
            }
            metrics.served(count);
            StreamingOutput body = out -> {
                try (in) {
                    in.transferTo(out);
                }
            };
            return b.header("Content-Length", Long.toString(count)).entity(body).build();
        }
        if (range != null) {
            b.status(206).header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + len);
            if (headOnly) {
                return b.header("Content-Length", Long.toString(range.length())).build();
            }
            metrics.served(range.length());
            return b.entity(new PathPart(file, range.first(), range.length())).build();
        }
        if (headOnly) {
            return b.header("Content-Length", Long.toString(len)).build();
        }
        metrics.served(len);
        return b.entity(file).build();
    }

    /**
     * A damaged store (a lost disk, a restore without the blobs): said at once, before any header,
     * instead of a response that never sends its bytes; 'check' lists every such file.
     */
    private static VosFault missingBytes(Grant g, StoredNode n) {
        org.jboss.logging.Logger.getLogger(PreauthResource.class).errorf("the bytes of %s (blob %s) are missing",
                g.path(), n.blobId());
        return new VosFault(Fault.InternalFault, "the bytes of this file are missing from the storage");
    }

    // ------------------------------------------------------------------ upload

    @PUT
    @Path("{name: .*}")
    public Response put(@PathParam("token") String token) throws IOException {
        // read ahead of the worker (see there); closing drops what a refusal leaves unread
        try (RequestBodyStream body = RequestBodyStream.of(request); ServiceMetrics.Active active = metrics.upload()) {
            return put(token, body);
        }
    }

    private Response put(String token, InputStream body) throws IOException {
        String op = header(TXN_OP);
        if (header(TXN_ID) != null) {
            Grant g = txnGrant(token);
            Caller caller = Caller.preauthorized(g.user());
            Txn t = txns.get(header(TXN_ID), g.path());
            if ("commit".equalsIgnoreCase(op)) {
                return commitTxn(caller, t);
            }
            if (op != null) {
                throw VosFault.invalid("unsupported " + TXN_OP + " '" + op + "' on PUT");
            }
            return appendSegment(caller, t, body);
        }
        Grant g = grant(token, Direction.PUT);
        Caller caller = Caller.preauthorized(g.user());
        PushPlan plan = content.planPush(caller, g.path());
        if (!mayReplace()) {
            ContentService.refuseExisting(plan); // before a byte is read
        }
        long declared = declaredLength();
        if (declared > plan.maxBytes()) {
            throw new VosFault(Fault.QuotaExceeded, declared + " bytes exceed the remaining quota");
        }
        if ("start".equalsIgnoreCase(op)) {
            return startTxn(caller, plan, body, declared);
        }
        if (op != null) {
            throw VosFault.invalid("unsupported " + TXN_OP + " '" + op + "'");
        }
        // the bytes count against the quota while they arrive, next to other uploads in progress
        try (QuotaReservations.Reservation reserved = content.reserve(plan, declared)) {
            BlobPut put = receive(reserved.meter(body, 0), plan.maxBytes(), declared);
            checkDigest(put);
            Resolved saved = content.commit(caller, g.path(), put, mayReplace());
            metrics.stored(put.length());
            return Response.status(201).header("Digest", DownloadHeaders.digest(saved.node().md5())).build();
        }
    }

    /** POST carries the transaction operations that have no body: abort and revert. */
    @POST
    @Path("{name: .*}")
    public Response post(@PathParam("token") String token) throws IOException {
        String op = header(TXN_OP);
        Txn t = txns.get(header(TXN_ID), txnGrant(token).path());
        if ("abort".equalsIgnoreCase(op)) {
            txns.abort(t);
            return Response.noContent().build();
        }
        if ("revert".equalsIgnoreCase(op)) {
            txns.revert(t);
            return Response.status(202).header(TXN_ID, t.id()).header("Digest", DownloadHeaders.digest(t.md5Hex()))
                    .build();
        }
        throw VosFault.invalid("unsupported " + TXN_OP + " '" + op + "' on POST");
    }

    private Response startTxn(Caller caller, PushPlan plan, InputStream body, long declared) throws IOException {
        long total = parseLong(header(TOTAL), -1);
        if (total > plan.maxBytes()) {
            throw new VosFault(Fault.QuotaExceeded, total + " bytes exceed the remaining quota");
        }
        // the declared total is reserved until the transaction ends
        QuotaReservations.Reservation reserved = content.reserve(plan, Math.max(total, declared));
        Txn t = txns.open(caller.user(), plan.path(), total, reserved);
        if (declared > 0) {
            try {
                txns.append(t, reserved.meter(body, 0), plan.maxBytes(), declared);
            } catch (IOException | RuntimeException e) {
                txns.abort(t);
                throw e;
            }
        }
        Response.ResponseBuilder b = Response.status(202).header(TXN_ID, t.id())
                .header("x-put-segment-minbytes", "1")
                .header("x-put-segment-maxbytes", Long.toString(2L * 1024 * 1024 * 1024));
        if (t.length() > 0) {
            b.header("Digest", DownloadHeaders.digest(t.md5Hex()));
        }
        return b.build();
    }

    private Response appendSegment(Caller caller, Txn t, InputStream body) throws IOException {
        PushPlan plan = content.planPush(caller, t.path());
        long declared = declaredLength();
        long before = t.length();
        if (declared > plan.maxBytes() - before) {
            throw new VosFault(Fault.QuotaExceeded, "segment exceeds the remaining quota");
        }
        // this instance's reservation: the one that opened the transaction made it, another makes its own
        QuotaReservations.Reservation reserved = t.reservation(() -> content.reserve(plan, Math.max(t.totalLength(), 0)));
        if (declared >= 0) {
            reserved.cover(before + declared);
        }
        // plan.maxBytes() bounds the whole file, the reservation what others may still take
        long got = txns.append(t, reserved.meter(body, before), plan.maxBytes(), declared);
        metrics.stored(got);
        return Response.status(202).header(TXN_ID, t.id()).header("Digest", DownloadHeaders.digest(t.md5Hex()))
                .build();
    }

    private Response commitTxn(Caller caller, Txn t) throws IOException {
        if (t.totalLength() >= 0 && t.length() != t.totalLength()) {
            throw new VosFault(Fault.InvalidData, "received " + t.length() + " of " + t.totalLength()
                    + " bytes; send the missing segments before commit");
        }
        // the transaction closes either way, and its reservation after the commit counted the bytes
        return txns.commit(t, put -> {
            checkDigest(put);
            Resolved saved = content.commit(caller, t.path(), put, mayReplace());
            return Response.status(201).header("Digest", DownloadHeaders.digest(saved.node().md5())).build();
        });
    }

    private Response txnStatus(String token) {
        Txn t = txns.get(header(TXN_ID), txnGrant(token).path());
        long length = t.length();
        Response.ResponseBuilder b = Response.ok().header(TXN_ID, t.id()).header("x-put-txn-length", length);
        if (length > 0) {
            b.header("Digest", DownloadHeaders.digest(t.md5Hex()));
        }
        return b.build();
    }

    // ------------------------------------------------------------------ helpers

    private BlobPut receive(InputStream body, long max, long declared) throws IOException {
        BlobPut put = blobs.receive(body, max);
        if (declared >= 0 && put.length() != declared) {
            put.abort();
            throw new VosFault(Fault.InvalidData, "received " + put.length() + " of " + declared + " bytes");
        }
        return put;
    }

    /** 412 when the client's {@code Digest: md5=} disagrees with the bytes; nothing is kept. */
    private void checkDigest(BlobPut put) {
        String expected = DownloadHeaders.md5FromDigest(header("Digest"));
        if (expected != null && !expected.equalsIgnoreCase(put.md5Hex())) {
            put.abort();
            throw new VosFault(Fault.PreconditionFailed, "MD5 mismatch: the bytes received have "
                    + put.md5Hex() + ", the client expected " + expected);
        }
    }

    /**
     * False when the client sent {@code If-None-Match: *} (on the PUT, a transaction's start or its
     * commit): it wants a new file only, so existing bytes are never replaced (412 instead).
     */
    private boolean mayReplace() {
        return !"*".equals(header("If-None-Match"));
    }

    private String header(String name) {
        String v = request.getHeader(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private long declaredLength() {
        return parseLong(header("Content-Length"), -1);
    }

    private static long parseLong(String s, long dflt) {
        if (s == null) {
            return dflt;
        }
        try {
            long v = Long.parseLong(s.trim());
            if (v < 0) {
                throw VosFault.invalid("negative length " + s);
            }
            return v;
        } catch (NumberFormatException e) {
            throw VosFault.invalid("not a number: " + s);
        }
    }
}
