package org.vosportal.portal;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.smallrye.common.annotation.Blocking;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.ArrayList;
import java.util.List;
import org.vosportal.archive.Omissions;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.client.UpstreamException;
import org.vosportal.vospace.client.VosSession;

/**
 * Actions on a selection of rows, posted by the listing's selection form: download as ZIP or TAR
 * (the service's package stream proxied as it is produced, or, for services without packages,
 * the portal's own archive), URL list and HTML list of
 * pre-authorised links, move, copy, rename and delete.
 */
@RequestScoped
@Path("/storage/{svc}/selection")
@CsrfChecked
public class SelectionResource extends PortalController {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance links(List<Link> links, List<String> leftOut, String back);
    }

    /** One file of a URL list: its path inside the selection and its pre-authorised URL. */
    public record Link(String name, String url) {
    }

    /** Most files a URL list may name (each costs one negotiation with the service). */
    static final int MAX_LISTED_FILES = 5000;

    /** Most children a "whole folder" selection may stand for (each is one item of a move, copy or delete). */
    static final int MAX_FOLDER_ITEMS = 100_000;

    @Inject
    VosClients clients;

    @Inject
    SelectionService selections;

    @Inject
    NodeController nodes;

    @Inject
    UpstreamStreams streams;



    @POST
    public Uni<Response> act(@PathParam("svc") String svc, @FormParam("action") String action,
            @FormParam("path") List<String> paths, @FormParam("dest") String dest,
            @FormParam("newname") String newName, @FormParam("all") String all, @FormParam("q") String filter,
            @FormParam("back") String back) {
        String act = action == null ? "" : action;
        return session(svc).flatMap(vos -> {
            if (all != null && !all.isBlank() && act.equals("rename")) {
                throw new PortalException(400, msg.renameOne());
            }
            return selected(vos, paths, all, filter).flatMap(items -> act(svc, vos, act, items, dest, newName, back));
        });
    }

    private Uni<Response> act(String svc, VosSession vos, String act, List<VosPath> items, String dest,
            String newName, String back) {
        return switch (act) {
            case "zip", "tar" -> throw new PortalException(400, msg.archivesElsewhere());
            case "urls" -> urlList(svc, vos, items, false);
            case "html" -> urlList(svc, vos, items, true);
            case "move", "copy" -> moveOrCopy(svc, vos, items, parseDest(dest), act.equals("copy"),
                    back == null || back.isBlank() ? null : formPath(back));
            case "rename" -> rename(svc, vos, items, newName);
            case "delete" -> nodes.delete(svc, items.stream().map(VosPath::toString).toList());
            default -> throw new PortalException(400, msg.unknownAction());
        };
    }

    /**
     * What the selection means: the ticked rows' paths, or with {@code all} (a folder's path,
     * "Select all N in this folder") every child of that folder matching the filter {@code q},
     * listed page by page from the service. At least one either way.
     */
    private Uni<List<VosPath>> selected(VosSession vos, List<String> paths, String all, String filter) {
        Uni<List<VosPath>> items;
        if (all != null && !all.isBlank()) {
            VosPath folder = formPath(all);
            items = selections.folderItems(vos, folder, NameFilter.of(filter), MAX_FOLDER_ITEMS);
        } else {
            List<VosPath> ticked = new ArrayList<>();
            if (paths != null) {
                paths.forEach(p -> ticked.add(formPath(p)));
            }
            items = Uni.createFrom().item(ticked);
        }
        return items.map(list -> {
            if (list.isEmpty()) {
                throw new PortalException(400, msg.nothingSelected());
            }
            return list;
        });
    }

    private VosPath parseDest(String dest) {
        if (dest == null || dest.isBlank()) {
            throw new PortalException(400, msg.noDestination());
        }
        try {
            return PortalPaths.fromForm(dest.strip());
        } catch (IllegalArgumentException e) {
            throw new PortalException(400, msg.invalidDestination(e.getMessage()));
        }
    }

    /**
     * ZIP or TAR of the selection: the service's package stream, copied as it is produced
     * (back-pressured, never buffered whole). The ZIP and TAR buttons post here (or to
     * {@code /assemble}) through their {@code formaction}.
     */
    @POST
    @Path("/archive")
    @Blocking
    public Response archive(@PathParam("svc") String svc, @FormParam("action") String action,
            @FormParam("path") List<String> paths, @FormParam("all") String all, @FormParam("q") String filter) {
        // blocking (the package is copied by a blocking stream); each call has its own timeout
        VosSession vos = session(svc).await().indefinitely();
        List<VosPath> items = selected(vos, paths, all, filter).await().indefinitely();
        String format = PortalArchive.formatOf(action);
        String url = vos.packageUrl(items, format).await().indefinitely();
        // the service's refusal (403, 404, ...) arrives here, before any byte, as a page in plain words
        HttpClientResponse pkg = streams.await(streams.open(url, vos.tokenFor(url), svc + " (package)"));
        String disposition = pkg.getHeader("Content-Disposition") == null
                ? "attachment; filename=\"download" + PortalArchive.extension(format) + "\""
                : pkg.getHeader("Content-Disposition").replaceFirst("^inline", "attachment");
        StreamingOutput body = out -> UpstreamStreams.copy(pkg, org.vosportal.PacedOutput.around(out));
        return Response.ok(body, format).header("Content-Disposition", disposition)
                .header("Cache-Control", "no-store").build();
    }

    /**
     * ZIP or TAR built by the portal itself, for services without a package capability: each file
     * is fetched from its pre-authorised URL and copied into the archive as it arrives (Vert.x
     * back-pressure through a blocking iterator; nothing held whole in memory or on disk), the
     * next ones asked for meanwhile ({@link ArchiveFeed}).
     */
    @POST
    @Path("/assemble")
    @Blocking
    public Response assemble(@PathParam("svc") String svc, @FormParam("action") String action,
            @FormParam("path") List<String> paths, @FormParam("all") String all, @FormParam("q") String filter) {
        // blocking (the archive is written by a blocking copy); each call has its own timeout
        VosSession vos = session(svc).await().indefinitely();
        List<VosPath> items = selected(vos, paths, all, filter).await().indefinitely();
        String format = PortalArchive.formatOf(action);
        SelectionService.Expansion selection = selections.expand(vos, items, MAX_LISTED_FILES).await().indefinitely()
                .requireSomething();
        List<SelectionService.FileEntry> files = selection.files();
        Omissions omitted = selection.omitted();
        StreamingOutput body = out -> {
            PortalArchive archive = PortalArchive.open(format, org.vosportal.PacedOutput.around(out));
            boolean finished = false;
            try (ArchiveFeed feed = new ArchiveFeed(vos, files, streams, svc)) {
                for (int i = 0; i < files.size(); i++) {
                    SelectionService.FileEntry f = files.get(i);
                    HttpClientResponse bytes;
                    try {
                        bytes = feed.open(i);
                    } catch (UpstreamException e) {
                        // listed in a folder the caller reads, but not theirs to read (or gone since)
                        omitted.add(f.relative(), SelectionService.reasonOf(e));
                        continue;
                    }
                    // the length the service sends now, which the TAR header must match
                    String announced = bytes.getHeader("Content-Length");
                    UpstreamStreams.copy(bytes, archive.begin(f.relative(),
                            announced == null ? f.length() : Long.parseLong(announced)));
                    feed.done();
                    archive.end();
                }
                archive.listOmissions(omitted);
                archive.finish();
                finished = true;
            } finally {
                if (!finished) {
                    archive.abandon();
                }
            }
        };
        String name = (items.size() == 1 ? items.get(0).name() : "download") + PortalArchive.extension(format);
        return Response.ok(body, format)
                .header("Content-Disposition", "attachment; filename=\"" + name.replace("\"", "_") + "\"").build();
    }

    /** One pre-authorised URL per file (folders expanded): {@code wget -i} works without credentials. */
    private Uni<Response> urlList(String svc, VosSession vos, List<VosPath> items, boolean html) {
        return selections.expand(vos, items, MAX_LISTED_FILES).flatMap(selection -> {
            List<Link> links = new ArrayList<>();
            // one negotiation after the other, in the expansion's order (the list's order)
            return SelectionService.inOrder(selection.files(), f -> vos.negotiate(f.path(), false)
                    .map(url -> links.add(new Link(f.relative(), url)))
                    .onFailure(SelectionService::isAboutTheItem).recoverWithItem(e -> {
                        // a file inside that is not shared with the caller
                        selection.omitted().add(f.relative(), SelectionService.reasonOf((UpstreamException) e));
                        return false;
                    }))
                    .map(v -> urlList(svc, items, links, selection.omitted(), html));
        });
    }

    private Response urlList(String svc, List<VosPath> items, List<Link> links, Omissions omitted, boolean html) {
        SelectionService.refuseWhenNothingIncluded(links.size(), omitted);
        List<String> leftOut = omitted.items().stream().map(Omissions.Omission::toString).toList();
        if (!html) {
            StringBuilder sb = new StringBuilder();
            links.forEach(l -> sb.append(l.url()).append('\n'));
            return Response.ok(sb.toString(), "text/plain; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"urls.txt\"").build();
        }
        return Response.ok(Templates.links(links, leftOut, PortalUrls.list(svc, items.get(0).parent()))).build();
    }

    /** Moves or copies, then back to {@code back} (Paste: the folder pasted into) or the items' folder. */
    private Uni<Response> moveOrCopy(String svc, VosSession vos, List<VosPath> items, VosPath dest, boolean copy,
            VosPath back) {
        return selections.moveOrCopy(vos, items, dest, copy).map(r -> report(svc,
                back != null ? back : items.get(0).parent(), r, copy ? "copied" : "moved",
                copy ? msg.copied(r.done()) : msg.moved(r.done())));
    }

    private Uni<Response> rename(String svc, VosSession vos, List<VosPath> items, String newName) {
        if (items.size() != 1) {
            throw new PortalException(400, msg.renameOne());
        }
        VosPath item = items.get(0);
        String clean = newName == null ? "" : newName.strip();
        VosPath target;
        try {
            target = PortalPaths.child(item.parent(), clean);
        } catch (IllegalArgumentException e) {
            throw new PortalException(400, msg.badName(clean, e.getMessage()));
        }
        return selections.moveOrCopy(vos, items, target, false)
                .map(r -> report(svc, item.parent(), r, "renamed", msg.renamed(item.name(), clean)));
    }

    /** Back to the folder saying what was done; a refusal of any item is an error page that names them. */
    private Response report(String svc, VosPath folder, SelectionService.BatchResult r, String verb, String done) {
        if (!r.failures().isEmpty()) {
            throw new PortalException(r.status(), msg.partlyDone(r.done(), verb, r.explained()));
        }
        return seeOther(PortalUrls.list(svc, folder), r.stillRunning() ? msg.stillRunning() : done);
    }
}
