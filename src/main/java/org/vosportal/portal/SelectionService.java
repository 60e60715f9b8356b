package org.vosportal.portal;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.vosportal.archive.Omissions;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.Props;
import org.vosportal.vospace.UwsJob;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.client.UpstreamException;
import org.vosportal.vospace.client.VosSession;

/** Work on a selection of nodes: expanding folders, move/copy jobs awaited with per-item errors. */
@ApplicationScoped
public class SelectionService {

    static final int PAGE = 500;
    /** How long an action waits for the service's job before telling the user it goes on in the background. */
    static final int WAIT_SECONDS = 20;

    /**
     * One file of an expanded selection: its path, its path relative to the selection's folder,
     * and its length as listed ({@code core#length}).
     */
    public record FileEntry(VosPath path, String relative, long length) {
    }

    /**
     * The files under a selection (folders expanded recursively, page by page), and what of it
     * cannot go into an archive or a URL list, with why: a folder the caller cannot read, a link,
     * an item that is not there (any more).
     */
    public record Expansion(List<FileEntry> files, Omissions omitted) {
        /** Nothing at all could be read: a refusal in plain words, not an empty download. */
        public Expansion requireSomething() {
            refuseWhenNothingIncluded(files.size(), omitted);
            return this;
        }
    }

    /** Refuses a selection of which nothing is included but something was left out (an empty folder is fine). */
    static void refuseWhenNothingIncluded(int included, Omissions omitted) {
        if (included == 0 && !omitted.isEmpty()) {
            boolean allGone = omitted.items().stream().allMatch(o -> o.reason() == Omissions.Reason.NOT_FOUND);
            throw allGone ? new UpstreamException(404, "NodeNotFound", "nothing of the selection exists")
                    : new UpstreamException(403, "PermissionDenied", "no read access to any file of the selection");
        }
    }

    public Uni<Expansion> expand(VosSession vos, List<VosPath> selection, int max) {
        List<FileEntry> files = new ArrayList<>();
        Omissions omitted = new Omissions();
        return inOrder(selection, p -> vos.node(p, 0, null)
                .onFailure(SelectionService::isAboutTheItem).recoverWithItem(e -> {
                    omitted.add(p.name(), reasonOf((UpstreamException) e));
                    return null;
                })
                .flatMap(n -> n == null ? Uni.createFrom().voidItem() : walk(vos, p, n, p.name(), files, omitted, max)))
                .map(v -> new Expansion(files, omitted));
    }

    /**
     * Runs {@code step} for each item, each after the one before has answered. Concatenated, not
     * nested: a selection of thousands does not stack thousands of callbacks.
     */
    static <T> Uni<Void> inOrder(List<T> items, Function<T, Uni<?>> step) {
        return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(step::apply)
                .onItem().ignoreAsUni();
    }

    /**
     * Every child of {@code folder} whose name matches {@code filter} (all when null), read from
     * the service in keyset pages: a "whole folder" selection beyond the rows the page loaded.
     * A folder the caller cannot list is refused, not taken for an empty one.
     */
    public Uni<List<VosPath>> folderItems(VosSession vos, VosPath folder, NameFilter filter, int max) {
        return folderItems(vos, folder, filter, max, new ArrayList<>(), null);
    }

    private Uni<List<VosPath>> folderItems(VosSession vos, VosPath folder, NameFilter filter, int max,
            List<VosPath> items, String start) {
        return vos.node(folder, PAGE + (start == null ? 0 : 1), start).flatMap(page -> {
            if (start == null) {
                if (page.type() != NodeType.CONTAINER) {
                    throw new PortalException(400, Messages.get().notAFolder(folder.toString()));
                }
                requireReadable(page, folder);
            }
            List<Node> children = rowsAfter(page, start);
            for (Node c : children) {
                if (filter == null || filter.matches(c.name())) {
                    if (items.size() >= max) {
                        throw new PortalException(413, Messages.get().selectionTooLarge(max));
                    }
                    items.add(folder.child(c.name()));
                }
            }
            if (children.size() < PAGE) {
                return Uni.createFrom().item(items);
            }
            return folderItems(vos, folder, filter, max, items, children.get(children.size() - 1).name());
        });
    }

