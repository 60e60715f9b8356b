package org.vosportal.vospace.client;

import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.NodeXml;
import org.vosportal.vospace.Property;
import org.vosportal.vospace.Transfer;
import org.vosportal.vospace.TransferXml;
import org.vosportal.vospace.UriCodec;
import org.vosportal.vospace.UwsJob;
import org.vosportal.vospace.UwsXml;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.VosUri;
import org.vosportal.vospace.Xml;

/**
 * A client of one VOSpace 2.1 service over Vert.x Web Client, speaking only the standard protocol
 * so it works the same against the embedded service and CANFAR's vault. Every call carries the
 * user's access token (or none) and follows 303s itself. The token only ever goes to the host of
 * the service's own endpoints, and only to a service configured to receive it ({@code sendsToken}:
 * one that trusts the portal's realm): never to a redirect, a transfer document's or a job URL
 * on another host. Blocking facade: call it from worker threads.
 */
public class VosClient {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String PROTO = "ivo://ivoa.net/vospace/core#";
    static final int MAX_REDIRECTS = 5;

    private final WebClient web;
    private final String name;
    private final String capabilitiesUrl;
    private final boolean sendsToken;
    private final boolean sortsFoldersFirst;
    private volatile Capabilities capabilities;
    private volatile String authority;

    /**
     * @param sendsToken whether the user's token may go to this service at all; false for a
     *        service that does not trust the portal's identity provider (it sees anonymous calls)
     */
    public VosClient(WebClient web, String name, String capabilitiesUrl, boolean sendsToken) {
        this(web, name, capabilitiesUrl, sendsToken, false);
    }

    /**
     * @param sortsFoldersFirst the service accepts {@code sort=}{@link org.vosportal.vospace.Props#SORT_FOLDERS_FIRST}
     *        (the embedded one; VOSpace has no way to ask a service)
     */
    public VosClient(WebClient web, String name, String capabilitiesUrl, boolean sendsToken, boolean sortsFoldersFirst) {
        this.web = web;
        this.name = name;
        this.capabilitiesUrl = capabilitiesUrl;
        this.sendsToken = sendsToken;
        this.sortsFoldersFirst = sortsFoldersFirst;
    }

    /** Whether the service lists folders first, case-insensitively, when asked ({@link org.vosportal.vospace.Props#SORT_FOLDERS_FIRST}). */
    public boolean sortsFoldersFirst() {
        return sortsFoldersFirst;
    }

    public String name() {
        return name;
    }

    // ------------------------------------------------------------------ discovery

    public Capabilities capabilities() {
        Capabilities c = capabilities;
        if (c == null) {
            HttpResponse<Buffer> r = send(web.getAbs(capabilitiesUrl), null, null, "capabilities");
            expect(r, 200);
            c = Capabilities.parse(r.body().getBytes());
            if (c.url(Capabilities.NODES) == null) {
                throw new UpstreamException(502, "InvalidCapabilities", "no nodes endpoint at " + capabilitiesUrl);
            }
            capabilities = c;
        }
        return c;
    }

    /** The service's node URI authority, learnt from the root node's URI. */
    public String authority(String token) {
        String a = authority;
        if (a == null) {
            a = node(VosPath.ROOT, token, 0, null).uri().authority();
            authority = a;
        }
        return a;
    }

    public VosUri uriOf(VosPath path, String token) {
        return new VosUri(authority(token), path);
    }

    String nodesUrl(VosPath path) {
        return capabilities().url(Capabilities.NODES) + path.toUrlPath();
    }

    // ------------------------------------------------------------------ nodes

    /**
     * Reads a node with up to {@code limit} children (detail max), starting at the child
     * {@code startName} (inclusive, VOSpace {@code uri=} paging) when given; limit -1 = all.
     */
    public Node node(VosPath path, String token, int limit, String startName) {
        StringBuilder url = new StringBuilder(nodesUrl(path)).append("?detail=max");
        if (limit >= 0) {
            url.append("&limit=").append(limit);
        }
        if (startName != null) {
            url.append("&uri=").append(UriCodec.encodeQueryValue(uriOf(path.child(startName), token).toString()));
        }
        HttpResponse<Buffer> r = send(web.getAbs(url.toString()), token, null, path.toString());
        expect(r, 200);
        return readable(() -> NodeXml.read(r.body().getBytes()));
    }

