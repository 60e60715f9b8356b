package org.vosportal.portal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.client.VosSession;

/**
 * {@code GET /storage/{svc}/names/{folder}}: the names of everything in one folder, as JSON
 * ({@code {"names": [...]}}), so the upload script can ask about conflicts before it sends a byte,
 * also for folders that are not on screen (a drop on a folder row, the sub-folders of a folder
 * upload) and for rows not loaded yet. Read-only; a folder that does not exist answers 404.
 */
@RequestScoped
@Path("/storage")
public class NamesController extends PortalController {

    /**
     * Enough for any folder people upload into by hand. Beyond it the list is cut: a conflict
     * that is not asked about is still never overwritten, the upload says "already exists".
     */
    static final int MAX = 100_000;

    @Inject
    PortalConfig config;

    @GET
    @Path("{svc}/names{path: (/.*)?}")
    public Response names(@PathParam("svc") String svc) {
        VosPath folder = pathAfter(svc, "names");
        List<String> names = childNames(session(svc), folder, config.namesPageSize());
        return Response.ok(new JsonObject().put("names", new JsonArray(names)).encode(), "application/json")
                .build();
    }

    /** All child names, in keyset pages ({@code uri} is inclusive: each page repeats its start). */
    static List<String> childNames(VosSession vos, VosPath folder, int pageSize) {
        List<String> names = new ArrayList<>();
        String after = null;
        while (names.size() < MAX) {
            int ask = pageSize + (after == null ? 0 : 1);
            List<Node> page = vos.node(folder, ask, after).children();
            boolean startsAtAfter = after != null && !page.isEmpty() && page.get(0).name().equals(after);
            if (after != null && !startsAtAfter) {
                break; // the service ignores uri: what it sent again is the first page
            }
            for (Node child : startsAtAfter ? page.subList(1, page.size()) : page) {
                names.add(child.name());
            }
            if (page.size() < ask) {
                break;
            }
            after = page.get(page.size() - 1).name();
        }
        return names;
    }
}
