package org.vosportal.portal;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.Property;
import org.vosportal.vospace.Props;
import org.vosportal.vospace.UwsJob;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.client.UpstreamException;
import org.vosportal.vospace.client.VosSession;

/**
 * The trash, in VOSpace terms so it works over any service (docs/ARCHITECTURE.md, "Trash"): a
 * container {@code /{user}/.trash} in the user's home, made on first use; a deleted item is moved
 * into it (a VOSpace move asking to keep its date) under a unique name and marked with where it was
 * and when ({@link Props#TRASH_ORIGINAL_PATH}, {@link Props#TRASH_DELETED_AT}). Being in the home,
 * it counts in the quota. Only items in the user's own home go there: moving someone else's node
 * into my home would hand it to me (docs/SECURITY.md), so those deletes are permanent and the
 * confirmation says so.
 */
@ApplicationScoped
public class Trash {

    /** Most items the purge on opening the trash page looks at (the oldest, by their names). */
    static final int MAX_PURGED = 1000;
    /** The header's count stops here ("99+"). */
    static final int MAX_COUNTED = 99;
    private static final Pattern UNIQUE_PREFIX = Pattern.compile("^\\d{13}-[0-9a-f]{4}-");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.time.format.DateTimeFormatter SHOWN_DATE = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC);

    @Inject
    PortalConfig config;

    @Inject
    SelectionService selections;

    /**
     * One trashed item as the trash page shows it: its name in the trash, the name it had, where it
     * was (null when not recorded), the folder a restore puts it in, when it was deleted (or null).
     */
    public record Item(String name, String shownName, VosPath originalPath, VosPath folderBack, Instant deletedAt,
            Row row) {
        /** "2026-12-03 12:15" (UTC, as the listing's dates). */
        public String deletedText() {
            return deletedAt == null ? "" : SHOWN_DATE.format(deletedAt);
        }
    }

    /** What a restore did: where the item went, whether under another name, whether folders were made again. */
    public record Restored(String originalName, VosPath path, boolean renamed, boolean parentRecreated) {
    }

    public Duration retention() {
        return config.trash().retention();
    }

    /**
     * The user's home on service {@code svc} ({@code portal.services.{svc}.home}: {@code /{user}},
     * CANFAR's {@code /home/{user}}), or null for nobody (no trash then).
     */
    public VosPath homeOf(String svc, String user) {
        PortalConfig.Service service = config.services().get(svc);
        if (user == null || service == null) {
            return null;
        }
        try {
            VosPath home = VosPath.parse(service.home().replace("{user}", VosPath.checkName(user)));
            return home.isRoot() ? null : home;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static VosPath folder(VosPath home) {
        return home.child(Props.TRASH_FOLDER);
    }

    /**
     * A delete of {@code path} goes to the trash of {@code home}: it is inside that home (the
     * user's own), and neither the trash nor in it (deleting in the trash is for good).
     */
    public static boolean keeps(VosPath home, VosPath path) {
        return home != null && path.depth() > home.depth() && path.isWithin(home) && !path.isWithin(folder(home));
    }

    /** True for the trash container itself (not deleted from a listing: it is emptied on its page). */
    public static boolean isTrash(VosPath home, VosPath path) {
        return home != null && path.equals(folder(home));
    }

    /** Moves the node at {@code path} (of {@code type}) into the trash; answers its name there. */
    public Uni<String> put(VosSession vos, VosPath home, VosPath path, NodeType type, Instant now) {
        return ensureFolder(vos, home).flatMap(trash -> {
            VosPath dest = trash.child(uniqueName(path.name(), now));
            // the mark after the move: a move refused leaves the node untouched where it was
            return awaitMove(vos, path, dest, false)
                    .flatMap(moved -> vos.setProperties(dest, type, List.of(
                            Property.of(Props.TRASH_ORIGINAL_PATH, path.toString()),
                            Property.of(Props.TRASH_DELETED_AT, now.toString()))))
                    .map(marked -> dest.name());
        });
    }

    /**
     * One page of the trash: its items, the last deleted first, and the item name the next page
     * starts after (null on the last page).
     */
    public record Page(List<Item> items, String nextAfter) {
    }

    /**
     * The page of up to {@code size} items after the item {@code after} (null: the first page), a
     * keyset page in descending name order: the names begin with the time of the delete, so that
     * is the last deleted first. A service that ignores {@code order=desc} pages in its ascending
     * order instead, and one that refuses it in name order: every item is still reached once.
     * A trash never used is empty; {@code after} must be a name (400 in words otherwise).
     */
    public Uni<Page> page(VosSession vos, VosPath home, String after, int size) {
        if (after != null) {
            itemPath(home, after); // 400 for what cannot be a name, before any request
        }
        int ask = size + (after == null ? 0 : 1);
        return childrenFrom(vos, home, ask, after, true)
                .onFailure(UpstreamException.withStatus(400)).recoverWithUni(e -> childrenFrom(vos, home, ask, after, false))
                .map(all -> pageOf(home, all, after, size, ask));
    }

    private static Page pageOf(VosPath home, List<Node> all, String after, int size, int ask) {
        // uri= is inclusive; an item gone meanwhile is not there, and the page starts at the next name
        List<Node> rows = after != null && !all.isEmpty() && all.get(0).name().equals(after) ? all.subList(1, all.size()) : all;
        rows = rows.subList(0, Math.min(size, rows.size()));
        String next = all.size() >= ask && !rows.isEmpty() ? rows.get(rows.size() - 1).name() : null;
        List<Item> items = new ArrayList<>();
        for (Node n : rows) {
            items.add(itemOf(home, n));
        }
        items.sort(Comparator.comparing(Item::deletedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Comparator.comparing(Item::name).reversed()));
        return new Page(items, next);
    }

    /** How many items the trash holds, up to {@link #MAX_COUNTED} + 1; 0 when there is none or it cannot be read. */
    public Uni<Integer> count(VosSession vos, VosPath home) {
        if (home == null) {
            return Uni.createFrom().item(0);
        }
        return children(vos, home, MAX_COUNTED + 1).map(List::size)
                // the count is a hint: a service that refuses leaves the link without it
                .onFailure(UpstreamException.class).recoverWithItem(0);
    }

    /** Deletes for good what was deleted more than the retention before {@code now}; answers how many. */
    public Uni<Integer> purgeExpired(VosSession vos, VosPath home, Instant now) {
        Instant limit = now.minus(retention());
        return children(vos, home, MAX_PURGED).flatMap(all -> { // ascending names: the oldest first
            List<Item> expired = all.stream().map(n -> itemOf(home, n))
                    .filter(item -> item.deletedAt() != null && item.deletedAt().isBefore(limit)).toList();
            // one after the other, as before; a Multi so that items failing at once do not nest the stack
            return Multi.createFrom().iterable(expired)
                    .onItem().transformToUniAndConcatenate(item -> purgeOne(vos, home, item))
                    .collect().with(Collectors.summingInt(Integer::intValue));
        });
    }

    /** 1 when the item went, 0 when it would not. */
    private Uni<Integer> purgeOne(VosSession vos, VosPath home, Item item) {
        return Uni.createFrom().deferred(() -> deleteForever(vos, home, item.name(), item.row().type()))
                .replaceWith(1)
                // housekeeping: an item that will not go (locked, gone meanwhile) does not stop the page
                .onFailure(e -> e instanceof PortalException || e instanceof UpstreamException).recoverWithItem(0);
    }

    /** Puts a trashed item back where it was (see {@link Restored}). */
    public Uni<Restored> restore(VosSession vos, VosPath home, String name) {
        VosPath item = itemPath(home, name);
        return item(vos, home, name).flatMap(it -> {
            VosPath original = it.originalPath() != null ? it.originalPath() : home.child(it.shownName());
            return ensureFolders(vos, home, original.parent())
                    .flatMap(recreated -> freeName(vos, original)
                            .flatMap(target -> restoreTo(vos, item, it, target))
                            .map(target -> new Restored(it.shownName(), target, !target.equals(original), recreated)));
        });
    }

    /** Moves the trashed {@code item} to the free {@code target} and clears its marks; answers the target. */
    private Uni<VosPath> restoreTo(VosSession vos, VosPath item, Item it, VosPath target) {
        return awaitMove(vos, item, target, true)
                .flatMap(moved -> vos.setProperties(target, it.row().type(), List.of(
                        Property.nil(Props.TRASH_ORIGINAL_PATH), Property.nil(Props.TRASH_DELETED_AT))))
                .map(cleared -> target);
    }

    /** One item of the trash by its name there; 404 in words when it is not (any more). */
    public Uni<Item> item(VosSession vos, VosPath home, String name) {
        return vos.node(itemPath(home, name), 0, null).map(n -> itemOf(home, n))
                .onFailure(UpstreamException.withStatus(404)).transform(e -> new PortalException(404, Messages.get().trashNoSuchItem()));
    }

    /** Deletes one trashed item for good (a folder with everything in it). */
    public Uni<Void> deleteForever(VosSession vos, VosPath home, String name, NodeType type) {
        return deleteTree(vos, itemPath(home, name), type).replaceWithVoid();
    }

    /** Deletes everything in the trash; answers false when the service is still at it in the background. */
    public Uni<Boolean> empty(VosSession vos, VosPath home) {
        VosPath trash = folder(home);
        return vos.node(trash, 0, null).replaceWith(true)
                .onFailure(UpstreamException.withStatus(404)).recoverWithItem(false)
                .flatMap(used -> used ? deleteTree(vos, trash, NodeType.CONTAINER)
                        : Uni.createFrom().item(true)); // never used
    }

    /** The item {@code name} of the user's trash; 400 for anything that is not one name. */
    static VosPath itemPath(VosPath home, String name) {
        try {
            return folder(home).child(VosPath.checkName(name == null ? "" : name));
        } catch (IllegalArgumentException e) {
            throw new PortalException(400, Messages.get().trashNoSuchItem());
        }
    }

    /** Retention in words: "30 days", "12 hours", "5 minutes". */
    public String retentionText() {
        Duration d = retention();
        PortalMessages msg = Messages.get();
        if (d.toDays() >= 1) {
            return msg.days((int) Math.min(Integer.MAX_VALUE, d.toDays()));
        }
        return d.toHours() >= 1 ? msg.hours((int) d.toHours()) : msg.minutes((int) Math.max(1, d.toMinutes()));
    }

    // ------------------------------------------------------------------ plumbing

    private Uni<List<Node>> children(VosSession vos, VosPath home, int max) {
        return childrenFrom(vos, home, max, null, false);
    }

    private Uni<List<Node>> childrenFrom(VosSession vos, VosPath home, int max, String start, boolean descending) {
        return vos.node(folder(home), max, start, descending).map(Node::children)
                .onFailure(UpstreamException.withStatus(404)).recoverWithItem(List.of());
    }

    private static Item itemOf(VosPath home, Node n) {
        VosPath original = null;
        String recorded = n.value(Props.TRASH_ORIGINAL_PATH);
        if (recorded != null) {
            try {
                VosPath p = VosPath.parse(recorded.strip());
                // only back into the same home, never into the trash: the mark is an ordinary property
                original = keeps(home, p) ? p : null;
            } catch (IllegalArgumentException e) {
                original = null;
            }
        }
        Instant at = null;
        try {
            String v = n.value(Props.TRASH_DELETED_AT);
            at = v == null ? null : Instant.parse(v.strip());
        } catch (DateTimeParseException e) {
            at = null;
        }
        String shown = original != null ? original.name() : UNIQUE_PREFIX.matcher(n.name()).replaceFirst("");
        return new Item(n.name(), shown.isEmpty() ? n.name() : shown, original,
                original != null ? original.parent() : home, at, Row.of(n, Reach.UNKNOWN));
    }

    /** {@code 1733212345678-3fa2-report.fits}: unique (time and chance), the name kept, at most 255 bytes. */
    static String uniqueName(String name, Instant now) {
        String prefix = String.format("%013d-%04x-", now.toEpochMilli(), RANDOM.nextInt(0x10000));
        StringBuilder sb = new StringBuilder(prefix);
        int bytes = prefix.length();
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes + len > VosPath.MAX_NAME_BYTES) {
                break;
            }
            sb.appendCodePoint(cp);
            bytes += len;
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    private Uni<VosPath> ensureFolder(VosSession vos, VosPath home) {
        VosPath trash = folder(home);
        return vos.node(trash, 0, null).map(n -> {
            if (n.type() != NodeType.CONTAINER) {
                throw new PortalException(409, Messages.get().trashNotAFolder(trash.toString()));
            }
            return trash;
        }).onFailure(UpstreamException.withStatus(404)).recoverWithUni(e -> createFolder(vos, trash));
    }

    private static Uni<VosPath> createFolder(VosSession vos, VosPath trash) {
        // private whatever the home passes on (inheritPermissions): trashed items are reached through it
        return vos.create(trash, NodeType.CONTAINER, List.of(Property.of(Props.IS_PUBLIC, "false"),
                Property.of(Props.INHERIT_PERMISSIONS, "false"), Property.nil(Props.GROUP_READ),
                Property.nil(Props.GROUP_WRITE)), null).replaceWith(trash)
                .onFailure(UpstreamException.withStatus(409)).recoverWithItem(trash); // made meanwhile by another delete
    }

    /** Makes the missing folders of {@code folder} inside the home again; true if any was. */
    private static Uni<Boolean> ensureFolders(VosSession vos, VosPath home, VosPath folder) {
        return ensureFoldersFrom(vos, folder, 2, false);
    }

    /** The folders of {@code folder} from depth {@code depth} on, one after the other. */
    private static Uni<Boolean> ensureFoldersFrom(VosSession vos, VosPath folder, int depth, boolean made) {
        if (depth > folder.depth()) {
            return Uni.createFrom().item(made);
        }
        return ensureFolderAt(vos, folder.prefix(depth))
                .flatMap(created -> ensureFoldersFrom(vos, folder, depth + 1, made || created));
    }

    /** True when {@code p} was missing and is made now. */
    private static Uni<Boolean> ensureFolderAt(VosSession vos, VosPath p) {
        return vos.node(p, 0, null).map(n -> {
            if (n.type() != NodeType.CONTAINER) {
                throw new PortalException(409, Messages.get().restoreParentNotAFolder(p.toString()));
            }
            return false;
        }).onFailure(UpstreamException.withStatus(404)).recoverWithUni(e -> vos.create(p, NodeType.CONTAINER, List.of(), null)
                .replaceWith(true));
    }

    /** {@code wanted}, or "name (1).ext", "name (2).ext", … when it is taken (as uploads' Keep both). */
    static Uni<VosPath> freeName(VosSession vos, VosPath wanted) {
        return freeNameFrom(vos, wanted, 0);
    }

    private static Uni<VosPath> freeNameFrom(VosSession vos, VosPath wanted, int n) {
        if (n >= 1000) {
            return Uni.createFrom().failure(() -> new PortalException(409, Messages.get().nameTaken(wanted.name())));
        }
        VosPath candidate = n == 0 ? wanted : wanted.parent().child(numbered(wanted.name(), n));
        return vos.node(candidate, 0, null).replaceWith(false)
                .onFailure(UpstreamException.withStatus(404)).recoverWithItem(true)
                .flatMap(free -> free ? Uni.createFrom().item(candidate) : freeNameFrom(vos, wanted, n + 1));
    }

    /** "a.fits" → "a (2).fits"; a leading dot is no extension (".env" → ".env (2)"). */
    static String numbered(String name, int n) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot) : name + " (" + n + ")";
    }

    private Uni<Void> awaitMove(VosSession vos, VosPath from, VosPath to, boolean restoring) {
        return vos.moveKeepingDate(from, to).flatMap(job -> selections.awaitJob(vos, job)).map(state -> {
            if (state.phase() == UwsJob.Phase.COMPLETED) {
                return null;
            }
            if (!state.phase().isFinal()) {
                throw new PortalException(503, Messages.get().stillRunning());
            }
            String fault = SelectionService.faultOf(state);
            String why = SelectionService.explain(state);
            throw new PortalException(SelectionService.statusOf(fault), restoring
                    ? Messages.get().restoreFailed(to.name(), to.parent().toString(), why)
                    : Messages.get().trashMoveFailed(from.name(), why));
        });
    }

    /** A file or link, or a folder with all in it (the service's recursive delete); false while that still runs. */
    private Uni<Boolean> deleteTree(VosSession vos, VosPath path, NodeType type) {
        if (type != NodeType.CONTAINER) {
            return vos.delete(path).replaceWith(true);
        }
        return vos.recursiveDelete(path)
                // no recursive delete: an empty folder still goes (null: no job to wait for)
                .onFailure(UpstreamException.withStatus(501)).recoverWithUni(e -> vos.delete(path).map(deleted -> (String) null))
                .flatMap(job -> job == null ? Uni.createFrom().item(true)
                        : selections.awaitJob(vos, job).map(state -> finished(path, state)));
    }

    /** True when the recursive delete is done, false while it runs; its refusal in words otherwise. */
    private static boolean finished(VosPath path, UwsJob state) {
        if (!state.phase().isFinal()) {
            return false;
        }
        if (state.phase() != UwsJob.Phase.COMPLETED) {
            throw new PortalException(SelectionService.statusOf(SelectionService.faultOf(state)),
                    Messages.get().trashDeleteFailed(path.name(), SelectionService.explain(state)));
        }
        return true;
    }
}