    /**
     * Reads up to {@code limit} children of a container sorted by {@code core#date} or
     * {@code core#length} (VOSpace {@code sort}/{@code order}), from the child {@code startName}
     * (inclusive) when given. Services that cannot sort, or cannot page sorted, answer 400.
     */
    public Node sorted(VosPath path, String token, int limit, String sortProperty, boolean descending,
            String startName) {
        StringBuilder url = new StringBuilder(nodesUrl(path)).append("?detail=max&limit=").append(limit)
                .append("&sort=").append(UriCodec.encodeQueryValue(sortProperty))
                .append("&order=").append(descending ? "desc" : "asc");
        if (startName != null) {
            url.append("&uri=").append(UriCodec.encodeQueryValue(uriOf(path.child(startName), token).toString()));
        }
        HttpResponse<Buffer> r = send(web.getAbs(url.toString()), token, null, path.toString());
        expect(r, 200);
        return readable(() -> NodeXml.read(r.body().getBytes()));
    }

    public Node create(VosPath path, NodeType type, List<Property> props, String linkTarget, String token) {
        Node doc = Node.builder(uriOf(path, token), type).target(linkTarget).build().withProperties(props);
        HttpResponse<Buffer> r = send(web.putAbs(nodesUrl(path)).putHeader("Content-Type", "text/xml"), token,
                Buffer.buffer(NodeXml.toXml(doc)), path.toString());
        expect(r, 201, 200);
        return readable(() -> NodeXml.read(r.body().getBytes()));
    }

    public Node setProperties(VosPath path, NodeType type, List<Property> props, String token) {
        Node doc = Node.builder(uriOf(path, token), type).build().withProperties(props);
        HttpResponse<Buffer> r = send(web.postAbs(nodesUrl(path)).putHeader("Content-Type", "text/xml"), token,
                Buffer.buffer(NodeXml.toXml(doc)), path.toString());
        expect(r, 200, 201, 204);
        return r.body() == null || r.body().length() == 0 ? null : readable(() -> NodeXml.read(r.body().getBytes()));
    }

    public void delete(VosPath path, String token) {
        expect(send(web.deleteAbs(nodesUrl(path)), token, null, path.toString()), 200, 204);
    }

    // ------------------------------------------------------------------ transfers

    /** Negotiates a sync transfer and returns the first endpoint (a pre-authorised URL). */
    public String negotiate(VosPath path, boolean push, String token) {
        return negotiate(path, push, token, null);
    }

    /**
     * Same, asking for URLs that stay valid for {@code lifetime} (share links). Services that do
     * not know the parameter ignore it and use their own lifetime.
     */
    public String negotiate(VosPath path, boolean push, String token, java.time.Duration lifetime) {
        Transfer request = new Transfer(List.of(uriOf(path, token).toString()),
                push ? Transfer.PUSH_TO : Transfer.PULL_FROM, null,
                List.of(new Transfer.Protocol(PROTO + (push ? "httpsput" : "httpsget"), null, List.of()),
                        new Transfer.Protocol(PROTO + (push ? "httpput" : "httpget"), null, List.of())),
                null, "2.1", lifetime == null ? java.util.Map.of() : java.util.Map.of(Transfer.LIFETIME, lifetime.toString()));
        String[] finalUrl = new String[1];
        HttpResponse<Buffer> r = postFollowing(capabilities().url(Capabilities.SYNC), request, token, path.toString(),
                finalUrl);
        Transfer reply = readable(() -> TransferXml.read(r.body().getBytes()));
        for (Transfer.Protocol p : reply.protocols()) {
            if (p.endpoint() != null) {
                return p.endpoint();
            }
        }
        throw negotiationError(finalUrl[0], token, path);
    }

