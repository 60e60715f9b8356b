package org.vosportal.vospace.client;

import static org.vosportal.vospace.client.VosClient.MAX_REDIRECTS;
import static org.vosportal.vospace.client.VosClient.PROTO;
import static org.vosportal.vospace.client.VosClient.absolute;
import static org.vosportal.vospace.client.VosClient.expect;
import static org.vosportal.vospace.client.VosClient.fault;
import static org.vosportal.vospace.client.VosClient.isRedirect;
import static org.vosportal.vospace.client.VosClient.statusOfFault;

import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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

/**
 * One caller's use of one service: the {@link VosClient} and the caller's access token (null:
 * anonymous), made once per request so no call carries a token. The token goes only where
 * {@link VosClient} lets it (the service's own host, a service that trusts the realm).
 */
public final class VosSession {

    private final VosClient client;
    private final String token;
    private final WebClient web;

    VosSession(VosClient client, String token, WebClient web) {
        this.client = client;
        this.token = token;
        this.web = web;
    }

    public VosClient client() {
        return client;
    }

    /** True when the caller is anonymous (no token goes with the calls). */
    public boolean isAnonymous() {
        return token == null;
    }

    /**
     * The caller's token for a stream the portal opens itself (a package URL): only when the
     * service may have it and {@code url} is on its own host, else null.
     */
    public String tokenFor(String url) {
        return token != null && client.ownsUrl(url) ? token : null;
    }

    private Capabilities capabilities() {
        return client.capabilities();
    }

    private String nodesUrl(VosPath path) {
        return client.nodesUrl(path);
    }

    private HttpResponse<Buffer> send(HttpRequest<Buffer> req, Buffer body, String what) {
        return client.send(req, token, body, what);
    }

    private <T> T readable(java.util.function.Supplier<T> parse) {
        return client.readable(parse);
    }

    private String extension(String standardId) {
        return client.extension(standardId);
    }

    /** The service's node URI authority, learnt from the root node's URI. */
    public String authority() {
        String a = client.knownAuthority();
        if (a == null) {
            a = node(VosPath.ROOT, 0, null).uri().authority();
            client.learnAuthority(a);
        }
        return a;
    }

    public VosUri uriOf(VosPath path) {
        return new VosUri(authority(), path);
    }

    /**
     * Reads a node with up to {@code limit} children (detail max), starting at the child
     * {@code startName} (inclusive, VOSpace {@code uri=} paging) when given; limit -1 = all.
     */
    public Node node(VosPath path, int limit, String startName) {
        return node(path, limit, startName, false);
    }

    /**
     * {@link #node(VosPath, int, String)} in descending name order when {@code descending}
     * ({@code order=desc} without {@code sort}: the embedded service pages it; a service that
     * ignores it answers in its ascending order, one that refuses it with 400).
     */
    public Node node(VosPath path, int limit, String startName, boolean descending) {
        StringBuilder url = new StringBuilder(nodesUrl(path)).append("?detail=max");
        if (limit >= 0) {
            url.append("&limit=").append(limit);
        }
        if (descending) {
            url.append("&order=desc");
        }
        if (startName != null) {
            url.append("&uri=").append(UriCodec.encodeQueryValue(uriOf(path.child(startName)).toString()));
        }
        HttpResponse<Buffer> r = send(web.getAbs(url.toString()), null, path.toString());
        expect(r, 200);
        return readable(() -> NodeXml.read(r.body().getBytes()));
    }

    /**
     * Reads up to {@code limit} children of a container sorted by {@code core#date} or
     * {@code core#length} (VOSpace {@code sort}/{@code order}), from the child {@code startName}
     * (inclusive) when given. Services that cannot sort, or cannot page sorted, answer 400.
     */
    public Node sorted(VosPath path, int limit, String sortProperty, boolean descending,
            String startName) {
        StringBuilder url = new StringBuilder(nodesUrl(path)).append("?detail=max&limit=").append(limit)
                .append("&sort=").append(UriCodec.encodeQueryValue(sortProperty))
                .append("&order=").append(descending ? "desc" : "asc");
        if (startName != null) {
            url.append("&uri=").append(UriCodec.encodeQueryValue(uriOf(path.child(startName)).toString()));
        }
        HttpResponse<Buffer> r = send(web.getAbs(url.toString()), null, path.toString());
        expect(r, 200);
        return readable(() -> NodeXml.read(r.body().getBytes()));
    }

