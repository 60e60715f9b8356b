package org.vosportal.portal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.client.VosSession;

/** Any node's bytes and its removal: download of a file, delete of files, links and folders. */
@RequestScoped
@Path("/storage")
@CsrfChecked
public class NodeController extends PortalController {

    @Inject
    PortalJobs jobs;

    @Inject
    Trash trash;

    /** Download one file: the service hands out a pre-authorised URL; the token never reaches the browser. */
    @GET
    @Path("{svc}/download{path: (/.*)?}")
    public Response download(@PathParam("svc") String svc) {
        VosPath path = pathAfter(svc, "download");
        return Redirects.seeOtherAbsolute(session(svc).downloadUrl(path));
    }

    /**
     * Delete one or more items. What is in the user's own home goes to the trash ({@link Trash});
     * anything else (a colleague's folder the user may write, what is in the trash) is deleted for
     * good, non-empty folders through the service's recursive delete job. The confirmation said
     * which ({@link #question}).
     */
    @POST
    @Path("{svc}/delete")
    public Response delete(@PathParam("svc") String svc, @FormParam("path") List<String> posted) {
        VosSession vos = session(svc);
        VosPath home = trash.homeOf(svc, user.name());
        List<String> paths = withoutTrash(home, posted);
        Instant now = Instant.now();
        VosPath parent = null;
        String jobId = null;
        int trashed = 0;
        for (String p : paths) {
            VosPath path = formPath(p);
            parent = path.parent();
            Node n = vos.node(path, 1, null);
            if (Trash.keeps(home, path)) {
                trash.put(vos, home, path, n.type(), now);
                trashed++;
            } else if (n.type() == NodeType.CONTAINER && !n.children().isEmpty()) {
                String job = vos.recursiveDelete(path);
                jobId = jobs.track(svc, user.name(), job, msg.jobDeleting(path.name()));
            } else {
                vos.delete(path);
            }
        }
        String what = msg.itemsNamed(paths.size(), formPath(paths.get(0)).name());
        String folder = PortalUrls.list(svc, parent == null ? VosPath.ROOT : parent);
        if (jobId != null) {
            return seeOther(folder, msg.deleting(what), jobId);
        }
        String said = trashed == paths.size() ? msg.movedToTrash(what)
                : trashed == 0 ? msg.deletedForGood(what) : msg.trashedAndDeleted(trashed, paths.size() - trashed);
        return seeOther(folder, said);
    }

    /**
     * {@code GET /storage/{svc}/delete-question?path=…}: the confirmation's words (JSON
     * {@code question}, {@code ok}) for deleting these items, asked when the button is pressed: each
     * named, folders with how many files they hold (when cheap to count), and whether they go to
     * the trash or are deleted for good.
     */
    @GET
    @Path("{svc}/delete-question")
    public Response question(@PathParam("svc") String svc, @QueryParam("path") List<String> posted) {
        VosSession vos = session(svc);
        VosPath home = trash.homeOf(svc, user.name());
        List<String> paths = withoutTrash(home, posted);
        List<String> toTrash = new ArrayList<>();
        List<String> forGood = new ArrayList<>();
        int moreToTrash = 0;
        int moreForGood = 0;
        for (String p : paths) {
            VosPath path = formPath(p);
            boolean keeps = Trash.keeps(home, path);
            if (toTrash.size() + forGood.size() >= MAX_NAMED) {
                moreToTrash += keeps ? 1 : 0;
                moreForGood += keeps ? 0 : 1;
                continue;
            }
            Node n = vos.node(path, 0, null);
            (keeps ? toTrash : forGood).add(n.type() != NodeType.CONTAINER ? msg.quoted(path.name())
                    : describeFolder(path.name(), FolderCount.files(vos, path)));
        }
        String question = msg.deleteQuestion(listed(toTrash, moreToTrash), toTrash.size() + moreToTrash == 1,
                listed(forGood, moreForGood), forGood.size() + moreForGood == 1, trash.retentionText());
        String ok = forGood.isEmpty() && moreForGood == 0 ? msg.moveToTrashButton() : msg.deleteForGoodButton();
        return Response.ok(new JsonObject().put("question", question).put("ok", ok).encode(), "application/json")
                .header("Cache-Control", "no-store").build();
    }

    /** "'a', 'b'" or "'a', 'b' and 3 more"; empty for none. */
    private String listed(List<String> named, int more) {
        String joined = String.join(", ", named);
        return more == 0 ? joined : named.isEmpty() ? msg.otherItems(more) : msg.andMore(joined, more);
    }

    /** Most items a confirmation names one by one (the others are "and 12 more"). */
    static final int MAX_NAMED = 20;

    private String describeFolder(String name, long files) {
        return files < 0 ? msg.folderWithEverything(name) : msg.folderWithFiles(name, (int) files);
    }

    /**
     * The paths to delete, less the trash container itself: it is emptied on its page, not deleted
     * with a selection (a "select all" in the home would take it). 400 in words when nothing is left.
     */
    private List<String> withoutTrash(VosPath home, List<String> paths) {
        if (paths == null || paths.isEmpty()) {
            throw new PortalException(400, msg.nothingToDelete());
        }
        List<String> kept = paths.stream().filter(p -> !Trash.isTrash(home, formPath(p))).toList();
        if (kept.isEmpty()) {
            throw new PortalException(400, msg.trashNotDeletable());
        }
        return kept;
    }
}
