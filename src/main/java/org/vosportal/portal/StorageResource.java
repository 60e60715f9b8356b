package org.vosportal.portal;

import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.Props;
import org.vosportal.vospace.UriCodec;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.VosUri;
import org.vosportal.vospace.client.UpstreamException;
import org.vosportal.vospace.client.VosClient;

/**
 * The storage portal's pages: {@code /storage/{svc}/list/{path}} and its actions. Every action is
 * a plain form or link (works without JavaScript); htmx requests get fragments.
 */
@RequestScoped
@Path("/storage")
@CsrfChecked
public class StorageResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(ListingPage page);

        static native TemplateInstance list$rows(ListingPage page);
    }

    @Inject
    PortalConfig config;

    @Inject
    VosClients clients;

    @Inject
    PortalUser user;

    @Inject
    PortalRequest portal;

    @Inject
    PortalJobs jobs;

    @Inject
    Csrf csrf;

    @Inject
    OidcSession session;

    @Inject
    OidcConfigurationMetadata identityProvider;

    @Inject
    PortalOrigin origin;

    @Inject
    HttpServerRequest request;

    @ConfigProperty(name = "quarkus.oidc.portal.client-id")
    String clientId;

    @GET
    public Response index() {
        return Redirects.seeOther(PortalUrls.service(config.defaultService()));
    }

    @GET
    @Path("list")
    public Response defaultList() {
        return index();
    }

    /**
     * Login: requires a session (Quarkus OIDC redirects to Keycloak), then goes back to
     * {@code next} when that is a portal path (never another site), else to the user's home.
     */
    @GET
    @Path("login")
    @Authenticated
    public Response login(@QueryParam("next") String next) {
        String back = PortalUrls.sameSitePath(next);
        if (back != null) {
            return Redirects.seeOther(back);
        }
        VosPath home;
        try {
            home = VosPath.ROOT.child(user.name());
        } catch (IllegalArgumentException e) {
            home = VosPath.ROOT;
        }
        return Redirects.seeOther(PortalUrls.list(config.defaultService(), home));
    }

    /**
     * Logout is a POST that passed the CSRF check like every other (Quarkus OIDC's own logout
     * path would end the session on any request, a cross-site link included, so it is not used):
     * the portal's session cookies are cleared, then Keycloak's end-session endpoint ends the
     * single sign-on session and sends the browser back to the portal.
     */
    @POST
    @Path("logout")
    public Response logout() {
        if (user.isAnonymous()) {
            return Redirects.seeOther(PortalUrls.home());
        }
        String idToken = session.getIdToken() == null ? null : session.getIdToken().getRawToken();
        String endSession = identityProvider.getEndSessionUri();
        session.logout().await().indefinitely();
        if (endSession == null) {
            return Redirects.seeOther(PortalUrls.home());
        }
        String back = origin.absolute(request, PortalUrls.home());
        return Redirects.seeOtherAbsolute(endSession + (endSession.contains("?") ? "&" : "?")
                + (idToken == null ? "" : "id_token_hint=" + UriCodec.encodeQueryValue(idToken) + "&")
                + "client_id=" + UriCodec.encodeQueryValue(clientId)
                + "&post_logout_redirect_uri=" + UriCodec.encodeQueryValue(back));
    }

    @GET
    @Path("{svc}/list{path: (/.*)?}")
    public Response list(@PathParam("svc") String svc, @QueryParam("after") String after, @QueryParam("key") String afterKey,
            @QueryParam("q") String filter, @QueryParam("done") String done, @QueryParam("name") String doneName,
            @QueryParam("sort") String sort, @QueryParam("order") String order, @QueryParam("job") String job) {
        VosClient client = portal.client(svc);
        VosPath path = portal.pathAfter(svc, "list");
        String token = user.accessToken();
        String sortKey = "size".equals(sort) ? Props.LENGTH : "date".equals(sort) ? Props.DATE : null;
        boolean desc = sortKey != null && "desc".equals(order);
        ListingPages.Page listed = ListingPages.fetch(client, path, token, config.pageSize(), sortKey, desc, after,
                afterKey);
        Node node = listed.node();
        if (node.type() != NodeType.CONTAINER) {
            return Redirects.seeOther(PortalUrls.download(svc, path));
        }
        SelectionService.requireReadable(node, path); // not an "empty" page (the login offered when anonymous)
        List<Row> rows = new ArrayList<>();
        for (Node child : listed.children()) {
            Row r = Row.of(child);
            if (filter == null || filter.isBlank() || r.name().toLowerCase().contains(filter.toLowerCase())) {
                rows.add(r);
            }
        }
        Node quotaNode = quotaHolder(client, path, node, token, after != null);
        String shownSort = listed.sortProperty() == null ? "name" : sort; // name when the service cannot sort
        boolean shownDesc = listed.sortProperty() != null && desc;
        boolean sorted = listed.sortProperty() != null;
        String nextUrl = listed.nextAfter() == null ? null : PortalUrls.withQuery(PortalUrls.list(svc, path),
                "sort", sorted ? shownSort : null, "order", sorted ? (shownDesc ? "desc" : "asc") : null,
                "after", listed.nextAfter(), "key", listed.nextKey(), "q", filter);
        ListingPage page = new ListingPage(svc, new ArrayList<>(clients.names()),
                path.isRoot() ? svc : path.name(), PortalUrls.crumbs(svc, path), rows, path, nextUrl,
                user.name(), csrf.token(), "true".equals(node.value(Props.WRITABLE)), quotaText(quotaNode),
                usagePercent(quotaNode), flash(done, doneName), filter == null ? "" : filter,
                shownSort, shownDesc, job == null || !job.matches("[A-Za-z0-9_-]{1,40}") ? null : job,
                client.capabilities().has(org.vosportal.vospace.client.Capabilities.PACKAGE), listed.notice());
        TemplateInstance t = portal.isHtmx() && after != null ? Templates.list$rows(page) : Templates.list(page);
        return Response.ok(t).header("Vary", "HX-Request").build();
    }

    /**
     * The node whose quota the page shows: this folder if it has one, else its home (one extra
     * request, skipped for htmx row pages, which show no quota). Failures just hide the quota.
     */
    static Node quotaHolder(VosClient client, VosPath path, Node node, String token, boolean rowsOnly) {
        if (rowsOnly || node.value(Props.QUOTA) != null || path.depth() < 2) {
            return node;
        }
        try {
            return client.node(path.prefix(1), token, 0, null);
        } catch (UpstreamException e) {
            return node;
        }
    }

    static String quotaText(Node n) {
        String q = n.value(Props.QUOTA);
        if (q == null) {
            return null;
        }
        return Row.humanSize(Row.parseLong(n.value(Props.LENGTH))) + " of " + Row.humanSize(Row.parseLong(q));
    }

    static int usagePercent(Node n) {
        long q = Row.parseLong(n.value(Props.QUOTA));
        return q <= 0 ? 0 : (int) Math.min(100, Row.parseLong(n.value(Props.LENGTH)) * 100 / q);
    }

    static String flash(String done, String name) {
        if (done == null) {
            return null;
        }
        String n = name == null ? "" : " '" + name + "'";
        return switch (done) {
            case "mkdir" -> "Folder" + n + " created.";
            case "delete" -> "Deleted" + n + ".";
            case "deleting" -> "Deleting" + n + ": the folder is being emptied in the background.";
            case "moved", "copied", "renamed" -> (name == null ? "Items" : name) + " " + done + ".";
            case "running" -> "Still working on" + n + " in the background; refresh in a moment.";
            case "link" -> "Link" + n + " created.";
            default -> null;
        };
    }

    /** Create folder: a plain form post; redirects back to the listing (htmx follows it). */
    @POST
    @Path("{svc}/mkdir")
    public Response mkdir(@PathParam("svc") String svc, @FormParam("parent") String parent,
            @FormParam("name") String name) {
        VosPath parentPath = parseFormPath(parent);
        String clean = name == null ? "" : name.strip();
        VosPath target;
        try {
            target = PortalPaths.child(parentPath, clean);
        } catch (IllegalArgumentException e) {
            throw new PortalException(400, "'" + clean + "' cannot be a folder name: " + e.getMessage() + ".");
        }
        try {
            portal.client(svc).create(target, NodeType.CONTAINER, List.of(), null, user.accessToken());
        } catch (UpstreamException e) {
            if (e.status() == 409) {
                throw new PortalException(409, "A file or folder named '" + clean + "' already exists here.");
            }
            throw e;
        }
        return backTo(svc, parentPath, "mkdir", clean);
    }

    /** Create a link node to a URL or to another node of the same service ({@code /path}). */
    @POST
    @Path("{svc}/link")
    public Response link(@PathParam("svc") String svc, @FormParam("parent") String parent,
            @FormParam("name") String name, @FormParam("target") String target) {
        VosPath parentPath = parseFormPath(parent);
        String clean = name == null ? "" : name.strip();
        VosPath at;
        try {
            at = PortalPaths.child(parentPath, clean);
        } catch (IllegalArgumentException e) {
            throw new PortalException(400, "'" + clean + "' cannot be a name: " + e.getMessage() + ".");
        }
        String t = target == null ? "" : target.strip();
        VosClient client = portal.client(svc);
        String targetUri;
        if (t.startsWith("/")) {
            targetUri = client.uriOf(parseFormPath(t), user.accessToken()).toString();
        } else if (t.matches("(?i)(https?|vos)://\\S+")) {
            targetUri = t;
        } else {
            throw new PortalException(400, "A link points to a web address (https://…) or a path in this storage (/…).");
        }
        try {
            client.create(at, NodeType.LINK, List.of(), targetUri, user.accessToken());
        } catch (UpstreamException e) {
            if (e.status() == 409) {
                throw new PortalException(409, "A file or folder named '" + clean + "' already exists here.");
            }
            throw e;
        }
        return backTo(svc, parentPath, "link", clean);
    }

    /** Delete one or more items; non-empty folders go through the service's recursive delete job. */
    @POST
    @Path("{svc}/delete")
    public Response delete(@PathParam("svc") String svc, @FormParam("path") List<String> paths) {
        if (paths == null || paths.isEmpty()) {
            throw new PortalException(400, "Select something to delete first.");
        }
        VosClient client = portal.client(svc);
        VosPath parent = null;
        String jobId = null;
        for (String p : paths) {
            VosPath path = parseFormPath(p);
            parent = path.parent();
            Node n = client.node(path, user.accessToken(), 1, null);
            if (n.type() == NodeType.CONTAINER && !n.children().isEmpty()) {
                String job = client.recursiveDelete(path, user.accessToken());
                jobId = jobs.track(svc, user.name(), job, "Deleting " + path.name());
            } else {
                client.delete(path, user.accessToken());
            }
        }
        String what = paths.size() == 1 ? parseFormPath(paths.get(0)).name() : paths.size() + " items";
        return Redirects.seeOther(PortalUrls.withQuery(PortalUrls.list(svc, parent == null ? VosPath.ROOT : parent),
                "done", jobId != null ? "deleting" : "delete", "name", what, "job", jobId));
    }

    /**
     * Progress of a background job, polled by the listing: a small fragment that replaces itself
     * until the job ends, then asks the page to refresh its rows.
     */
    @GET
    @Path("{svc}/jobs/{id}")
    public Response job(@PathParam("svc") String svc, @PathParam("id") String id) {
        PortalJobs.Tracked t = jobs.get(id, svc, user.name());
        org.vosportal.vospace.UwsJob state = portal.client(svc).job(t.jobUrl(), user.accessToken(), 0);
        String what = org.vosportal.vospace.Xml.escape(t.what());
        if (!state.phase().isFinal()) {
            return Response.ok("<span class=\"job running\" hx-get=\""
                    + org.vosportal.vospace.Xml.escape(PortalUrls.job(svc, id)) + "\" hx-trigger=\"load delay:1500ms\" hx-swap=\"outerHTML\">" + what + ": "
                    + state.phase().name().toLowerCase() + "…</span>", "text/html").build();
        }
        String text = state.phase() == org.vosportal.vospace.UwsJob.Phase.COMPLETED ? what + ": done."
                : what + ": finished with problems (" + org.vosportal.vospace.Xml.escape(SelectionService.explain(state))
                        + ").";
        return Response.ok("<span class=\"job done\">" + text + "</span>", "text/html")
                .header("HX-Trigger", "refresh-listing").build();
    }

    /** Download one file: the service hands out a pre-authorised URL; the token never reaches the browser. */
    @GET
    @Path("{svc}/download{path: (/.*)?}")
    public Response download(@PathParam("svc") String svc) {
        VosPath path = portal.pathAfter(svc, "download");
        return Redirects.seeOtherAbsolute(portal.client(svc).downloadUrl(path, user.accessToken()));
    }

    /**
     * The folder picker's lazy tree: the sub-folders of one folder (first 500 children looked
     * at), as a fragment; each can be chosen or opened further.
     */
    @GET
    @Path("{svc}/folders{path: (/.*)?}")
    public Response folders(@PathParam("svc") String svc) {
        VosPath path = portal.pathAfter(svc, "folders");
        Node node = portal.client(svc).node(path, user.accessToken(), 500, null);
        StringBuilder sb = new StringBuilder("<ul class=\"tree\">");
        for (Node child : node.children()) {
            if (child.type() != NodeType.CONTAINER) {
                continue;
            }
            VosPath p = path.child(child.name());
            String name = org.vosportal.vospace.Xml.escape(child.name());
            String value = org.vosportal.vospace.Xml.escape(p.toString());
            sb.append("<li><button type=\"button\" class=\"expand\" aria-expanded=\"false\" aria-label=\"Open ").append(name)
                    .append("\" hx-get=\"").append(org.vosportal.vospace.Xml.escape(PortalUrls.folders(svc, p)))
                    .append("\" hx-target=\"next .children\" hx-swap=\"innerHTML\">▸</button> ")
                    .append("<button type=\"button\" class=\"choose\" data-path=\"").append(value).append("\">")
                    .append("<span class=\"icon icon-folder\" aria-hidden=\"true\"></span>").append(name)
                    .append("</button><div class=\"children\"></div></li>");
        }
        sb.append("</ul>");
        return Response.ok(sb.toString(), "text/html; charset=utf-8").build();
    }

    /** Following a LinkNode that points into the same service. */
    @GET
    @Path("{svc}/follow{path: (/.*)?}")
    public Response follow(@PathParam("svc") String svc) {
        VosPath path = portal.pathAfter(svc, "follow");
        VosClient client = portal.client(svc);
        Node link = client.node(path, user.accessToken(), 0, null);
        if (link.target() == null) {
            return Redirects.seeOther(PortalUrls.list(svc, path));
        }
        VosUri target;
        try {
            target = VosUri.parse(link.target());
        } catch (IllegalArgumentException e) {
            throw new PortalException(400, "This link points outside the storage: " + link.target());
        }
        Node t = client.node(target.path(), user.accessToken(), 0, null);
        // always a path of this portal: a stored target never sends the browser anywhere else
        return Redirects.seeOther(t.type() == NodeType.CONTAINER ? PortalUrls.list(svc, target.path())
                : PortalUrls.download(svc, target.path()));
    }

    private static VosPath parseFormPath(String p) {
        try {
            return PortalPaths.fromForm(p);
        } catch (IllegalArgumentException e) {
            throw new PortalException(400, "Invalid path: " + e.getMessage());
        }
    }

    private Response backTo(String svc, VosPath folder, String done, String name) {
        return Redirects.seeOther(PortalUrls.withQuery(PortalUrls.list(svc, folder), "done", done, "name", name));
    }
}