    public Node create(VosPath path, NodeType type, List<Property> props, String linkTarget) {
        Node doc = Node.builder(uriOf(path), type).target(linkTarget).build().withProperties(props);
        HttpResponse<Buffer> r = send(web.putAbs(nodesUrl(path)).putHeader("Content-Type", "text/xml"),
                Buffer.buffer(NodeXml.toXml(doc)), path.toString());
        expect(r, 201, 200);
        return readable(() -> NodeXml.read(r.body().getBytes()));
    }

    public Node setProperties(VosPath path, NodeType type, List<Property> props) {
        Node doc = Node.builder(uriOf(path), type).build().withProperties(props);
        HttpResponse<Buffer> r = send(web.postAbs(nodesUrl(path)).putHeader("Content-Type", "text/xml"),
                Buffer.buffer(NodeXml.toXml(doc)), path.toString());
        expect(r, 200, 201, 204);
        return r.body() == null || r.body().length() == 0 ? null : readable(() -> NodeXml.read(r.body().getBytes()));
    }

    public void delete(VosPath path) {
        expect(send(web.deleteAbs(nodesUrl(path)), null, path.toString()), 200, 204);
    }

    /** Negotiates a sync transfer and returns the first endpoint (a pre-authorised URL). */
    public String negotiate(VosPath path, boolean push) {
        return negotiate(path, push, null);
    }

    /**
     * Same, asking for URLs that stay valid for {@code lifetime} (share links). Services that do
     * not know the parameter ignore it and use their own lifetime.
     */
    public String negotiate(VosPath path, boolean push, java.time.Duration lifetime) {
        Transfer request = new Transfer(List.of(uriOf(path).toString()),
                push ? Transfer.PUSH_TO : Transfer.PULL_FROM, null,
                List.of(new Transfer.Protocol(PROTO + (push ? "httpsput" : "httpsget"), null, List.of()),
                        new Transfer.Protocol(PROTO + (push ? "httpput" : "httpget"), null, List.of())),
                null, "2.1", lifetime == null ? java.util.Map.of() : java.util.Map.of(Transfer.LIFETIME, lifetime.toString()));
        Followed f = postFollowing(capabilities().url(Capabilities.SYNC), request, path.toString());
        Transfer reply = readable(() -> TransferXml.read(f.response().body().getBytes()));
        for (Transfer.Protocol p : reply.protocols()) {
            if (p.endpoint() != null) {
                return p.endpoint();
            }
        }
        throw negotiationError(f.finalUrl(), path);
    }

    /**
     * A pre-authorised URL to read one file. Services with a {@code files} endpoint (CADC's vault,
     * the embedded service) answer it with one 303 to a signed URL; the others go through the
     * full {@code synctrans} negotiation (three requests). Same grant, a third of the round trips,
     * which matters when a ZIP is built from a thousand files.
     */
    public String downloadUrl(VosPath path) {
        if (!capabilities().has(Capabilities.FILES)) {
            return negotiate(path, false);
        }
        HttpResponse<Buffer> r = send(web.getAbs(capabilities().url(Capabilities.FILES) + path.toUrlPath()), null,
                path.toString());
        if (r.statusCode() == 303 && r.getHeader("Location") != null) {
            return r.getHeader("Location");
        }
        throw fault(r);
    }