    /** A page's children without the start row (keyset pages begin with it). */
    private static List<Node> rowsAfter(Node page, String start) {
        List<Node> children = new ArrayList<>(page.children());
        if (start != null && !children.isEmpty() && children.get(0).name().equals(start)) {
            children.remove(0);
        }
        return children;
    }

    /**
     * Why the service refused an item (403 or 404); any other refusal is not about the item and is
     * rethrown (401 is about the session, which the login mends: ExpiredSessions).
     */
    static Omissions.Reason reasonOf(UpstreamException e) {
        return switch (e.status()) {
            case 403 -> Omissions.Reason.NO_READ_ACCESS;
            case 404 -> Omissions.Reason.NOT_FOUND;
            default -> throw e;
        };
    }

    /**
     * Whether a failure is a refusal of the item that {@link #reasonOf} names. A recovery must
     * test this first and not let {@code reasonOf} throw: Mutiny would wrap what a recovery
     * throws with the failure in a CompositeException, which no exception mapper answers.
     */
    static boolean isAboutTheItem(Throwable e) {
        return e instanceof UpstreamException u && (u.status() == 403 || u.status() == 404);
    }

    /**
     * Refuses a folder its caller cannot read: VOSpace lists it with no children, so without the
     * service's computed {@code core#readable} it would pass for an empty folder.
     */
    static void requireReadable(Node folder, VosPath path) {
        if (!isReadable(folder)) {
            throw new org.vosportal.vospace.client.UpstreamException(403, "PermissionDenied", "no read access to " + path);
        }
    }

    static boolean isReadable(Node node) {
        return node.value(Props.READABLE) != null;
    }

    private Uni<Void> walk(VosSession vos, VosPath path, Node node, String relative,
            List<FileEntry> files, Omissions omitted, int max) {
        NodeType type = node.type();
        if (type == NodeType.DATA) {
            if (files.size() >= max) {
                throw new PortalException(413, Messages.get().selectionTooLarge(max));
            }
            files.add(new FileEntry(path, relative, Row.parseLong(node.value(Props.LENGTH))));
            return Uni.createFrom().voidItem();
        }
        if (type != NodeType.CONTAINER) {
            omitted.add(relative, Omissions.Reason.LINK_NOT_FOLLOWED);
            return Uni.createFrom().voidItem();
        }
        return walkPages(vos, path, relative, files, omitted, max, null);
    }

    /** The folder's pages from the row {@code start} (null: the first), each child walked in order. */
    private Uni<Void> walkPages(VosSession vos, VosPath path, String relative, List<FileEntry> files,
            Omissions omitted, int max, String start) {
        return vos.node(path, PAGE + (start == null ? 0 : 1), start).flatMap(page -> {
            if (start == null && !isReadable(page)) {
                omitted.add(relative + "/", Omissions.Reason.NO_READ_ACCESS); // listed with no children: not empty
                return Uni.createFrom().voidItem();
            }
            List<Node> children = rowsAfter(page, start);
            return inOrder(children, c -> walk(vos, path.child(c.name()), c, relative + "/" + c.name(), files,
                    omitted, max))
                    .flatMap(v -> children.size() < PAGE ? Uni.createFrom().voidItem()
                            : walkPages(vos, path, relative, files, omitted, max,
                                    children.get(children.size() - 1).name()));
        });
    }

    /** One item a batch could not move or copy, and the service's fault name for it. */
    public record Failure(String name, String fault) {
    }

    /** Outcome of moving or copying several items. */
    public record BatchResult(int done, List<Failure> failures, boolean stillRunning) {

        /** The status of the refusal: that of the fault when every item failed the same way, else 409. */
        public int status() {
            List<String> faults = failures.stream().map(Failure::fault).distinct().toList();
            return faults.size() == 1 ? statusOf(faults.get(0)) : 409;
        }