    /**
     * A pre-authorised URL to read one file. Services with a {@code files} endpoint (CADC's vault,
     * the embedded service) answer it with one 303 to a signed URL; the others go through the
     * full {@code synctrans} negotiation (three requests). Same grant, a third of the round trips,
     * which matters when a ZIP is built from a thousand files.
     */
    public String downloadUrl(VosPath path, String token) {
        if (!capabilities().has(Capabilities.FILES)) {
            return negotiate(path, false, token);
        }
        HttpResponse<Buffer> r = send(web.getAbs(capabilities().url(Capabilities.FILES) + path.toUrlPath()), token, null,
                path.toString());
        if (r.statusCode() == 303 && r.getHeader("Location") != null) {
            return r.getHeader("Location");
        }
        throw fault(r);
    }

    /** A refused negotiation leaves the reason in the job (as the vos client reads it): fetch it. */
    private UpstreamException negotiationError(String detailsUrl, String token, VosPath path) {
        String job = detailsUrl.replace("/xfer/", "/transfers/").replace("/results/transferDetails", "");
        try {
            HttpResponse<Buffer> e = send(web.getAbs(job + "/error"), token, null, "job error");
            if (e.statusCode() == 200 && e.body() != null) {
                String text = e.body().toString(StandardCharsets.UTF_8).strip();
                String fault = text.contains(":") ? text.substring(0, text.indexOf(':')) : text;
                return new UpstreamException(statusOfFault(fault), fault, path.toString());
            }
        } catch (UpstreamException ignored) {
            // fall through to a generic refusal
        }
        return new UpstreamException(403, "TransferRefused", "the service offered no endpoint for " + path);
    }

    /** HTTP status a VOSpace fault name stands for. */
    public static int statusOfFault(String fault) {
        return switch (fault) {
            case "NodeNotFound", "ContainerNotFound", "UnreadableLinkTarget" -> 404;
            case "PermissionDenied" -> 403;
            case "NotAuthenticated" -> 401;
            case "DuplicateNode" -> 409;
            case "QuotaExceeded", "RequestEntityTooLarge" -> 413;
            case "NodeLocked" -> 423;
            case "InternalFault", "TransferFailed" -> 500;
            default -> 400;
        };
    }

    // ------------------------------------------------------------------ sharing (extension)

    /** True if the service keeps a registry of share links (the embedded one); else links are stateless. */
    public boolean offersShareLinks() {
        return capabilities().has(Capabilities.SHARES);
    }

    public boolean offersSharedWithMe() {
        return capabilities().has(Capabilities.SHARED_WITH_ME);
    }

    /** A new, revocable share link to a file (the service's share-link extension). */
    public ShareLinkInfo createShareLink(VosPath path, java.time.Duration lifetime, String token) {
        String form = "target=" + UriCodec.encodeQueryValue(uriOf(path, token).toString()) + "&lifetime="
                + UriCodec.encodeQueryValue(lifetime.toString());
        HttpResponse<Buffer> r = send(web.postAbs(extension(Capabilities.SHARES))
                .putHeader("Content-Type", "application/x-www-form-urlencoded"), token, Buffer.buffer(form),
                path.toString());
        expect(r, 201);
        return readable(() -> shareLink(new io.vertx.core.json.JsonObject(r.bodyAsString())));
    }

    /** The user's active share links, or with {@code path} those of one node the user may revoke. */
    public List<ShareLinkInfo> shareLinks(VosPath path, String token) {
        String url = extension(Capabilities.SHARES) + (path == null ? ""
                : "?target=" + UriCodec.encodeQueryValue(uriOf(path, token).toString()));
        HttpResponse<Buffer> r = send(web.getAbs(url), token, null, "share links");
        expect(r, 200);
        return readable(() -> {
            io.vertx.core.json.JsonArray links = new io.vertx.core.json.JsonObject(r.bodyAsString()).getJsonArray("links");
            List<ShareLinkInfo> out = new java.util.ArrayList<>();
            for (int i = 0; i < links.size(); i++) {
                out.add(shareLink(links.getJsonObject(i)));
            }
            return out;
        });
    }

