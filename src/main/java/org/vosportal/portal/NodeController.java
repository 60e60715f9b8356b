package org.vosportal.portal;

import io.smallrye.mutiny.Uni;
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
    public Uni<Response> download(@PathParam("svc") String svc) {
        VosPath path = pathAfter(svc, "download");
        return session(svc).flatMap(vos -> vos.downloadUrl(path)).map(Redirects::seeOtherAbsolute);
    }

    /**
     * Delete one or more items. What is in the user's own home goes to the trash ({@link Trash});
     * anything else (a colleague's folder the user may write, what is in the trash) is deleted for
     * good, non-empty folders through the service's recursive delete job. The confirmation said
     * which ({@link #question}).
     */
    @POST
    @Path("{svc}/delete")
    public Uni<Response> delete(@PathParam("svc") String svc, @FormParam("path") List<String> posted) {
        String userName = user.name();
        return session(svc).flatMap(vos -> {
            VosPath home = trash.homeOf(svc, userName);
            List<String> paths = withoutTrash(home, posted);
            Deletion deletion = new Deletion();
            Instant now = Instant.now();
            // one item after the other, in the order posted, as before
            return SelectionService.inOrder(paths, p -> deleteOne(vos, svc, userName, home, formPath(p), now, deletion))
                    .map(v -> deleted(svc, paths, deletion));
        });
    }

    /** What a delete of several items did: the last item's folder, a job to follow, how many went to the trash. */
    private static final class Deletion {
        VosPath parent;
        String jobId;
        int trashed;
    }

    private Uni<Void> deleteOne(VosSession vos, String svc, String userName, VosPath home, VosPath path,
            Instant now, Deletion deletion) {
        deletion.parent = path.parent();
        return vos.node(path, 1, null).flatMap(n -> {
            if (Trash.keeps(home, path)) {
                return trash.put(vos, home, path, n.type(), now).invoke(() -> deletion.trashed++).replaceWithVoid();
            }
            if (n.type() == NodeType.CONTAINER && !n.children().isEmpty()) {
                return vos.recursiveDelete(path)
                        .invoke(job -> deletion.jobId = jobs.track(svc, userName, job, msg.jobDeleting(path.name())))
                        .replaceWithVoid();
            }
            return vos.delete(path);
        });
    }

    private Response deleted(String svc, List<String> paths, Deletion deletion) {
        String what = msg.itemsNamed(paths.size(), formPath(paths.get(0)).name());
        String folder = PortalUrls.list(svc, deletion.parent == null ? VosPath.ROOT : deletion.parent);
        if (deletion.jobId != null) {
            return seeOther(folder, msg.deleting(what), deletion.jobId);
        }
        int trashed = deletion.trashed;
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
    public Uni<Response> question(@PathParam("svc") String svc, @QueryParam("path") List<String> posted) {
        String userName = user.name();
        return session(svc).flatMap(vos -> {
            VosPath home = trash.homeOf(svc, userName);
            List<String> paths = withoutTrash(home, posted);
            List<VosPath> all = paths.stream().map(this::formPath).toList();
            // the first ones are named (one request each and a count for folders), the others counted
            List<VosPath> named = all.subList(0, Math.min(all.size(), MAX_NAMED));
            List<VosPath> unnamed = all.subList(named.size(), all.size());
            int moreToTrash = (int) unnamed.stream().filter(p -> Trash.keeps(home, p)).count();
            int moreForGood = unnamed.size() - moreToTrash;
            List<String> toTrash = new ArrayList<>();
            List<String> forGood = new ArrayList<>();
            return SelectionService.inOrder(named, path -> describe(vos, path)
                    .invoke(words -> (Trash.keeps(home, path) ? toTrash : forGood).add(words)))
                    .map(v -> questionAnswer(toTrash, moreToTrash, forGood, moreForGood));
        });
    }

    /** An item as the confirmation names it: quoted, a folder with how many files it holds. */
    private Uni<String> describe(VosSession vos, VosPath path) {
        return vos.node(path, 0, null).flatMap(n -> n.type() != NodeType.CONTAINER
                ? Uni.createFrom().item(msg.quoted(path.name()))
                : FolderCount.files(vos, path).map(files -> describeFolder(path.name(), files)));
    }

    private Response questionAnswer(List<String> toTrash, int moreToTrash, List<String> forGood, int moreForGood) {
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
