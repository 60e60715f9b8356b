package org.vosportal.portal;

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

    /** Moves the node at {@code path} (of {@code type}) into the trash; returns its name there. */
    public String put(VosSession vos, VosPath home, VosPath path, NodeType type, Instant now) {
        VosPath trash = ensureFolder(vos, home);
        VosPath dest = trash.child(uniqueName(path.name(), now));
        awaitMove(vos, path, dest, false);
        // the mark after the move: a move refused leaves the node untouched where it was
        vos.setProperties(dest, type, List.of(Property.of(Props.TRASH_ORIGINAL_PATH, path.toString()),
                Property.of(Props.TRASH_DELETED_AT, now.toString())));
        return dest.name();
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
    public Page page(VosSession vos, VosPath home, String after, int size) {
        if (after != null) {
            itemPath(home, after); // 400 for what cannot be a name, before any request
        }
        int ask = size + (after == null ? 0 : 1);
        List<Node> all;
        try {
            all = childrenFrom(vos, home, ask, after, true);
        } catch (UpstreamException e) {
            if (e.status() != 400) {
                throw e;
            }
            all = childrenFrom(vos, home, ask, after, false);
        }
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
    public int count(VosSession vos, VosPath home) {
        if (home == null) {
            return 0;
        }
        try {
            return children(vos, home, MAX_COUNTED + 1).size();
        } catch (UpstreamException e) {
            return 0; // the count is a hint: a service that refuses leaves the link without it
        }
    }

    /** Deletes for good what was deleted more than the retention before {@code now}; returns how many. */
    public int purgeExpired(VosSession vos, VosPath home, Instant now) {
        Instant limit = now.minus(retention());
        int purged = 0;
        for (Node n : children(vos, home, MAX_PURGED)) { // ascending names: the oldest first
            Item item = itemOf(home, n);
            if (item.deletedAt() != null && item.deletedAt().isBefore(limit)) {
                try {
                    deleteForever(vos, home, item.name(), item.row().type());
                    purged++;
                } catch (PortalException | UpstreamException e) {
                    // housekeeping: an item that will not go (locked, gone meanwhile) does not stop the page
                }
            }
        }
        return purged;
    }

    /** Puts a trashed item back where it was (see {@link Restored}). */
    public Restored restore(VosSession vos, VosPath home, String name) {
        VosPath item = itemPath(home, name);
        Item it = item(vos, home, name);
        VosPath original = it.originalPath() != null ? it.originalPath() : home.child(it.shownName());
        boolean recreated = ensureFolders(vos, home, original.parent());
        VosPath target = freeName(vos, original);
        awaitMove(vos, item, target, true);
        vos.setProperties(target, it.row().type(), List.of(Property.nil(Props.TRASH_ORIGINAL_PATH),
                Property.nil(Props.TRASH_DELETED_AT)));
        return new Restored(it.shownName(), target, !target.equals(original), recreated);
    }

    /** One item of the trash by its name there; 404 in words when it is not (any more). */
    public Item item(VosSession vos, VosPath home, String name) {
        try {
            return itemOf(home, vos.node(itemPath(home, name), 0, null));
        } catch (UpstreamException e) {
            if (e.status() == 404) {
                throw new PortalException(404, Messages.get().trashNoSuchItem());
            }
            throw e;
        }
    }

    /** Deletes one trashed item for good (a folder with everything in it). */
    public void deleteForever(VosSession vos, VosPath home, String name, NodeType type) {
        deleteTree(vos, itemPath(home, name), type);
    }

    /** Deletes everything in the trash; returns false when the service is still at it in the background. */
    public boolean empty(VosSession vos, VosPath home) {
        VosPath trash = folder(home);
        try {
            vos.node(trash, 0, null);
        } catch (UpstreamException e) {
            if (e.status() == 404) {
                return true; // never used
            }
            throw e;
        }
        return deleteTree(vos, trash, NodeType.CONTAINER);
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

    private List<Node> children(VosSession vos, VosPath home, int max) {
        return childrenFrom(vos, home, max, null, false);
    }

    private List<Node> childrenFrom(VosSession vos, VosPath home, int max, String start, boolean descending) {
        try {
            return vos.node(folder(home), max, start, descending).children();
        } catch (UpstreamException e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        }
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

    private VosPath ensureFolder(VosSession vos, VosPath home) {
        VosPath trash = folder(home);
        try {
            Node n = vos.node(trash, 0, null);
            if (n.type() != NodeType.CONTAINER) {
                throw new PortalException(409, Messages.get().trashNotAFolder(trash.toString()));
            }
        } catch (UpstreamException e) {
            if (e.status() != 404) {
                throw e;
            }
            try {
                // private whatever the home passes on (inheritPermissions): trashed items are reached through it
                vos.create(trash, NodeType.CONTAINER, List.of(Property.of(Props.IS_PUBLIC, "false"),
                        Property.of(Props.INHERIT_PERMISSIONS, "false"), Property.nil(Props.GROUP_READ),
                        Property.nil(Props.GROUP_WRITE)), null);
            } catch (UpstreamException race) {
                if (race.status() != 409) { // made meanwhile by another delete
                    throw race;
                }
            }
        }
        return trash;
    }

    /** Makes the missing folders of {@code folder} inside the home again; true if any was. */
    private static boolean ensureFolders(VosSession vos, VosPath home, VosPath folder) {
        boolean made = false;
        for (int i = 2; i <= folder.depth(); i++) {
            VosPath p = folder.prefix(i);
            try {
                if (vos.node(p, 0, null).type() != NodeType.CONTAINER) {
                    throw new PortalException(409, Messages.get().restoreParentNotAFolder(p.toString()));
                }
            } catch (UpstreamException e) {
                if (e.status() != 404) {
                    throw e;
                }
                vos.create(p, NodeType.CONTAINER, List.of(), null);
                made = true;
            }
        }
        return made;
    }

    /** {@code wanted}, or "name (1).ext", "name (2).ext", … when it is taken (as uploads' Keep both). */
    static VosPath freeName(VosSession vos, VosPath wanted) {
        for (int n = 0; n < 1000; n++) {
            VosPath candidate = n == 0 ? wanted : wanted.parent().child(numbered(wanted.name(), n));
            try {
                vos.node(candidate, 0, null);
            } catch (UpstreamException e) {
                if (e.status() == 404) {
                    return candidate;
                }
                throw e;
            }
        }
        throw new PortalException(409, Messages.get().nameTaken(wanted.name()));
    }

    /** "a.fits" → "a (2).fits"; a leading dot is no extension (".env" → ".env (2)"). */
    static String numbered(String name, int n) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot) : name + " (" + n + ")";
    }

    private void awaitMove(VosSession vos, VosPath from, VosPath to, boolean restoring) {
        UwsJob state = selections.awaitJob(vos, vos.moveKeepingDate(from, to));
        if (state.phase() == UwsJob.Phase.COMPLETED) {
            return;
        }
        if (!state.phase().isFinal()) {
            throw new PortalException(503, Messages.get().stillRunning());
        }
        String fault = SelectionService.faultOf(state);
        String why = SelectionService.explain(state);
        throw new PortalException(SelectionService.statusOf(fault), restoring
                ? Messages.get().restoreFailed(to.name(), to.parent().toString(), why)
                : Messages.get().trashMoveFailed(from.name(), why));
    }

    /** A file or link, or a folder with all in it (the service's recursive delete); false while that still runs. */
    private boolean deleteTree(VosSession vos, VosPath path, NodeType type) {
        if (type != NodeType.CONTAINER) {
            vos.delete(path);
            return true;
        }
        String job;
        try {
            job = vos.recursiveDelete(path);
        } catch (UpstreamException e) {
            if (e.status() != 501) {
                throw e;
            }
            vos.delete(path); // no recursive delete: an empty folder still goes
            return true;
        }
        UwsJob state = selections.awaitJob(vos, job);
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