    /** A refused negotiation leaves the reason in the job (as the vos client reads it): fetch it. */
    private UpstreamException negotiationError(String detailsUrl, VosPath path) {
        String job = detailsUrl.replace("/xfer/", "/transfers/").replace("/results/transferDetails", "");
        try {
            HttpResponse<Buffer> e = send(web.getAbs(job + "/error"), null, "job error");
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

    /** A new, revocable share link to a file (the service's share-link extension). */
    public ShareLinkInfo createShareLink(VosPath path, java.time.Duration lifetime) {
        String form = "target=" + UriCodec.encodeQueryValue(uriOf(path).toString()) + "&lifetime="
                + UriCodec.encodeQueryValue(lifetime.toString());
        HttpResponse<Buffer> r = send(web.postAbs(extension(Capabilities.SHARES))
                .putHeader("Content-Type", "application/x-www-form-urlencoded"), Buffer.buffer(form),
                path.toString());
        expect(r, 201);
        return readable(() -> VosClient.shareLink(new io.vertx.core.json.JsonObject(r.bodyAsString())));
    }

    /** The user's active share links, or with {@code path} those of one node the user may revoke. */
    public List<ShareLinkInfo> shareLinks(VosPath path) {
        String url = extension(Capabilities.SHARES) + (path == null ? ""
                : "?target=" + UriCodec.encodeQueryValue(uriOf(path).toString()));
        HttpResponse<Buffer> r = send(web.getAbs(url), null, "share links");
        expect(r, 200);
        return readable(() -> {
            io.vertx.core.json.JsonArray links = new io.vertx.core.json.JsonObject(r.bodyAsString()).getJsonArray("links");
            List<ShareLinkInfo> out = new java.util.ArrayList<>();
            for (int i = 0; i < links.size(); i++) {
                out.add(VosClient.shareLink(links.getJsonObject(i)));
            }
            return out;
        });
    }

    public void revokeShareLink(String id) {
        expect(send(web.deleteAbs(extension(Capabilities.SHARES) + "/" + UriCodec.encodeSegment(id)), null,
                "share link"), 204);
    }

    /** One page of what others shared with the user's groups, from the page cursor {@code after} (null: the first). */
    public SharedNode.Page sharedWithMe(String after, int limit) {
        String url = extension(Capabilities.SHARED_WITH_ME) + "?limit=" + limit
                + (after == null ? "" : "&after=" + UriCodec.encodeQueryValue(after));
        HttpResponse<Buffer> r = send(web.getAbs(url), null, "shared with me");
        expect(r, 200);
        return nodePage(r, n -> new SharedNode(VosUri.parse(n.getString("uri")).path(), n.getString("owner"),
                "container".equals(n.getString("type")), n.getString("group"), "write".equals(n.getString("access"))),
                SharedNode.Page::new);
    }

    /** A JSON page of the extensions ({@code {"nodes":[…],"next":…}}), each node made a row. */
    private <T, P> P nodePage(HttpResponse<Buffer> r, java.util.function.Function<io.vertx.core.json.JsonObject, T> row,
            java.util.function.BiFunction<List<T>, String, P> page) {
        return readable(() -> {
            io.vertx.core.json.JsonObject body = new io.vertx.core.json.JsonObject(r.bodyAsString());
            io.vertx.core.json.JsonArray nodes = body.getJsonArray("nodes");
            List<T> out = new java.util.ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                out.add(row.apply(nodes.getJsonObject(i)));
            }
            return page.apply(out, body.getString("next"));
        });
    }

    /**
     * One page of the nodes below {@code under} whose name matches {@code name} (a substring, or
     * a glob with * and ?; case-insensitive) and that have the property {@code propUri} equal to
     * {@code propValue} (both null for any), from the page cursor {@code after} (null: the first).
     * Only for a service that offers the search extension ({@link VosClient#offersSearch}).
     */
    public SearchHit.Page search(VosPath under, String name, String propUri, String propValue, String after,
            int limit) {
        StringBuilder url = new StringBuilder(extension(Capabilities.SEARCH)).append("?under=")
                .append(UriCodec.encodeQueryValue(uriOf(under).toString())).append("&limit=").append(limit);
        if (name != null && !name.isBlank()) {
            url.append("&name=").append(UriCodec.encodeQueryValue(name));
        }
        if (propUri != null) {
            url.append("&prop=").append(UriCodec.encodeQueryValue(propUri)).append("&op=eq&value=")
                    .append(UriCodec.encodeQueryValue(propValue));
        }
        if (after != null) {
            url.append("&after=").append(UriCodec.encodeQueryValue(after));
        }
        HttpResponse<Buffer> r = send(web.getAbs(url.toString()), null, under.toString());
        expect(r, 200);
        return nodePage(r, n -> new SearchHit(VosUri.parse(n.getString("uri")).path(),
                "container".equals(n.getString("type")), n.getLong("size", 0L),
                n.getString("date") == null ? null : java.time.Instant.parse(n.getString("date"))), SearchHit.Page::new);
    }

    /** Requests a ZIP or TAR package of several nodes; returns the URL that streams it. */
    public String packageUrl(List<VosPath> paths, String format) {
        List<String> targets = paths.stream().map(p -> uriOf(p).toString()).toList();
        Transfer request = new Transfer(targets, Transfer.PULL_FROM,
                new Transfer.View(Capabilities.PACKAGE, java.util.Map.of(PROTO + "format", format)),
                List.of(new Transfer.Protocol(PROTO + "httpsget", null, List.of())), null, "2.1");
        HttpResponse<Buffer> r = send(web.postAbs(capabilities().url(Capabilities.SYNC))
                .putHeader("Content-Type", "text/xml"), Buffer.buffer(TransferXml.toXml(request)), "package");
        if (r.statusCode() != 303 || r.getHeader("Location") == null) {
            throw fault(r);
        }
        return r.getHeader("Location");
    }

    /** Starts an async move or copy; returns the job URL (already running). */
    public String moveOrCopy(VosPath src, VosPath dest, boolean copy) {
        Transfer t = new Transfer(List.of(uriOf(src).toString()), uriOf(dest).toString(), null,
                List.of(), copy, "2.1");
        return createJob(capabilities().url(Capabilities.TRANSFERS), TransferXml.toXml(t), "text/xml");
    }

    /**
     * Starts an async move that asks the service to keep the node's {@code core#date}
     * ({@link Transfer#KEEP_DATE}: the trash; a service that does not know it dates the move).
     */
    public String moveKeepingDate(VosPath src, VosPath dest) {
        Transfer t = new Transfer(List.of(uriOf(src).toString()), uriOf(dest).toString(), null,
                List.of(), false, "2.1", java.util.Map.of(Transfer.KEEP_DATE, "true"));
        return createJob(capabilities().url(Capabilities.TRANSFERS), TransferXml.toXml(t), "text/xml");
    }

    public String recursiveDelete(VosPath path) {
        String form = "target=" + UriCodec.encodeQueryValue(uriOf(path).toString());
        return createJob(capabilities().url(Capabilities.ASYNC_DELETE), form, "application/x-www-form-urlencoded");
    }

    public String recursiveSetProperties(VosPath path, NodeType type, List<Property> props) {
        Node doc = Node.builder(uriOf(path), type).build().withProperties(props);
        return createJob(capabilities().url(Capabilities.ASYNC_SETPROPS), NodeXml.toXml(doc), "text/xml");
    }

    private String createJob(String listUrl, String body, String contentType) {
        if (listUrl == null) {
            throw new UpstreamException(501, "OptionNotSupported", "the service does not offer this operation");
        }
        HttpResponse<Buffer> r = send(web.postAbs(listUrl).putHeader("Content-Type", contentType),
                Buffer.buffer(body), "job");
        if (r.statusCode() != 303 || r.getHeader("Location") == null) {
            throw fault(r);
        }
        String job = absolute(listUrl, r.getHeader("Location"));
        if (!client.onOwnHost(job)) {
            // the job would run without the user's credentials, or the portal would poll a stranger
            throw new UpstreamException(502, "ForeignJobUrl", client.name() + " sent a job URL on another host ("
                    + URI.create(job).getHost() + "); the portal does not follow it");
        }
        HttpResponse<Buffer> run = send(web.postAbs(job + "/phase")
                .putHeader("Content-Type", "application/x-www-form-urlencoded"), Buffer.buffer("PHASE=RUN"),
                "job");
        if (run.statusCode() != 303 && run.statusCode() != 200) {
            throw fault(run);
        }
        return job;
    }

    /** The job's state; blocks up to {@code waitSeconds} while it is running (UWS WAIT). */
    public UwsJob job(String jobUrl, int waitSeconds) {
        String url = waitSeconds > 0 ? jobUrl + "?WAIT=" + waitSeconds : jobUrl;
        HttpResponse<Buffer> r = send(web.getAbs(url), null, "job");
        expect(r, 200);
        return readable(() -> UwsXml.read(r.body().getBytes()));
    }

    /** An answer after its redirects, and the URL that gave it (where a refusal's job is). */
    private record Followed(HttpResponse<Buffer> response, String finalUrl) {
    }

    private Followed postFollowing(String url, Transfer request, String what) {
        HttpResponse<Buffer> r = send(web.postAbs(url).putHeader("Content-Type", "text/xml"),
                Buffer.buffer(TransferXml.toXml(request)), what);
        String current = url;
        for (int i = 0; i < MAX_REDIRECTS && isRedirect(r.statusCode()); i++) {
            String next = absolute(current, r.getHeader("Location"));
            r = send(web.getAbs(next), null, what); // send() drops the token if next is elsewhere
            current = next;
        }
        expect(r, 200);
        return new Followed(r, current);
    }
}
