package org.vosportal.vospace.client;

import io.smallrye.mutiny.Uni;
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
 * so it works the same against the embedded service and CANFAR's vault. It holds what is the same
 * for every caller (capabilities, the node authority, the plumbing); a caller's calls go through
 * its {@link #session(String) session}, which carries the access token (or none) and follows 303s
 * itself. The token only ever goes to the host of
 * the service's own endpoints, and only to a service configured to receive it ({@code sendsToken}:
 * one that trusts the portal's realm): never to a redirect, a transfer document's or a job URL
 * on another host. Every call is asynchronous (a {@link Uni}): a portal page waits for the
 * service without holding a thread, so one page in flight costs the one worker thread the
 * embedded service answers on, not two.
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

    /**
     * The client once the service's capabilities are known (read once, then kept): what
     * {@link #capabilities()} and the {@code offers…} questions answer from.
     */
    public Uni<VosClient> ready() {
        if (capabilities != null) {
            return Uni.createFrom().item(this);
        }
        return send(web.getAbs(capabilitiesUrl), null, null, "capabilities").map(r -> {
            expect(r, 200);
            Capabilities c = readable(() -> Capabilities.parse(r.body().getBytes()));
            if (c.url(Capabilities.NODES) == null) {
                throw new UpstreamException(502, "InvalidCapabilities", "no nodes endpoint at " + capabilitiesUrl);
            }
            capabilities = c;
            return this;
        });
    }

    /** The service's capabilities; only after {@link #ready()} (sessions are handed out ready). */
    public Capabilities capabilities() {
        Capabilities c = capabilities;
        if (c == null) {
            throw new IllegalStateException(name + ": capabilities asked before ready()");
        }
        return c;
    }

    /**
     * This client used by one caller ({@code token} is the caller's access token, null for
     * anonymous), once it is {@link #ready()}.
     */
    public Uni<VosSession> session(String token) {
        return ready().map(c -> new VosSession(this, token, web));
    }

    /** The node URI authority once a session learnt it from the root node (null before). */
    String knownAuthority() {
        return authority;
    }

    void learnAuthority(String a) {
        authority = a;
    }

    String nodesUrl(VosPath path) {
        return capabilities().url(Capabilities.NODES) + path.toUrlPath();
    }

    // ------------------------------------------------------------------ nodes

    // ------------------------------------------------------------------ transfers

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
    /** The service makes PNG previews ({@code PREVIEW=png} on its byte URLs; the embedded one does). */
    public boolean offersPreviews() {
        return capabilities().has(Capabilities.PREVIEW);
    }

    public boolean offersShareLinks() {
        return capabilities().has(Capabilities.SHARES);
    }

    public boolean offersSharedWithMe() {
        return capabilities().has(Capabilities.SHARED_WITH_ME);
    }

    /** The service's metadata search (the embedded service's extension; docs/ARCHITECTURE.md). */
    public boolean offersSearch() {
        return capabilities().has(Capabilities.SEARCH);
    }

    String extension(String standardId) {
        String url = capabilities().url(standardId);
        if (url == null) {
            throw new UpstreamException(501, "OptionNotSupported", name + " offers no share lists");
        }
        return url;
    }

    static ShareLinkInfo shareLink(io.vertx.core.json.JsonObject o) {
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
    public Uni<String> startTransaction(String endpoint, long totalLength) {
        return send(web.putAbs(endpoint).putHeader("x-put-txn-op", "start")
                .putHeader("x-total-length", Long.toString(totalLength)).putHeader("Content-Length", "0"), null,
                Buffer.buffer(), "upload start").map(r -> {
                    String id = r.getHeader("x-put-txn-id");
                    if (r.statusCode() / 100 != 2 || id == null) {
                        throw r.statusCode() / 100 == 2
                                ? new UpstreamException(501, "OptionNotSupported", "the service has no resumable uploads")
                                : fault(r);
                    }
                    return id;
                });
    }

    /** Bytes the service holds so far in a transaction. */
    public Uni<Long> transactionLength(String endpoint, String txnId) {
        return send(web.headAbs(endpoint).putHeader("x-put-txn-id", txnId), null, null, "upload status").map(r -> {
            expect(r, 200);
            String len = r.getHeader("x-put-txn-length");
            return len == null ? 0L : Long.parseLong(len);
        });
    }

    /** With {@code mayReplace} false the commit only creates the file: 412 when one exists by then. */
    public Uni<Void> commitTransaction(String endpoint, String txnId, boolean mayReplace) {
        var put = web.putAbs(endpoint).putHeader("x-put-txn-id", txnId).putHeader("x-put-txn-op", "commit")
                .putHeader("Content-Length", "0");
        if (!mayReplace) {
            put.putHeader("If-None-Match", "*");
        }
        return send(put, null, Buffer.buffer(), "upload commit").map(r -> {
            expect(r, 201, 200, 204);
            return null;
        });
    }

    /** Best effort: whatever the service answers, the portal forgets the transaction. */
    public Uni<Void> abortTransaction(String endpoint, String txnId) {
        return send(web.postAbs(endpoint).putHeader("x-put-txn-id", txnId).putHeader("x-put-txn-op", "abort"), null,
                Buffer.buffer(), "upload abort").replaceWithVoid();
    }

    // ------------------------------------------------------------------ plumbing

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
    boolean onOwnHost(String url) {
        return onOwnHost(Origin.of(URI.create(url)));
    }

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
    Uni<HttpResponse<Buffer>> send(HttpRequest<Buffer> req, String token, Buffer body, String what) {
        req.followRedirects(false).timeout(TIMEOUT.toMillis());
        if (token != null && sendsToken && onOwnHost(Origin.of(req))) {
            req.putHeader("Authorization", "Bearer " + token);
        }
        return (body == null ? req.send() : req.sendBuffer(body))
                .ifNoItem().after(TIMEOUT.plusSeconds(5)).fail()
                .onFailure().transform(e -> UpstreamException.unreachable(name + " (" + what + ")", e));
    }

    /**
     * Parses a service's answer; one that is not the document it should be (broken XML, a proxy's
     * error page) is the service's failure, reported as such (502), not as a fault of the caller.
     */
    <T> T readable(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            throw new UpstreamException(502, "UnreadableAnswer", name + " sent an answer that is not VOSpace XML: "
                    + e.getMessage());
        }
    }

    static void expect(HttpResponse<Buffer> r, int... ok) {
        for (int s : ok) {
            if (r.statusCode() == s) {
                return;
            }
        }
        throw fault(r);
    }

    static UpstreamException fault(HttpResponse<Buffer> r) {
        String body = r.body() == null ? "" : r.body().toString(StandardCharsets.UTF_8);
        return UpstreamException.fromBody(r.statusCode(), body);
    }

}