        /** "a.txt: you don't have write access there; b: …" */
        public String explained() {
            return String.join("; ", failures.stream().map(f -> f.name() + ": " + explain(f.fault())).toList());
        }
    }

    /**
     * Moves or copies each item to {@code dest}: into it when it is an existing folder, else to
     * that path (a rename), as VOSpace defines it. One item after the other, each job awaited.
     */
    public Uni<BatchResult> moveOrCopy(VosSession vos, List<VosPath> items, VosPath dest, boolean copy) {
        Tally tally = new Tally();
        return inOrder(items, item -> awaitJob(vos, vos.moveOrCopy(item, dest, copy))
                .invoke(state -> tally.add(item, state))
                .onFailure(UpstreamException.class)
                .recoverWithItem(e -> tally.failed(item, ((UpstreamException) e).fault())))
                .map(v -> tally.result());
    }

    /** What a batch did so far. */
    private static final class Tally {
        private int done;
        private boolean running;
        private final List<Failure> failures = new ArrayList<>();

        void add(VosPath item, UwsJob state) {
            switch (state.phase()) {
                case COMPLETED -> done++;
                case QUEUED, EXECUTING, PENDING -> running = true;
                default -> failures.add(new Failure(item.name(), faultOf(state)));
            }
        }

        UwsJob failed(VosPath item, String fault) {
            failures.add(new Failure(item.name(), fault));
            return null;
        }

        BatchResult result() {
            return new BatchResult(done, failures, running);
        }
    }

    /** {@link #awaitJob(VosSession, String)} of the job {@code job} answers once it is started. */
    Uni<UwsJob> awaitJob(VosSession vos, Uni<String> job) {
        return job.flatMap(url -> awaitJob(vos, url));
    }

    /**
     * The job's state once it ended, or after {@link #WAIT_SECONDS} (still running): the service's
     * UWS WAIT holds each poll, so nothing sleeps here.
     */
    Uni<UwsJob> awaitJob(VosSession vos, String job) {
        return Uni.createFrom().deferred(() -> {
            long deadline = System.currentTimeMillis() + WAIT_SECONDS * 1000L;
            return vos.job(job, 0).flatMap(state -> awaitJob(vos, job, state, deadline));
        });
    }

    private Uni<UwsJob> awaitJob(VosSession vos, String job, UwsJob state, long deadline) {
        if (state.phase().isFinal() || System.currentTimeMillis() >= deadline) {
            return Uni.createFrom().item(state);
        }
        return vos.job(job, 5).flatMap(next -> awaitJob(vos, job, next, deadline));
    }

    /** The fault name a failed job reports ("DuplicateNode: …" → DuplicateNode), or its phase. */
    static String faultOf(UwsJob job) {
        String m = job.error() == null ? job.phase().name() : job.error().message();
        return m.contains(":") ? m.substring(0, m.indexOf(':')) : m;
    }

    /** Why a job failed, in words. */
    static String explain(UwsJob job) {
        String words = explain(faultOf(job));
        return words != null ? words : job.error() == null ? job.phase().name() : job.error().message();
    }

    /** A VOSpace fault in words (the fault's name when it has none). */
    static String explain(String fault) {
        PortalMessages msg = Messages.get();
        return switch (fault == null ? "" : fault) {
            case "DuplicateNode" -> msg.faultDuplicate();
            case "PermissionDenied" -> msg.faultDenied();
            case "NodeNotFound", "ContainerNotFound" -> msg.faultGone();
            case "InvalidArgument" -> msg.faultIntoItself();
            case "NodeLocked" -> msg.faultLocked();
            case "QuotaExceeded", "RequestEntityTooLarge" -> msg.faultQuota();
            default -> fault;
        };
    }

    static int statusOf(String fault) {
        return switch (fault == null ? "" : fault) {
            case "DuplicateNode" -> 409;
            case "PermissionDenied" -> 403;
            case "NodeNotFound", "ContainerNotFound" -> 404;
            case "NodeLocked" -> 423;
            case "QuotaExceeded", "RequestEntityTooLarge" -> 413;
            default -> 400;
        };
    }
}
