package org.vosportal.vospace.client;

import static org.vosportal.vospace.client.VosClient.MAX_REDIRECTS;
import static org.vosportal.vospace.client.VosClient.PROTO;
import static org.vosportal.vospace.client.VosClient.absolute;
import static org.vosportal.vospace.client.VosClient.expect;
import static org.vosportal.vospace.client.VosClient.fault;
import static org.vosportal.vospace.client.VosClient.isRedirect;
import static org.vosportal.vospace.client.VosClient.statusOfFault;

import io.smallrye.mutiny.Uni;
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
 * {@link VosClient} lets it (the service's own host, a service that trusts the realm). Every
 * call answers a {@link Uni}; a session comes from {@link VosClient#session} once the client is
 * {@link VosClient#ready() ready}, so its capabilities are known.
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

    private Uni<HttpResponse<Buffer>> send(HttpRequest<Buffer> req, Buffer body, String what) {
        return client.send(req, token, body, what);
    }

    private <T> T readable(java.util.function.Supplier<T> parse) {
        return client.readable(parse);
    }

    private String extension(String standardId) {
        return client.extension(standardId);
    }

    /** The service's node URI authority, learnt from the root node's URI. */
    public Uni<String> authority() {
        String a = client.knownAuthority();
        if (a != null) {
            return Uni.createFrom().item(a);
        }
        return node(VosPath.ROOT, 0, null).map(root -> {
            client.learnAuthority(root.uri().authority());
            return root.uri().authority();
        });
    }

    public Uni<VosUri> uriOf(VosPath path) {
        return authority().map(a -> new VosUri(a, path));
    }

    /** The URI of a child to start a page at (VOSpace {@code uri=}), appended to {@code url} when given. */
    private Uni<String> withStart(StringBuilder url, VosPath path, String startName) {
        if (startName == null) {
            return Uni.createFrom().item(url.toString());
        }
        return uriOf(path.child(startName))
                .map(u -> url.append("&uri=").append(UriCodec.encodeQueryValue(u.toString())).toString());
    }

    private Uni<Node> readNode(String url, VosPath path) {
        return send(web.getAbs(url), null, path.toString()).map(r -> {
            expect(r, 200);
            return readable(() -> NodeXml.read(r.body().getBytes()));
        });
    }

    /**
     * Reads a node with up to {@code limit} children (detail max), starting at the child
     * {@code startName} (inclusive, VOSpace {@code uri=} paging) when given; limit -1 = all.
     */
    public Uni<Node> node(VosPath path, int limit, String startName) {
        return node(path, limit, startName, false);
    }

    /**
     * {@link #node(VosPath, int, String)} in descending name order when {@code descending}
     * ({@code order=desc} without {@code sort}: the embedded service pages it; a service that
     * ignores it answers in its ascending order, one that refuses it with 400).
     */
    public Uni<Node> node(VosPath path, int limit, String startName, boolean descending) {
        StringBuilder url = new StringBuilder(nodesUrl(path)).append("?detail=max");
        if (limit >= 0) {
            url.append("&limit=").append(limit);
        }
        if (descending) {
            url.append("&order=desc");
        }
        return withStart(url, path, startName).flatMap(u -> readNode(u, path));
    }

    /**
     * Reads up to {@code limit} children of a container sorted by {@code core#date} or
     * {@code core#length} (VOSpace {@code sort}/{@code order}), from the child {@code startName}
     * (inclusive) when given. Services that cannot sort, or cannot page sorted, answer 400.
     */
    public Uni<Node> sorted(VosPath path, int limit, String sortProperty, boolean descending,
            String startName) {
        StringBuilder url = new StringBuilder(nodesUrl(path)).append("?detail=max&limit=").append(limit)
                .append("&sort=").append(UriCodec.encodeQueryValue(sortProperty))
                .append("&order=").append(descending ? "desc" : "asc");
        return withStart(url, path, startName).flatMap(u -> readNode(u, path));
    }

    public Uni<Node> create(VosPath path, NodeType type, List<Property> props, String linkTarget) {
        return uriOf(path).flatMap(uri -> {
            Node doc = Node.builder(uri, type).target(linkTarget).build().withProperties(props);
            return send(web.putAbs(nodesUrl(path)).putHeader("Content-Type", "text/xml"),
                    Buffer.buffer(NodeXml.toXml(doc)), path.toString());
        }).map(r -> {
            expect(r, 201, 200);
            return readable(() -> NodeXml.read(r.body().getBytes()));
        });
    }

    /** Sets properties; answers the node as the service returns it, or null when it returns none. */
    public Uni<Node> setProperties(VosPath path, NodeType type, List<Property> props) {
        return uriOf(path).flatMap(uri -> {
            Node doc = Node.builder(uri, type).build().withProperties(props);
            return send(web.postAbs(nodesUrl(path)).putHeader("Content-Type", "text/xml"),
                    Buffer.buffer(NodeXml.toXml(doc)), path.toString());
        }).map(r -> {
            expect(r, 200, 201, 204);
            return r.body() == null || r.body().length() == 0 ? null
                    : readable(() -> NodeXml.read(r.body().getBytes()));
        });
    }

    public Uni<Void> delete(VosPath path) {
        return send(web.deleteAbs(nodesUrl(path)), null, path.toString()).map(r -> {
            expect(r, 200, 204);
            return null;
        });
    }

    /** Negotiates a sync transfer and returns the first endpoint (a pre-authorised URL). */
    public Uni<String> negotiate(VosPath path, boolean push) {
        return negotiate(path, push, null);
    }

    /**
     * Same, asking for URLs that stay valid for {@code lifetime} (share links). Services that do
     * not know the parameter ignore it and use their own lifetime.
     */
    public Uni<String> negotiate(VosPath path, boolean push, java.time.Duration lifetime) {
        return uriOf(path).flatMap(uri -> negotiate(uri, path, push, lifetime));
    }

    private Uni<String> negotiate(VosUri uri, VosPath path, boolean push, java.time.Duration lifetime) {
        Transfer request = new Transfer(List.of(uri.toString()),
                push ? Transfer.PUSH_TO : Transfer.PULL_FROM, null,
                List.of(new Transfer.Protocol(PROTO + (push ? "httpsput" : "httpsget"), null, List.of()),
                        new Transfer.Protocol(PROTO + (push ? "httpput" : "httpget"), null, List.of())),
                null, "2.1", lifetime == null ? java.util.Map.of() : java.util.Map.of(Transfer.LIFETIME, lifetime.toString()));
        return postFollowing(capabilities().url(Capabilities.SYNC), request, path.toString()).flatMap(f -> {
            Transfer reply = readable(() -> TransferXml.read(f.response().body().getBytes()));
            for (Transfer.Protocol p : reply.protocols()) {
                if (p.endpoint() != null) {
                    return Uni.createFrom().item(p.endpoint());
                }
            }
            return negotiationError(f.finalUrl(), path).flatMap(e -> Uni.createFrom().failure(e));
        });
    }

    /**
     * A pre-authorised URL to read one file. Services with a {@code files} endpoint (CADC's vault,
     * the embedded service) answer it with one 303 to a signed URL; the others go through the
     * full {@code synctrans} negotiation (three requests). Same grant, a third of the round trips,
     * which matters when a ZIP is built from a thousand files.
     */
    public Uni<String> downloadUrl(VosPath path) {
        if (!capabilities().has(Capabilities.FILES)) {
            return negotiate(path, false);
        }
        return send(web.getAbs(capabilities().url(Capabilities.FILES) + path.toUrlPath()), null, path.toString())
                .map(r -> {
                    if (r.statusCode() == 303 && r.getHeader("Location") != null) {
                        return r.getHeader("Location");
                    }
                    throw fault(r);
                });
    }

    /** A refused negotiation leaves the reason in the job (as the vos client reads it): fetch it. */
    private Uni<UpstreamException> negotiationError(String detailsUrl, VosPath path) {
        String job = detailsUrl.replace("/xfer/", "/transfers/").replace("/results/transferDetails", "");
        UpstreamException generic = new UpstreamException(403, "TransferRefused",
                "the service offered no endpoint for " + path);
        return send(web.getAbs(job + "/error"), null, "job error").map(e -> {
            if (e.statusCode() == 200 && e.body() != null) {
                String text = e.body().toString(StandardCharsets.UTF_8).strip();
                String fault = text.contains(":") ? text.substring(0, text.indexOf(':')) : text;
                return new UpstreamException(statusOfFault(fault), fault, path.toString());
            }
            return generic;
        }).onFailure(UpstreamException.class).recoverWithItem(generic);
    }

    /** A new, revocable share link to a file (the service's share-link extension). */
    public Uni<ShareLinkInfo> createShareLink(VosPath path, java.time.Duration lifetime) {
        String url = extension(Capabilities.SHARES);
        return uriOf(path).flatMap(uri -> {
            String form = "target=" + UriCodec.encodeQueryValue(uri.toString()) + "&lifetime="
                    + UriCodec.encodeQueryValue(lifetime.toString());
            return send(web.postAbs(url).putHeader("Content-Type", "application/x-www-form-urlencoded"),
                    Buffer.buffer(form), path.toString());
        }).map(r -> {
            expect(r, 201);
            return readable(() -> VosClient.shareLink(new io.vertx.core.json.JsonObject(r.bodyAsString())));
        });
    }

    /** The user's active share links, or with {@code path} those of one node the user may revoke. */
    public Uni<List<ShareLinkInfo>> shareLinks(VosPath path) {
        String base = extension(Capabilities.SHARES);
        Uni<String> url = path == null ? Uni.createFrom().item(base)
                : uriOf(path).map(uri -> base + "?target=" + UriCodec.encodeQueryValue(uri.toString()));
        return url.flatMap(u -> send(web.getAbs(u), null, "share links")).map(r -> shareLinkList(r));
    }

    private List<ShareLinkInfo> shareLinkList(HttpResponse<Buffer> r) {
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

    public Uni<Void> revokeShareLink(String id) {
        return send(web.deleteAbs(extension(Capabilities.SHARES) + "/" + UriCodec.encodeSegment(id)), null,
                "share link").map(r -> {
                    expect(r, 204);
                    return null;
                });
    }

    /** One page of what others shared with the user's groups, from the page cursor {@code after} (null: the first). */
    public Uni<SharedNode.Page> sharedWithMe(String after, int limit) {
        String url = extension(Capabilities.SHARED_WITH_ME) + "?limit=" + limit
                + (after == null ? "" : "&after=" + UriCodec.encodeQueryValue(after));
        return send(web.getAbs(url), null, "shared with me").map(r -> {
            expect(r, 200);
            return nodePage(r, n -> new SharedNode(VosUri.parse(n.getString("uri")).path(), n.getString("owner"),
                    "container".equals(n.getString("type")), n.getString("group"),
                    "write".equals(n.getString("access"))), SharedNode.Page::new);
        });
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
    public Uni<SearchHit.Page> search(VosPath under, String name, String propUri, String propValue, String after,
            int limit) {
        String base = extension(Capabilities.SEARCH);
        return uriOf(under).flatMap(uri -> search(base, uri, under, name, propUri, propValue, after, limit));
    }

    private Uni<SearchHit.Page> search(String base, VosUri uri, VosPath under, String name, String propUri,
            String propValue, String after, int limit) {
        StringBuilder url = new StringBuilder(base).append("?under=")
                .append(UriCodec.encodeQueryValue(uri.toString())).append("&limit=").append(limit);
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
        return send(web.getAbs(url.toString()), null, under.toString()).map(r -> {
            expect(r, 200);
            return nodePage(r, n -> new SearchHit(VosUri.parse(n.getString("uri")).path(),
                    "container".equals(n.getString("type")), n.getLong("size", 0L),
                    n.getString("date") == null ? null : java.time.Instant.parse(n.getString("date"))),
                    SearchHit.Page::new);
        });
    }

    /** Requests a ZIP or TAR package of several nodes; returns the URL that streams it. */
    public Uni<String> packageUrl(List<VosPath> paths, String format) {
        return authority().flatMap(a -> requestPackage(paths.stream().map(p -> new VosUri(a, p).toString()).toList(),
                format));
    }

    private Uni<String> requestPackage(List<String> targets, String format) {
        Transfer request = new Transfer(targets, Transfer.PULL_FROM,
                new Transfer.View(Capabilities.PACKAGE, java.util.Map.of(PROTO + "format", format)),
                List.of(new Transfer.Protocol(PROTO + "httpsget", null, List.of())), null, "2.1");
        return send(web.postAbs(capabilities().url(Capabilities.SYNC)).putHeader("Content-Type", "text/xml"),
                Buffer.buffer(TransferXml.toXml(request)), "package").map(r -> {
                    if (r.statusCode() != 303 || r.getHeader("Location") == null) {
                        throw fault(r);
                    }
                    return r.getHeader("Location");
                });
    }

    /** Starts an async move or copy; returns the job URL (already running). */
    public Uni<String> moveOrCopy(VosPath src, VosPath dest, boolean copy) {
        return authority().flatMap(a -> {
            Transfer t = new Transfer(List.of(new VosUri(a, src).toString()), new VosUri(a, dest).toString(), null,
                    List.of(), copy, "2.1");
            return createJob(capabilities().url(Capabilities.TRANSFERS), TransferXml.toXml(t), "text/xml");
        });
    }

    /**
     * Starts an async move that asks the service to keep the node's {@code core#date}
     * ({@link Transfer#KEEP_DATE}: the trash; a service that does not know it dates the move).
     */
    public Uni<String> moveKeepingDate(VosPath src, VosPath dest) {
        return authority().flatMap(a -> {
            Transfer t = new Transfer(List.of(new VosUri(a, src).toString()), new VosUri(a, dest).toString(), null,
                    List.of(), false, "2.1", java.util.Map.of(Transfer.KEEP_DATE, "true"));
            return createJob(capabilities().url(Capabilities.TRANSFERS), TransferXml.toXml(t), "text/xml");
        });
    }

    public Uni<String> recursiveDelete(VosPath path) {
        return uriOf(path).flatMap(uri -> createJob(capabilities().url(Capabilities.ASYNC_DELETE),
                "target=" + UriCodec.encodeQueryValue(uri.toString()), "application/x-www-form-urlencoded"));
    }

    public Uni<String> recursiveSetProperties(VosPath path, NodeType type, List<Property> props) {
        return uriOf(path).flatMap(uri -> createJob(capabilities().url(Capabilities.ASYNC_SETPROPS),
                NodeXml.toXml(Node.builder(uri, type).build().withProperties(props)), "text/xml"));
    }

    private Uni<String> createJob(String listUrl, String body, String contentType) {
        if (listUrl == null) {
            return Uni.createFrom().failure(new UpstreamException(501, "OptionNotSupported",
                    "the service does not offer this operation"));
        }
        return send(web.postAbs(listUrl).putHeader("Content-Type", contentType), Buffer.buffer(body), "job")
                .map(r -> {
                    if (r.statusCode() != 303 || r.getHeader("Location") == null) {
                        throw fault(r);
                    }
                    String job = absolute(listUrl, r.getHeader("Location"));
                    if (!client.onOwnHost(job)) {
                        // the job would run without the user's credentials, or the portal would poll a stranger
                        throw new UpstreamException(502, "ForeignJobUrl", client.name()
                                + " sent a job URL on another host (" + URI.create(job).getHost()
                                + "); the portal does not follow it");
                    }
                    return job;
                })
                .flatMap(job -> send(web.postAbs(job + "/phase")
                        .putHeader("Content-Type", "application/x-www-form-urlencoded"), Buffer.buffer("PHASE=RUN"),
                        "job").map(run -> {
                            if (run.statusCode() != 303 && run.statusCode() != 200) {
                                throw fault(run);
                            }
                            return job;
                        }));
    }

    /** The job's state; answers after up to {@code waitSeconds} while it is running (UWS WAIT). */
    public Uni<UwsJob> job(String jobUrl, int waitSeconds) {
        String url = waitSeconds > 0 ? jobUrl + "?WAIT=" + waitSeconds : jobUrl;
        return send(web.getAbs(url), null, "job").map(r -> {
            expect(r, 200);
            return readable(() -> UwsXml.read(r.body().getBytes()));
        });
    }

    /** An answer after its redirects, and the URL that gave it (where a refusal's job is). */
    private record Followed(HttpResponse<Buffer> response, String finalUrl) {
    }

    private Uni<Followed> postFollowing(String url, Transfer request, String what) {
        return send(web.postAbs(url).putHeader("Content-Type", "text/xml"), Buffer.buffer(TransferXml.toXml(request)),
                what).flatMap(r -> follow(new Followed(r, url), MAX_REDIRECTS, what));
    }

    /** Follows up to {@code left} more redirects; send() drops the token where one leads elsewhere. */
    private Uni<Followed> follow(Followed f, int left, String what) {
        if (left == 0 || !isRedirect(f.response().statusCode())) {
            expect(f.response(), 200);
            return Uni.createFrom().item(f);
        }
        String next = absolute(f.finalUrl(), f.response().getHeader("Location"));
        return send(web.getAbs(next), null, what).flatMap(r -> follow(new Followed(r, next), left - 1, what));
    }
}
