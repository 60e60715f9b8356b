package org.vosportal.portal;

import io.quarkus.qute.CheckedTemplate;
import io.smallrye.mutiny.Uni;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.Props;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.client.Capabilities;
import org.vosportal.vospace.client.UpstreamException;
import org.vosportal.vospace.client.VosSession;

/**
 * A folder's listing, {@code /storage/{svc}/list/{path}}: the page, or for htmx's "more rows"
 * the next rows only. A file's address redirects to its download.
 */
@RequestScoped
@Path("/storage")
@CsrfChecked
public class ListingController extends PortalController {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(ListingPage page);

        static native TemplateInstance list$rows(ListingPage page);
    }

    @Inject
    PortalConfig config;

    @Inject
    Trash trash;

    @GET
    @Path("{svc}/list{path: (/.*)?}")
    public Uni<Response> list(@PathParam("svc") String svc, @QueryParam("after") String after,
            @QueryParam("key") String afterKey, @QueryParam("q") String filter, @QueryParam("sort") String sort,
            @QueryParam("order") String order, @QueryParam("below") String below) {
        VosPath path = pathAfter(svc, "list");
        return session(svc).flatMap(vos -> list(vos, svc, path, after, afterKey, filter, sort, order, below));
    }

    private Uni<Response> list(VosSession vos, String svc, VosPath path, String after, String afterKey, String filter,
            String sort, String order, String below) {
        if (below != null && filter != null && !filter.isBlank() && vos.client().offersSearch()) {
            // the box's "Search below" toggle: the whole tree below, not only this folder's rows
            return Uni.createFrom().item(seeOther(PortalUrls.withQuery(PortalUrls.search(svc, path), "q", filter.strip())));
        }
        String column = "size".equals(sort) ? "size" : "date".equals(sort) ? "date" : "name";
        // name order: folders first, case-insensitively, where the service can (else its name order)
        String sortKey = column.equals("size") ? Props.LENGTH : column.equals("date") ? Props.DATE
                : vos.client().sortsFoldersFirst() ? Props.SORT_FOLDERS_FIRST : null;
        boolean desc = sortKey != null && "desc".equals(order);
        NameFilter names = NameFilter.of(filter);
        Uni<ListingPages.Page> listing = names == null
                ? ListingPages.fetch(vos, path, config.pageSize(), sortKey, desc, after, afterKey)
                : ListingPages.filtered(vos, path, config.pageSize(), sortKey, desc, after, afterKey, names);
        boolean rowsOnly = isHtmx() && after != null;
        VosPath home = trash.homeOf(svc, user.name());
        // the quota holder and the trash count do not depend on the rows: asked at the same time
        Uni<Node> quota = rowsOnly || path.depth() < 2 ? Uni.createFrom().nullItem() : quotaHome(vos, path);
        Uni<Integer> trashed = rowsOnly ? Uni.createFrom().item(0) : trash.count(vos, home);
        return Uni.combine().all().unis(listing, quota, trashed).asTuple().map(t -> {
            ListingPages.Page listed = t.getItem1();
            Node node = listed.node();
            if (node.type() != NodeType.CONTAINER) {
                return seeOther(PortalUrls.download(svc, path));
            }
            SelectionService.requireReadable(node, path); // not an "empty" page (the login offered when anonymous)
            Node quotaNode = node.value(Props.QUOTA) != null || t.getItem2() == null ? node : t.getItem2();
            return page(vos, svc, path, listed, names, column, desc, after, rowsOnly, home, quotaNode, t.getItem3());
        });
    }

    private Response page(VosSession vos, String svc, VosPath path, ListingPages.Page listed, NameFilter names,
            String column, boolean desc, String after, boolean rowsOnly, VosPath home, Node quotaNode, int trashed) {
        Node node = listed.node();
        List<Row> rows = new ArrayList<>();
        Reach folderReach = Reach.of(node); // the rows' reach follows from it: no request per row
        boolean ownHome = path.equals(home);
        listed.children().stream()
                .filter(child -> !(ownHome && child.name().equals(Props.TRASH_FOLDER))) // reached by the Trash link
                .forEach(child -> rows.add(Row.of(child, folderReach.ofChild(path, child))));
        String shownSort = listed.sortProperty() == null ? "name" : column; // name when the service cannot sort
        boolean shownDesc = listed.sortProperty() != null && desc;
        boolean sorted = listed.sortProperty() != null;
        String nextUrl = listed.nextAfter() == null ? null : PortalUrls.withQuery(PortalUrls.list(svc, path),
                "sort", sorted ? shownSort : null, "order", sorted ? (shownDesc ? "desc" : "asc") : null,
                "after", listed.nextAfter(), "key", listed.nextKey(), "q", names == null ? null : names.text());
        Flash.Message said = rowsOnly ? null : flash.take(); // more rows do not use up the page's message
        ListingPage page = new ListingPage(svc,
                path.isRoot() ? svc : path.name(), PortalUrls.crumbs(svc, path), rows, path, nextUrl,
                home, "true".equals(node.value(Props.WRITABLE)), quotaText(quotaNode),
                usagePercent(quotaNode), said == null ? null : said.text(), names == null ? "" : names.text(),
                shownSort, shownDesc, said == null ? null : said.job(),
                vos.client().capabilities().has(Capabilities.PACKAGE), listed.notice(), itemCount(node),
                Row.parseLong(node.value(Props.LENGTH)), trashed,
                vos.client().offersPreviews(), vos.client().offersSearch());
        TemplateInstance t = rowsOnly ? Templates.list$rows(page) : Templates.list(page);
        return Response.ok(t).header("Vary", "HX-Request").build();
    }

    /** The service's count of the folder's children ({@code core#childCount}), or null when it gives none. */
    static Long itemCount(Node folder) {
        String n = folder.value(Props.CHILD_COUNT);
        try {
            return n == null ? null : Long.valueOf(n.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The home of a folder below one, whose quota the page shows when the folder has none of its
     * own (htmx row pages show no quota and do not ask). A failure just hides the quota (null).
     */
    static Uni<Node> quotaHome(VosSession vos, VosPath path) {
        return vos.node(path.prefix(1), 0, null).onFailure(UpstreamException.class).recoverWithNull();
    }

    static String quotaText(Node n) {
        String q = n.value(Props.QUOTA);
        if (q == null) {
            return null;
        }
        return Messages.get().quotaOf(Row.humanSize(Row.parseLong(n.value(Props.LENGTH))), Row.humanSize(Row.parseLong(q)));
    }

    static int usagePercent(Node n) {
        long q = Row.parseLong(n.value(Props.QUOTA));
        return q <= 0 ? 0 : (int) Math.min(100, Row.parseLong(n.value(Props.LENGTH)) * 100 / q);
    }
}
