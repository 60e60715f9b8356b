package org.vosportal.portal;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
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
    public Uni<Response> names(@PathParam("svc") String svc) {
        VosPath folder = pathAfter(svc, "names");
        return session(svc).flatMap(vos -> childNames(vos, folder, config.namesPageSize()))
                .map(names -> Response.ok(new JsonObject().put("names", new JsonArray(names)).encode(),
                        "application/json").build());
    }

    /**
     * All child names, in keyset pages ({@code uri} is inclusive: each page repeats its start).
     * The pages are asked one after another by repetition, not recursion: a folder of
     * {@link #MAX} names in small pages would nest that many Unis.
     */
    static Uni<List<String>> childNames(VosSession vos, VosPath folder, int pageSize) {
        NameScan scan = new NameScan(vos, folder, pageSize);
        return Multi.createBy().repeating().uni(() -> scan, NameScan::nextPage).whilst(Boolean::booleanValue)
                .collect().last().map(last -> scan.names);
    }

    /** The names read so far and where the next page starts. */
    private static final class NameScan {
        private final VosSession vos;
        private final VosPath folder;
        private final int pageSize;
        final List<String> names = new ArrayList<>();
        private String after;

        NameScan(VosSession vos, VosPath folder, int pageSize) {
            this.vos = vos;
            this.folder = folder;
            this.pageSize = pageSize;
        }

        /** Reads the next page; true when there may be more to read. */
        Uni<Boolean> nextPage() {
            int ask = pageSize + (after == null ? 0 : 1);
            return vos.node(folder, ask, after).map(node -> {
                List<Node> page = node.children();
                boolean startsAtAfter = after != null && !page.isEmpty() && page.get(0).name().equals(after);
                if (after != null && !startsAtAfter) {
                    return false; // the service ignores uri: what it sent again is the first page
                }
                for (Node child : startsAtAfter ? page.subList(1, page.size()) : page) {
                    names.add(child.name());
                }
                if (page.size() < ask) {
                    return false;
                }
                after = page.get(page.size() - 1).name();
                return names.size() < MAX;
            });
        }
    }
}