    public void revokeShareLink(String id, String token) {
        expect(send(web.deleteAbs(extension(Capabilities.SHARES) + "/" + UriCodec.encodeSegment(id)), token, null,
                "share link"), 204);
    }

    /** One page of what others shared with the user's groups, from the page cursor {@code after} (null: the first). */
    public SharedNode.Page sharedWithMe(String after, int limit, String token) {
        String url = extension(Capabilities.SHARED_WITH_ME) + "?limit=" + limit
                + (after == null ? "" : "&after=" + UriCodec.encodeQueryValue(after));
        HttpResponse<Buffer> r = send(web.getAbs(url), token, null, "shared with me");
        expect(r, 200);
        return readable(() -> {
            io.vertx.core.json.JsonObject body = new io.vertx.core.json.JsonObject(r.bodyAsString());
            io.vertx.core.json.JsonArray nodes = body.getJsonArray("nodes");
            List<SharedNode> out = new java.util.ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                io.vertx.core.json.JsonObject n = nodes.getJsonObject(i);
                out.add(new SharedNode(VosUri.parse(n.getString("uri")).path(), n.getString("owner"),
                        "container".equals(n.getString("type")), n.getString("group"),
                        "write".equals(n.getString("access"))));
            }
            return new SharedNode.Page(out, body.getString("next"));
        });
    }

    private String extension(String standardId) {
        String url = capabilities().url(standardId);
        if (url == null) {
            throw new UpstreamException(501, "OptionNotSupported", name + " offers no share lists");
        }
        return url;
    }

    private static ShareLinkInfo shareLink(io.vertx.core.json.JsonObject o) {
        return new ShareLinkInfo(o.getString("id"), VosUri.parse(o.getString("uri")).path(), o.getString("url"),
                o.getString("creator"), java.time.Instant.parse(o.getString("created")),
                java.time.Instant.parse(o.getString("expires")), o.getBoolean("works", true));
    }

    // ------------------------------------------------------------------ PUT transactions (CADC)

    /**
     * Opens a segmented upload on a pre-authorised push URL ({@code x-put-txn-op: start} with
     * {@code x-total-length}); returns the transaction id. The URL itself carries the
     * authorisation, so no token is sent.
     */
    public String startTransaction(String endpoint, long totalLength) {
        HttpResponse<Buffer> r = send(web.putAbs(endpoint).putHeader("x-put-txn-op", "start")
                .putHeader("x-total-length", Long.toString(totalLength)).putHeader("Content-Length", "0"), null,
                Buffer.buffer(), "upload start");
        String id = r.getHeader("x-put-txn-id");
        if (r.statusCode() / 100 != 2 || id == null) {
            throw r.statusCode() / 100 == 2
                    ? new UpstreamException(501, "OptionNotSupported", "the service has no resumable uploads")
                    : fault(r);
        }
        return id;
    }

    /** Bytes the service holds so far in a transaction. */
    public long transactionLength(String endpoint, String txnId) {
        HttpResponse<Buffer> r = send(web.headAbs(endpoint).putHeader("x-put-txn-id", txnId), null, null,
                "upload status");
        expect(r, 200);
        String len = r.getHeader("x-put-txn-length");
        return len == null ? 0 : Long.parseLong(len);
    }

    public void commitTransaction(String endpoint, String txnId) {
        commitTransaction(endpoint, txnId, true);
    }

    /** With {@code mayReplace} false the commit only creates the file: 412 when one exists by then. */
    public void commitTransaction(String endpoint, String txnId, boolean mayReplace) {
        var put = web.putAbs(endpoint).putHeader("x-put-txn-id", txnId).putHeader("x-put-txn-op", "commit")
                .putHeader("Content-Length", "0");
        if (!mayReplace) {
            put.putHeader("If-None-Match", "*");
        }
        HttpResponse<Buffer> r = send(put, null, Buffer.buffer(), "upload commit");
        expect(r, 201, 200, 204);
    }

    public void abortTransaction(String endpoint, String txnId) {
        send(web.postAbs(endpoint).putHeader("x-put-txn-id", txnId).putHeader("x-put-txn-op", "abort"), null,
                Buffer.buffer(), "upload abort");
    }

    /** Requests a ZIP or TAR package of several nodes; returns the URL that streams it. */
    public String packageUrl(List<VosPath> paths, String format, String token) {
        List<String> targets = paths.stream().map(p -> uriOf(p, token).toString()).toList();
        Transfer request = new Transfer(targets, Transfer.PULL_FROM,
                new Transfer.View(Capabilities.PACKAGE, java.util.Map.of(PROTO + "format", format)),
                List.of(new Transfer.Protocol(PROTO + "httpsget", null, List.of())), null, "2.1");
        HttpResponse<Buffer> r = send(web.postAbs(capabilities().url(Capabilities.SYNC))
                .putHeader("Content-Type", "text/xml"), token, Buffer.buffer(TransferXml.toXml(request)), "package");
        if (r.statusCode() != 303 || r.getHeader("Location") == null) {
            throw fault(r);
        }
        return r.getHeader("Location");
    }

    /** Starts an async move or copy; returns the job URL (already running). */
    public String moveOrCopy(VosPath src, VosPath dest, boolean copy, String token) {
        Transfer t = new Transfer(List.of(uriOf(src, token).toString()), uriOf(dest, token).toString(), null,
                List.of(), copy, "2.1");
        return createJob(capabilities().url(Capabilities.TRANSFERS), TransferXml.toXml(t), "text/xml", token);
    }

    /**
     * Starts an async move that asks the service to keep the node's {@code core#date}
     * ({@link Transfer#KEEP_DATE}: the trash; a service that does not know it dates the move).
     */
    public String moveKeepingDate(VosPath src, VosPath dest, String token) {
        Transfer t = new Transfer(List.of(uriOf(src, token).toString()), uriOf(dest, token).toString(), null,
                List.of(), false, "2.1", java.util.Map.of(Transfer.KEEP_DATE, "true"));
        return createJob(capabilities().url(Capabilities.TRANSFERS), TransferXml.toXml(t), "text/xml", token);
    }

    public String recursiveDelete(VosPath path, String token) {
        String form = "target=" + UriCodec.encodeQueryValue(uriOf(path, token).toString());
        return createJob(capabilities().url(Capabilities.ASYNC_DELETE), form, "application/x-www-form-urlencoded",
                token);
    }

    public String recursiveSetProperties(VosPath path, NodeType type, List<Property> props, String token) {
        Node doc = Node.builder(uriOf(path, token), type).build().withProperties(props);
        return createJob(capabilities().url(Capabilities.ASYNC_SETPROPS), NodeXml.toXml(doc), "text/xml", token);
    }

    private String createJob(String listUrl, String body, String contentType, String token) {
        if (listUrl == null) {
            throw new UpstreamException(501, "OptionNotSupported", "the service does not offer this operation");
        }
        HttpResponse<Buffer> r = send(web.postAbs(listUrl).putHeader("Content-Type", contentType), token,
                Buffer.buffer(body), "job");
        if (r.statusCode() != 303 || r.getHeader("Location") == null) {
            throw fault(r);
        }
        String job = absolute(listUrl, r.getHeader("Location"));
        if (!onOwnHost(Origin.of(URI.create(job)))) {
            // the job would run without the user's credentials, or the portal would poll a stranger
            throw new UpstreamException(502, "ForeignJobUrl", name + " sent a job URL on another host ("
                    + URI.create(job).getHost() + "); the portal does not follow it");
        }
        HttpResponse<Buffer> run = send(web.postAbs(job + "/phase")
                .putHeader("Content-Type", "application/x-www-form-urlencoded"), token, Buffer.buffer("PHASE=RUN"),
                "job");
        if (run.statusCode() != 303 && run.statusCode() != 200) {
            throw fault(run);
        }
        return job;
    }

    /** The job's state; blocks up to {@code waitSeconds} while it is running (UWS WAIT). */
    public UwsJob job(String jobUrl, String token, int waitSeconds) {
        String url = waitSeconds > 0 ? jobUrl + "?WAIT=" + waitSeconds : jobUrl;
        HttpResponse<Buffer> r = send(web.getAbs(url), token, null, "job");
        expect(r, 200);
        return readable(() -> UwsXml.read(r.body().getBytes()));
    }

    // ------------------------------------------------------------------ plumbing

    private HttpResponse<Buffer> postFollowing(String url, Transfer request, String token, String what,
            String[] finalUrl) {
        HttpResponse<Buffer> r = send(web.postAbs(url).putHeader("Content-Type", "text/xml"), token,
                Buffer.buffer(TransferXml.toXml(request)), what);
        String current = url;
        for (int i = 0; i < MAX_REDIRECTS && isRedirect(r.statusCode()); i++) {
            String next = absolute(current, r.getHeader("Location"));
            r = send(web.getAbs(next), token, null, what); // send() drops the token if next is elsewhere
            current = next;
        }
        finalUrl[0] = current;
        expect(r, 200);
        return r;
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307;
    }

    static String absolute(String base, String location) {
        if (location == null) {
            throw new UpstreamException(502, "InvalidRedirect", "redirect without Location");
        }
        return URI.create(base).resolve(location).toString();
    }

    /**
     * True if the user's token may go with a request to {@code url}: this service receives tokens
     * and the URL is on its own host.
     */
    public boolean ownsUrl(String url) {
        return sendsToken && onOwnHost(Origin.of(URI.create(url)));
    }

    /** The service's own host is that of its nodes endpoint (from the configured capabilities URL's document). */
    private boolean onOwnHost(Origin o) {
        return o.equals(Origin.of(URI.create(capabilities().url(Capabilities.NODES))));
    }

    /** True if two URLs have the same scheme, host and effective port. */
    public static boolean sameOrigin(String a, String b) {
        return Origin.of(URI.create(a)).equals(Origin.of(URI.create(b)));
    }

    /** Scheme, host and effective port: where a request goes ({@code http://h} is {@code http://h:80}). */
    record Origin(String scheme, String host, int port) {
        static Origin of(URI u) {
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            int port = u.getPort() != -1 ? u.getPort() : "https".equals(scheme) ? 443 : 80;
            return new Origin(scheme, u.getHost() == null ? "" : u.getHost().toLowerCase(java.util.Locale.ROOT), port);
        }

        static Origin of(HttpRequest<Buffer> req) {
            boolean tls = Boolean.TRUE.equals(req.ssl());
            return new Origin(tls ? "https" : "http", req.host() == null ? "" : req.host().toLowerCase(java.util.Locale.ROOT),
                    req.port());
        }
    }

    /** The one place a token is attached: only for this service's own host, and only if it may have it. */
    private HttpResponse<Buffer> send(HttpRequest<Buffer> req, String token, Buffer body, String what) {
        req.followRedirects(false).timeout(TIMEOUT.toMillis());
        if (token != null && sendsToken && onOwnHost(Origin.of(req))) {
            req.putHeader("Authorization", "Bearer " + token);
        }
        try {
            return (body == null ? req.send() : req.sendBuffer(body)).await().atMost(TIMEOUT.plusSeconds(5));
        } catch (RuntimeException e) {
            throw UpstreamException.unreachable(name + " (" + what + ")", e);
        }
    }

    /**
     * Parses a service's answer; one that is not the document it should be (broken XML, a proxy's
     * error page) is the service's failure, reported as such (502), not as a fault of the caller.
     */
    private <T> T readable(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            throw new UpstreamException(502, "UnreadableAnswer", name + " sent an answer that is not VOSpace XML: "
                    + e.getMessage());
        }
    }

    private static void expect(HttpResponse<Buffer> r, int... ok) {
        for (int s : ok) {
            if (r.statusCode() == s) {
                return;
            }
        }
        throw fault(r);
    }

    private static UpstreamException fault(HttpResponse<Buffer> r) {
        String body = r.body() == null ? "" : r.body().toString(StandardCharsets.UTF_8);
        return UpstreamException.fromBody(r.statusCode(), body);
    }

}
