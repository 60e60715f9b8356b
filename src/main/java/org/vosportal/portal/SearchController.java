package org.vosportal.portal;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.vosportal.vospace.Props;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.client.SearchHit;
import org.vosportal.vospace.client.VosSession;

/**
 * {@code /storage/{svc}/search/{path}?q=}: the nodes anywhere below the folder whose names
 * match (a substring, or a glob with * and ?), asked of the service's search extension (the whole
 * tree, not only the rows the listing loaded), shown with their paths; a page of
 * {@link #PAGE} hits, Show more continues. A service without the extension gets a page that says so.
 */
@RequestScoped
@Path("/storage/{svc}")
@CsrfChecked
public class SearchController extends PortalController {

    static final int PAGE = 100;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance search(SearchPage page);
    }

    @GET
    @Path("search{path: (/.*)?}")
    public Uni<Response> search(@PathParam("svc") String svc, @QueryParam("q") String q,
            @QueryParam("after") String after) {
        Uni<VosSession> session = session(svc);
        VosPath folder = pathAfter(svc, "search");
        String words = q == null ? "" : q.strip();
        if (words.isEmpty()) {
            return Uni.createFrom().item(seeOther(PortalUrls.list(svc, folder)));
        }
        if (words.length() > 255) {
            throw new PortalException(400, msg.searchTooLong());
        }
        String from = after == null || after.isBlank() ? null : after.strip();
        return session.flatMap(vos -> {
            if (!vos.client().offersSearch()) {
                return Uni.createFrom().item(Response.ok(Templates.search(new SearchPage(svc, folder,
                        PortalUrls.crumbs(svc, folder), words, false, List.of(), null, false))).build());
            }
            return vos.search(folder, words, null, null, from, PAGE)
                    .map(found -> found(svc, folder, words, from, found));
        });
    }

    private static Response found(String svc, VosPath folder, String words, String from, SearchHit.Page found) {
        // what the portal's own trash holds is reached by the Trash link, as in the listing
        List<SearchRow> rows = found.hits().stream().filter(h -> !inTrash(h.path()))
                .map(h -> new SearchRow(svc, h, folder)).toList();
        String more = found.next() == null ? null
                : PortalUrls.withQuery(PortalUrls.search(svc, folder), "q", words, "after", found.next());
        return Response.ok(Templates.search(new SearchPage(svc, folder,
                PortalUrls.crumbs(svc, folder), words, true, rows, more, from != null))).build();
    }

    /** Inside a home's trash folder ({@code /{home}/.trash/...}). */
    static boolean inTrash(VosPath p) {
        return p.depth() > 2 && p.names().get(1).equals(Props.TRASH_FOLDER);
    }
}
