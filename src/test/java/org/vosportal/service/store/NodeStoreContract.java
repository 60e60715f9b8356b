package org.vosportal.service.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vosportal.service.store.ChildQuery.SortKey;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;

/**
 * What every NodeStore must do. A subclass supplies a store over an empty tree (only the root)
 * for each test.
 */
public abstract class NodeStoreContract {

    /** A store over a freshly migrated schema holding only the root. Called before every test. */
    protected abstract NodeStore newStore() throws Exception;

    protected NodeStore store;
    private StoredNode root;

    private static final Instant T1 = Instant.parse("2024-05-06T07:08:09.123456789Z");
    private static final Instant T2 = Instant.parse("2024-06-07T08:09:10.987654321Z");

    @BeforeEach
    void freshStore() throws Exception {
        store = newStore();
        root = store.root();
    }

    // ------------------------------------------------------------------------------ helpers

    private StoredNode mkdir(StoredNode parent, String name) {
        return store.create(parent.id(), NewNode.container(name, "alice"));
    }

    private StoredNode mkfile(StoredNode parent, String name) {
        return store.create(parent.id(), NewNode.data(name, "alice"));
    }

    private StoredNode get(StoredNode n) {
        return store.findById(n.id()).orElseThrow();
    }

    private long len(StoredNode n) {
        return get(n).length();
    }

    private List<String> names(List<StoredNode> nodes) {
        return nodes.stream().map(StoredNode::name).toList();
    }

    private static VosPath path(String p) {
        return VosPath.parse(p);
    }

    private static Instant ms(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** Code-point (= UTF-8 byte) order, the order both databases must list names in. */
    private static final Comparator<String> CODE_POINTS = (a, b) -> {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        return java.util.Arrays.compare(x, y);
    };

    private static void assertFault(Fault expected, Runnable r) {
        VosFault f = assertThrows(VosFault.class, r::run);
        assertEquals(expected, f.fault(), f.getMessage());
    }

    /** Every container's length equals the sum of its children's, all the way down. */
    private long assertLengthsConsistent(StoredNode n) {
        if (!n.isContainer()) {
            return n.length();
        }
        long sum = 0;
        for (StoredNode child : store.listChildren(n.id(), ChildQuery.all())) {
            sum += assertLengthsConsistent(child);
        }
        assertEquals(sum, n.length(), "length of container '" + n.name() + "'");
        return sum;
    }

    // --------------------------------------------------------------------------------- root

    @Test
    void rootExists() {
        assertTrue(root.isRoot());
        assertNull(root.parentId());
        assertEquals("", root.name());
        assertEquals(NodeType.CONTAINER, root.type());
        assertNull(root.owner());
        assertEquals(0, root.length());
        assertEquals(root, store.findById(root.id()).orElseThrow());
        assertEquals(List.of(root), store.walk(VosPath.ROOT));
        assertEquals(0, store.countChildren(root.id()));
        assertEquals(List.of(), store.listChildren(root.id(), ChildQuery.all()));
    }

    /** The homes' quota use for the metrics: sums, homes at 90 % or more, full ones; folders below are not homes. */
    @Test
    void quotaUseSumsTheHomesAndCountsTheNearlyFullOnes() {
        NodeOperations.QuotaUse before = store.quotaUse(0.9);
        StoredNode roomy = store.create(root.id(), NewNode.container("roomy", "alice").withQuota(1000L + 2 * COST));
        StoredNode nearly = store.create(root.id(), NewNode.container("nearly", "bob").withQuota(100L + 2 * COST));
        StoredNode full = store.create(root.id(), NewNode.container("full", "carol").withQuota(50L + 2 * COST));
        store.create(roomy.id(), NewNode.container("sub", "alice").withQuota(10L + COST)); // not a home: not counted
        StoredNode n = store.create(nearly.id(), NewNode.data("n", "bob"));
        store.commitContent(n.id(), "blob-n", 95, "00000000000000000000000000000000", java.time.Instant.now());
        StoredNode f = store.create(full.id(), NewNode.data("f", "carol"));
        store.commitContent(f.id(), "blob-f", 50, "00000000000000000000000000000000", java.time.Instant.now());

        NodeOperations.QuotaUse after = store.quotaUse(0.9);
        assertEquals(3, after.homes() - before.homes());
        assertEquals(1150L + 6 * COST, after.quotaBytes() - before.quotaBytes());
        assertEquals(store.usage(roomy.id()) + store.usage(nearly.id()) + store.usage(full.id()),
                after.usedBytes() - before.usedBytes());
        assertEquals(2, after.nearFull() - before.nearFull(), "95 % and 100 % are at least 90 %");
        assertEquals(1, after.full() - before.full());
    }

    /** Quota is enforced inside the committing transaction: growth past it is refused, nothing changes. */
    @Test
    void commitContentRefusesGrowthBeyondAnAncestorsQuota() {
        // the four nodes' metadata counts too: 100 bytes are left for content
        StoredNode home = store.create(root.id(), NewNode.container("q", "alice").withQuota(100L + 4 * COST));
        StoredNode dir = store.create(home.id(), NewNode.container("d", "alice"));
        StoredNode a = store.create(dir.id(), NewNode.data("a", "alice"));
        StoredNode b = store.create(dir.id(), NewNode.data("b", "alice"));
        store.commitContent(a.id(), "blob-a", 60, "00000000000000000000000000000000", java.time.Instant.now());
        org.vosportal.vospace.VosFault f = org.junit.jupiter.api.Assertions.assertThrows(
                org.vosportal.vospace.VosFault.class,
                () -> store.commitContent(b.id(), "blob-b", 41, "00000000000000000000000000000000",
                        java.time.Instant.now()));
        assertEquals(org.vosportal.vospace.Fault.QuotaExceeded, f.fault());
        assertEquals(60, store.findById(home.id()).orElseThrow().length());
        assertEquals(60 + 4 * COST, store.usage(home.id()));
        assertNull(store.findById(b.id()).orElseThrow().blobId());
        // exactly up to the quota is fine, and shrinking is always allowed
        store.commitContent(b.id(), "blob-b", 40, "00000000000000000000000000000000", java.time.Instant.now());
        assertEquals(100, store.findById(home.id()).orElseThrow().length());
        store.commitContent(a.id(), "blob-a2", 10, "00000000000000000000000000000000", java.time.Instant.now());
        assertEquals(50, store.findById(home.id()).orElseThrow().length());
    }

    /** What an empty node without long texts costs ({@link NodeCost}). */
    private static final long COST = NodeCost.FIXED;

    /**
     * Every node's stored metadata cost is its own {@link NodeCost} plus its children's, every
     * container's length the sum of its children's (read through {@link NodeStore#scan}).
     */
    protected void assertTreeConsistent() {
        Map<Long, NodeStore.ScannedNode> all = new HashMap<>();
        Map<Long, long[]> sums = new HashMap<>();
        store.scan(s -> {
            all.put(s.node().id(), s);
            if (s.node().parentId() != null) {
                long[] sum = sums.computeIfAbsent(s.node().parentId(), k -> new long[2]);
                sum[0] += s.node().length();
                sum[1] += s.metaLength();
            }
        });
        for (NodeStore.ScannedNode s : all.values()) {
            long[] sum = sums.getOrDefault(s.node().id(), new long[2]);
            assertEquals(NodeCost.of(s.node()) + sum[1], s.metaLength(), "metadata cost of '" + s.node().name() + "'");
            if (s.node().isContainer()) {
                assertEquals(sum[0], s.node().length(), "length of '" + s.node().name() + "'");
            }
        }
    }

    /** Empty nodes and properties are not free: each node costs NodeCost against the quota. */
    @Test
    void metadataCountsAgainstTheQuota() {
        StoredNode home = store.create(root.id(), NewNode.container("q", "alice").withQuota(10 * COST));
        assertEquals(COST, store.usage(home.id()));
        List<StoredNode> made = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            made.add(mkdir(home, "d" + i));
        }
        assertEquals(10 * COST, store.usage(home.id()));
        assertFault(Fault.QuotaExceeded, () -> mkdir(home, "one-too-many"));
        assertFault(Fault.QuotaExceeded, () -> mkfile(made.get(0), "nor-below"));
        assertEquals(9, store.countChildren(home.id()));
        assertEquals(0, store.countChildren(made.get(0).id()));
        // deleting frees the cost again
        store.delete(made.get(8).id());
        assertEquals(9 * COST, store.usage(home.id()));
        StoredNode f = mkfile(home, "f");
        assertEquals(10 * COST, store.usage(home.id()));
        // properties and groups cost their bytes: growing them past the quota is refused, nothing changes
        StoredNode withProp = f.withMetadata(false, List.of("ivo://g?a"), List.of(), false, false, null, null,
                Map.of("ivo://x#p", "v"));
        assertFault(Fault.QuotaExceeded, () -> store.updateMetadata(withProp));
        assertEquals(Map.of(), get(f).properties());
        assertEquals(List.of(), get(f).groupRead());
        store.delete(made.get(7).id());
        store.updateMetadata(withProp);
        assertEquals(9 * COST + "ivo://g?a".length() + "ivo://x#p".length() + 1, store.usage(home.id()));
        // and shrinking them gives it back
        store.updateMetadata(get(f).withMetadata(false, List.of(), List.of(), false, false, null, null, Map.of()));
        assertEquals(9 * COST, store.usage(home.id()));
        assertTreeConsistent();
    }

    /** An upload to a new name creates the node and its content in one step, within the quota. */
    @Test
    void createWithContentIsOneStepWithinTheQuota() {
        StoredNode home = store.create(root.id(), NewNode.container("q", "alice").withQuota(3 * COST + 100));
        StoredNode d = mkdir(home, "d");
        StoredNode f = store.createWithContent(d.id(), NewNode.data("f", "alice"), "blob-f", 100, "a".repeat(32));
        assertEquals("blob-f", f.blobId());
        assertEquals(100, f.length());
        assertEquals("a".repeat(32), f.md5());
        assertEquals(100, len(d));
        assertEquals(100, len(root));
        assertEquals(3 * COST + 100, store.usage(home.id()));
        assertFault(Fault.QuotaExceeded,
                () -> store.createWithContent(home.id(), NewNode.data("g", "alice"), "blob-g", 1, null));
        assertFault(Fault.DuplicateNode,
                () -> store.createWithContent(d.id(), NewNode.data("f", "alice"), "blob-x", 0, null));
        assertEquals(List.of("d"), names(store.listChildren(home.id(), ChildQuery.all())));
        assertEquals(Set.of("blob-f"), store.referencedBlobIds(List.of("blob-f", "blob-g", "blob-x")));
        assertTreeConsistent();
    }

    /** A move's quota is checked inside the moving transaction: over quota nothing moves. */
    @Test
    void moveRefusesGrowthBeyondTheTargetsQuotaAndChangesNothing() {
        StoredNode alice = store.create(root.id(), NewNode.container("alice", "alice").withQuota(2 * COST + 100));
        StoredNode bob = store.create(root.id(), NewNode.container("bob", "bob").withQuota(10 * COST + 1000));
        StoredNode tree = mkdir(bob, "tree");
        StoredNode f = store.createWithContent(tree.id(), NewNode.data("f", "bob"), "blob-f", 60, null);
        // 60 bytes fit, but not the two nodes' metadata
        assertFault(Fault.QuotaExceeded, () -> store.move(tree.id(), alice.id(), "tree", T2));
        assertEquals(bob.id(), get(tree).parentId());
        assertEquals(60, len(bob));
        assertEquals(0, len(alice));
        assertEquals(COST, store.usage(alice.id()));
        assertEquals(3 * COST + 60, store.usage(bob.id()));
        // moving within a home never counts twice; the file alone fits in alice's home
        store.move(f.id(), bob.id(), "f", T2);
        assertEquals(3 * COST + 60, store.usage(bob.id()));
        store.move(f.id(), alice.id(), "f", T2);
        assertEquals(2 * COST + 60, store.usage(alice.id()));
        assertEquals(2 * COST, store.usage(bob.id()));
        assertTreeConsistent();
    }

    // ------------------------------------------------------------------- create, find, walk

    @Test
    void createFindAndWalk() {
        StoredNode a = mkdir(root, "a");
        StoredNode b = mkdir(a, "b");
        StoredNode f = mkfile(b, "f.fits");

        assertEquals(a.id(), b.parentId());
        assertEquals(NodeType.DATA, f.type());
        assertEquals("alice", f.owner());
        assertEquals(0, f.length());
        assertNull(f.blobId());
        assertNull(f.md5());
        assertEquals(f.created(), f.modified());
        assertEquals(0, f.created().getNano() % 1_000_000, "timestamps have millisecond precision");
        assertEquals(f, store.findById(f.id()).orElseThrow());
        assertEquals(f, store.findChild(b.id(), "f.fits").orElseThrow());
        assertTrue(store.findChild(b.id(), "F.fits").isEmpty());
        assertTrue(store.findChild(root.id(), "f.fits").isEmpty());
        assertTrue(store.findById(f.id() + 1000).isEmpty());

        assertEquals(List.of(root.id(), a.id(), b.id(), f.id()),
                store.walk(path("/a/b/f.fits")).stream().map(StoredNode::id).toList());
        assertEquals(List.of("", "a", "b", "f.fits"), names(store.walk(path("/a/b/f.fits"))));
        // partial paths: stops at the first missing name
        assertEquals(List.of("", "a"), names(store.walk(path("/a/x/y"))));
        assertEquals(List.of(""), names(store.walk(path("/nope"))));
        // a path through a DataNode stops at the DataNode
        assertEquals(List.of("", "a", "b", "f.fits"), names(store.walk(path("/a/b/f.fits/deeper/still"))));
        assertEquals(3, store.walk(path("/a/b/f.fits/x")).size() - 1);

        assertEquals(1, store.countChildren(root.id()));
        assertEquals(1, store.countChildren(a.id()));
        assertEquals(0, store.countChildren(f.id()));
    }

    @Test
    void createUnderDataNodeOrMissingParentIsRefused() {
        StoredNode f = mkfile(root, "f");
        assertFault(Fault.ContainerNotFound, () -> mkfile(f, "g"));
        assertFault(Fault.ContainerNotFound, () -> store.create(f.id() + 1000, NewNode.data("g", "alice")));
    }

    @Test
    void duplicateNameIsRefused() {
        StoredNode a = mkdir(root, "a");
        mkfile(a, "x");
        VosFault f = assertThrows(VosFault.class, () -> mkfile(a, "x"));
        assertEquals(Fault.DuplicateNode, f.fault());
        assertTrue(f.getMessage().contains("x"));
        assertFault(Fault.DuplicateNode, () -> mkdir(a, "x"));
        assertFault(Fault.DuplicateNode, () -> mkdir(root, "a"));
        // same name elsewhere, or differing in case, is fine
        mkfile(root, "x");
        mkfile(a, "X");
        assertEquals(2, store.countChildren(a.id()));
        // the store still works after a refused insert
        assertEquals(List.of("X", "x"), names(store.listChildren(a.id(), ChildQuery.all())));
    }

    // ------------------------------------------------------------------------------ listing

    // Both databases order by code point for these. They would differ for a name with a character
    // in U+E000..U+FFFF compared at the same position with one above U+FFFF: H2 compares UTF-16
    // code units (the emoji first), PostgreSQL's "C" collation UTF-8 bytes (the emoji last).
    private static final List<String> ODD_NAMES = List.of("a", "A", "b", "B", "Zeta", "zeta", "a b", "a  b", "a-b",
            "a_b", "a.b", "ab", "a~", "0", "9 lives", "~tilde", "(paren)", "with space ", " leading space",
            "émile", "Émile", "eñe", "über", "日本語", "中文", "😀 smile", "z", "Z", "ß", "Ω", "ü", "u");

    @Test
    void listingOrdersByCodePointOnEveryDatabase() {
        StoredNode d = mkdir(root, "d");
        List<String> shuffled = new ArrayList<>(ODD_NAMES);
        Collections.shuffle(shuffled, new Random(42));
        for (String n : shuffled) {
            mkfile(d, n);
        }
        List<String> expected = new ArrayList<>(ODD_NAMES);
        expected.sort(CODE_POINTS);
        assertEquals(expected, names(store.listChildren(d.id(), ChildQuery.all())));
        // upper case sorts before lower case (byte order, not a locale's)
        List<String> listed = names(store.listChildren(d.id(), ChildQuery.all()));
        assertTrue(listed.indexOf("Zeta") < listed.indexOf("a"));
        assertTrue(listed.indexOf("z") < listed.indexOf("émile"));

        List<String> reversed = new ArrayList<>(expected);
        Collections.reverse(reversed);
        assertEquals(reversed, names(store.listChildren(d.id(), new ChildQuery(null, -1, SortKey.NAME, true))));
        assertEquals(ODD_NAMES.size(), store.countChildren(d.id()));
    }

    @Test
    void foldersFirstOrderIsCaseInsensitiveInBothDirectionsAndPagesFromAnyRow() {
        StoredNode d = mkdir(root, "ff");
        mkdir(d, "beta");
        mkdir(d, "Alpha");
        for (String n : List.of("zeta.txt", "Gamma.txt", "alpha.txt", "BETA.txt", "beta.txt")) {
            mkfile(d, n);
        }
        List<String> asc = List.of("Alpha", "beta", "alpha.txt", "BETA.txt", "beta.txt", "Gamma.txt", "zeta.txt");
        // descending by name, folders still first
        List<String> desc = List.of("beta", "Alpha", "zeta.txt", "Gamma.txt", "beta.txt", "BETA.txt", "alpha.txt");
        assertEquals(asc, names(store.listChildren(d.id(), new ChildQuery(null, -1, SortKey.FOLDERS_FIRST, false))));
        assertEquals(desc, names(store.listChildren(d.id(), new ChildQuery(null, -1, SortKey.FOLDERS_FIRST, true))));
        // keyset pages from every row, inclusive, in both directions (across the folders/files boundary)
        for (List<String> order : List.of(asc, desc)) {
            boolean descending = order == desc;
            for (int i = 0; i < order.size(); i++) {
                StoredNode start = store.findChild(d.id(), order.get(i)).orElseThrow();
                assertEquals(order.subList(i, Math.min(order.size(), i + 3)), names(store.listChildren(d.id(),
                        ChildQuery.from(start, 3, SortKey.FOLDERS_FIRST, descending))), "from " + order.get(i));
            }
        }
        // a rename takes its new place
        StoredNode z = store.findChild(d.id(), "zeta.txt").orElseThrow();
        store.move(z.id(), d.id(), "Aardvark.txt", java.time.Instant.now());
        assertEquals("Aardvark.txt", names(store.listChildren(d.id(), new ChildQuery(null, -1, SortKey.FOLDERS_FIRST, false))).get(2));
    }

    @Test
    void keysetPagingIsInclusiveAndLimited() {
        StoredNode d = mkdir(root, "d");
        for (String n : ODD_NAMES) {
            mkfile(d, n);
        }
        List<String> expected = new ArrayList<>(ODD_NAMES);
        expected.sort(CODE_POINTS);

        // inclusive start at an existing name
        int i = expected.indexOf("a b");
        assertEquals(expected.subList(i, i + 5), names(store.listChildren(d.id(), ChildQuery.page("a b", 5))));
        // start between names: begins at the next one
        int j = expected.indexOf("ab");
        assertEquals(expected.subList(j, j + 2), names(store.listChildren(d.id(), ChildQuery.page("aa", 2))));
        // start at a unicode name; limit beyond the end
        int k = expected.indexOf("émile");
        assertEquals(expected.subList(k, expected.size()),
                names(store.listChildren(d.id(), ChildQuery.page("émile", 1000))));
        // start after every name
        assertEquals(List.of(), names(store.listChildren(d.id(), ChildQuery.page("\uD83D\uDE01", 10))));
        // no start, limit only
        assertEquals(expected.subList(0, 3), names(store.listChildren(d.id(), ChildQuery.page(null, 3))));
        // limit 0
        assertEquals(List.of(), store.listChildren(d.id(), ChildQuery.page(null, 0)));
        // limit -1 = all, from a start
        int m = expected.indexOf("z");
        assertEquals(expected.subList(m, expected.size()),
                names(store.listChildren(d.id(), new ChildQuery("z", -1, SortKey.NAME, false))));
        // descending from a start: that name and the ones before it
        assertEquals(List.of("z", expected.get(m - 1)),
                names(store.listChildren(d.id(), new ChildQuery("z", 2, SortKey.NAME, true))));
        // a start in date or length order needs its row's sort value
        assertThrows(IllegalArgumentException.class,
                () -> store.listChildren(d.id(), new ChildQuery("a", 10, SortKey.DATE, false)));
        // children of a leaf or of nothing
        StoredNode leaf = store.findChild(d.id(), "a").orElseThrow();
        assertEquals(List.of(), store.listChildren(leaf.id(), ChildQuery.all()));
        assertEquals(List.of(), store.listChildren(leaf.id() + 100_000, ChildQuery.all()));
    }

    @Test
    void sortByDateAndLength() {
        StoredNode d = mkdir(root, "d");
        StoredNode x = mkfile(d, "x");
        StoredNode y = mkfile(d, "y");
        StoredNode z = mkfile(d, "z");
        StoredNode w = mkfile(d, "w");
        store.commitContent(x.id(), "bx", 300, "0".repeat(32), Instant.parse("2024-01-03T00:00:00Z"));
        store.commitContent(y.id(), "by", 100, "1".repeat(32), Instant.parse("2024-01-01T00:00:00Z"));
        store.commitContent(z.id(), "bz", 200, "2".repeat(32), Instant.parse("2024-01-02T00:00:00Z"));
        // w: same length as y and same date as z -> ties broken by name
        store.commitContent(w.id(), "bw", 100, "3".repeat(32), Instant.parse("2024-01-02T00:00:00Z"));

        assertEquals(List.of("y", "w", "z", "x"),
                names(store.listChildren(d.id(), new ChildQuery(null, -1, SortKey.DATE, false))));
        assertEquals(List.of("x", "z", "w", "y"),
                names(store.listChildren(d.id(), new ChildQuery(null, -1, SortKey.DATE, true))));
        assertEquals(List.of("w", "y", "z", "x"),
                names(store.listChildren(d.id(), new ChildQuery(null, -1, SortKey.LENGTH, false))));
        assertEquals(List.of("x", "z", "y", "w"),
                names(store.listChildren(d.id(), new ChildQuery(null, -1, SortKey.LENGTH, true))));
        assertEquals(List.of("w", "y"),
                names(store.listChildren(d.id(), new ChildQuery(null, 2, SortKey.LENGTH, false))));
        assertEquals(List.of("x"), names(store.listChildren(d.id(), new ChildQuery(null, 1, SortKey.DATE, true))));
    }

    /**
     * Pages sorted by length or date start (inclusive) at a row and its sort value: every row comes
     * exactly once, ties in order of name, in both directions, also when the start row was
     * deleted meanwhile.
     */
    @Test
    void sortedKeysetPagingListsEveryRowOnce() {
        StoredNode d = mkdir(root, "d");
        Random rnd = new Random(11);
        List<StoredNode> files = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            StoredNode f = mkfile(d, "f" + rnd.nextInt(1000) + "-" + i);
            // four sizes and three dates only: many ties, broken by name
            store.commitContent(f.id(), "b" + i, 10L * rnd.nextInt(4), "0".repeat(32),
                    Instant.parse("2024-01-01T00:00:00.123Z").plusSeconds(rnd.nextInt(3)));
            files.add(get(f));
        }
        for (SortKey sort : List.of(SortKey.LENGTH, SortKey.DATE)) {
            for (boolean desc : List.of(false, true)) {
                List<String> whole = names(store.listChildren(d.id(), new ChildQuery(null, -1, sort, desc)));
                Comparator<StoredNode> order = Comparator.comparing((StoredNode n) -> ChildQuery.keyOf(n, sort))
                        .thenComparing(StoredNode::name);
                List<String> expected = files.stream().sorted(desc ? order.reversed() : order)
                        .map(StoredNode::name).toList();
                assertEquals(expected, whole, sort + (desc ? " desc" : " asc"));
                for (int pageSize : List.of(1, 7, 59, 60)) {
                    assertEquals(expected, pageSorted(d.id(), pageSize, sort, desc), sort + " pages of " + pageSize);
                }
            }
        }
        // the start row is gone: the page still begins where it was
        List<StoredNode> bySize = store.listChildren(d.id(), new ChildQuery(null, -1, SortKey.LENGTH, false));
        StoredNode gone = bySize.get(20);
        store.delete(gone.id());
        assertEquals(names(bySize.subList(21, 26)),
                names(store.listChildren(d.id(), ChildQuery.from(gone, 5, SortKey.LENGTH, false))));
    }

    private List<String> pageSorted(long parentId, int pageSize, SortKey sort, boolean desc) {
        List<String> out = new ArrayList<>();
        StoredNode last = null;
        while (true) {
            List<StoredNode> page = last == null
                    ? store.listChildren(parentId, new ChildQuery(null, pageSize, sort, desc))
                    : store.listChildren(parentId, ChildQuery.from(last, pageSize + 1, sort, desc));
            if (last != null) {
                assertEquals(last.name(), page.get(0).name(), "inclusive start");
                page = page.subList(1, page.size());
            }
            page.forEach(n -> out.add(n.name()));
            if (page.size() < pageSize) {
                return out;
            }
            last = page.get(page.size() - 1);
        }
    }

    @Test
    void twoThousandChildrenPageExactlyOnceInOrder() {
        StoredNode big = mkdir(root, "big");
        List<String> expected = new ArrayList<>();
        Random rnd = new Random(7);
        String[] prefixes = {"file", "File", "data set", "ß-", "日本", "x"};
        for (int i = 0; i < 2000; i++) {
            String name = prefixes[rnd.nextInt(prefixes.length)] + "-" + i;
            expected.add(name);
        }
        Collections.shuffle(expected, rnd);
        for (String n : expected) {
            mkfile(big, n);
        }
        expected.sort(CODE_POINTS);
        assertEquals(2000, store.countChildren(big.id()));

        // forward in pages of 100, backward in pages of 250: each next page starts (inclusively)
        // at the last name seen
        List<String> forward = pageAll(big.id(), 100, false);
        assertEquals(expected, forward);
        assertEquals(2000, new HashSet<>(forward).size());
        List<String> reversed = new ArrayList<>(expected);
        Collections.reverse(reversed);
        assertEquals(reversed, pageAll(big.id(), 250, true));
        assertEquals(expected, pageAll(big.id(), 2000, false));
        assertEquals(expected, pageAll(big.id(), 1999, false));
    }

    private List<String> pageAll(long parentId, int pageSize, boolean descending) {
        List<String> out = new ArrayList<>();
        String start = null;
        while (true) {
            int ask = start == null ? pageSize : pageSize + 1;
            List<String> page = names(store.listChildren(parentId, new ChildQuery(start, ask, SortKey.NAME,
                    descending)));
            if (start != null) {
                assertEquals(start, page.get(0), "inclusive start");
                page = page.subList(1, page.size());
            }
            out.addAll(page);
            if (page.size() < pageSize) {
                return out;
            }
            start = out.get(out.size() - 1);
        }
    }

    // --------------------------------------------------------------------------- properties

    @Test
    void everyFieldRoundTrips() {
        Map<String, String> props = new HashMap<>();
        props.put("ivo://ivoa.net/vospace/core#title", "Title with ünïcödé and <xml> & \"quotes\"");
        props.put("ivo://ivoa.net/vospace/core#description", "d".repeat(8000));
        props.put("custom:TELESCOPE", "CFHT");
        props.put("foo", "");
        NewNode spec = new NewNode("obs.fits", NodeType.DATA, "bob", true,
                List.of("ivo://cadc.nrc.ca/gms?b-team", "ivo://cadc.nrc.ca/gms?a-team"),
                List.of("ivo://opencadc.org/gms?writers"), true, true, null, "application/fits", "gzip", 12345L,
                props);
        StoredNode n = store.create(root.id(), spec);
        assertEquals("obs.fits", n.name());
        assertEquals("bob", n.owner());
        assertTrue(n.isPublic());
        assertEquals(spec.groupRead(), n.groupRead(), "group order kept");
        assertEquals(spec.groupWrite(), n.groupWrite());
        assertTrue(n.locked());
        assertTrue(n.inheritPermissions());
        assertEquals("application/fits", n.contentType());
        assertEquals("gzip", n.contentEncoding());
        assertEquals(12345L, n.quota());
        assertEquals(props, n.properties());
        assertEquals(n, get(n));
        assertEquals(List.of(n), store.listChildren(root.id(), ChildQuery.all()));
        assertEquals(n, store.walk(path("/obs.fits")).get(1));

        NewNode link = new NewNode("ln", NodeType.LINK, "bob", false, List.of(), List.of(), false, false,
                "vos://example.org~vault/target/x", null, null, null, Map.of());
        StoredNode l = store.create(root.id(), link);
        assertEquals(NodeType.LINK, l.type());
        assertEquals("vos://example.org~vault/target/x", l.linkTarget());
        assertEquals(List.of(), l.groupRead());
        assertNull(l.quota());
        assertNull(l.contentType());
        assertEquals(Map.of(), l.properties());
        assertEquals(l, get(l));
        // a link stops a walk like a DataNode
        assertEquals(List.of("", "ln"), names(store.walk(path("/ln/below"))));

        // listing loads the right properties for each child
        StoredNode c = store.create(root.id(), NewNode.container("c", "bob").withQuota(10L));
        List<StoredNode> listed = store.listChildren(root.id(), ChildQuery.all());
        assertEquals(List.of("c", "ln", "obs.fits"), names(listed));
        assertEquals(Map.of(), listed.get(0).properties());
        assertEquals(10L, listed.get(0).quota());
        assertEquals(props, listed.get(2).properties());
        assertEquals(c, listed.get(0));
    }

    @Test
    void updateMetadataReplacesPropertiesAndFlags() {
        NewNode spec = new NewNode("n", NodeType.DATA, "bob", false, List.of("ivo://g?a"), List.of(), false,
                false, null, "text/plain", null, null, Map.of("custom:a", "1", "custom:b", "2"));
        StoredNode n = store.create(root.id(), spec);
        store.commitContent(n.id(), "blob-1", 42, "a".repeat(32), T1);
        n = get(n);

        StoredNode changed = n.withMetadata(true, List.of(), List.of("ivo://g?w1", "ivo://g?w2"), true, true,
                "application/json", "gzip", Map.of("custom:b", "two", "custom:c", "3")).withQuota(99L);
        StoredNode saved = store.updateMetadata(changed);
        assertEquals(Map.of("custom:b", "two", "custom:c", "3"), saved.properties());
        assertTrue(saved.isPublic());
        assertEquals(List.of(), saved.groupRead());
        assertEquals(List.of("ivo://g?w1", "ivo://g?w2"), saved.groupWrite());
        assertTrue(saved.locked());
        assertTrue(saved.inheritPermissions());
        assertEquals("application/json", saved.contentType());
        assertEquals("gzip", saved.contentEncoding());
        assertEquals(99L, saved.quota());
        // untouched: identity, placement, content, creation, and the date of the content
        assertEquals(ms(T1), saved.modified(), "metadata is not content: core#date stays");
        assertEquals(n.id(), saved.id());
        assertEquals(n.created(), saved.created());
        assertEquals(42, saved.length());
        assertEquals("blob-1", saved.blobId());
        assertEquals("a".repeat(32), saved.md5());
        assertEquals("bob", saved.owner());
        assertEquals(saved, get(n));

        // empty map clears every property; quota back to none
        StoredNode cleared = store.updateMetadata(saved.withMetadata(false, List.of(), List.of(), false, false,
                null, null, Map.of()).withQuota(null));
        assertEquals(Map.of(), cleared.properties());
        assertNull(cleared.quota());
        assertNull(cleared.contentType());
        assertFalse(cleared.locked());
        assertEquals(cleared, get(n));
    }

    // ------------------------------------------------------------------------------ content

    @Test
    void commitContentAddsToEveryAncestor() {
        StoredNode h = mkdir(root, "h");
        StoredNode d1 = mkdir(h, "d1");
        StoredNode d2 = mkdir(d1, "d2");
        StoredNode f = mkfile(d2, "f");
        StoredNode g = mkfile(d1, "g");
        StoredNode other = mkdir(root, "other");

        assertNull(store.commitContent(f.id(), "blob-f1", 1000, "f".repeat(32), T1));
        StoredNode fNow = get(f);
        assertEquals(1000, fNow.length());
        assertEquals("blob-f1", fNow.blobId());
        assertEquals("f".repeat(32), fNow.md5());
        assertEquals(ms(T1), fNow.modified());
        assertEquals(f.created(), fNow.created());
        assertEquals(1000, len(d2));
        assertEquals(1000, len(d1));
        assertEquals(1000, len(h));
        assertEquals(1000, len(root));
        assertEquals(0, len(other));

        assertNull(store.commitContent(g.id(), "blob-g1", 500, "9".repeat(32), T1));
        assertEquals(1000, len(d2));
        assertEquals(1500, len(d1));
        assertEquals(1500, len(h));
        assertEquals(1500, len(root));

        // replace with smaller content: returns the old blob id, ancestors shrink
        assertEquals("blob-f1", store.commitContent(f.id(), "blob-f2", 10, "e".repeat(32), T2));
        assertEquals(10, len(f));
        assertEquals(10, len(d2));
        assertEquals(510, len(d1));
        assertEquals(510, len(h));
        assertEquals(510, len(root));
        assertEquals(ms(T2), get(f).modified());

        // empty content
        assertEquals("blob-f2", store.commitContent(f.id(), null, 0, null, T2));
        assertEquals(500, len(root));
        assertNull(get(f).blobId());
        assertLengthsConsistent(store.root());

        assertThrows(IllegalArgumentException.class, () -> store.commitContent(d1.id(), "x", 1, null, T1));
        assertFault(Fault.NodeNotFound, () -> store.commitContent(f.id() + 1000, "x", 1, null, T1));
    }

    // --------------------------------------------------------------------------------- move

    @Test
    void renameWithinParent() {
        StoredNode d = mkdir(root, "d");
        StoredNode f = mkfile(d, "old");
        store.commitContent(f.id(), "b", 7, null, T1);
        StoredNode moved = store.move(f.id(), d.id(), "new name", T2);
        assertEquals(f.id(), moved.id());
        assertEquals("new name", moved.name());
        assertEquals(d.id(), moved.parentId());
        assertEquals(ms(T2), moved.modified());
        assertEquals("b", moved.blobId());
        assertEquals(List.of("new name"), names(store.listChildren(d.id(), ChildQuery.all())));
        assertTrue(store.findChild(d.id(), "old").isEmpty());
        assertEquals(7, len(d));
        assertEquals(7, len(root));
        // renaming onto itself is harmless
        assertEquals("new name", store.move(f.id(), d.id(), "new name", T2).name());
    }

    @Test
    void moveAcrossParentsAdjustsBothChainsAndKeepsTheSubtree() {
        StoredNode h = mkdir(root, "h");
        StoredNode d1 = mkdir(h, "d1");
        StoredNode d2 = mkdir(d1, "d2");
        StoredNode f = mkfile(d2, "f");
        StoredNode sub = mkdir(d2, "sub");
        StoredNode s = mkfile(sub, "s");
        StoredNode g = mkdir(root, "g");
        StoredNode gx = mkdir(g, "x");
        store.commitContent(f.id(), "bf", 100, null, T1);
        store.commitContent(s.id(), "bs", 20, null, T1);
        store.create(s.parentId(), new NewNode("p", NodeType.DATA, "alice", false, List.of(), List.of(), false,
                false, null, null, null, null, Map.of("custom:k", "v")));
        assertEquals(120, len(h));
        assertEquals(120, len(root));

        StoredNode moved = store.move(d2.id(), gx.id(), "d2-moved", T2);
        assertEquals(d2.id(), moved.id());
        assertEquals(gx.id(), moved.parentId());
        assertEquals(120, moved.length());
        assertEquals(0, len(d1));
        assertEquals(0, len(h));
        assertEquals(120, len(gx));
        assertEquals(120, len(g));
        assertEquals(120, len(root));
        // the subtree follows, ids unchanged
        List<StoredNode> walked = store.walk(path("/g/x/d2-moved/sub/s"));
        assertEquals(6, walked.size());
        assertEquals(s.id(), walked.get(5).id());
        assertEquals(sub.id(), walked.get(4).id());
        assertEquals(f.id(), store.walk(path("/g/x/d2-moved/f")).get(4).id());
        assertEquals(Map.of("custom:k", "v"), store.walk(path("/g/x/d2-moved/sub/p")).get(5).properties());
        assertEquals(3, store.walk(path("/h/d1/d2/f")).size());
        assertLengthsConsistent(store.root());

        // a file moved up across levels
        store.move(s.id(), h.id(), "s", T2);
        assertEquals(20, len(h));
        assertEquals(100, len(gx));
        assertEquals(120, len(root));
        assertLengthsConsistent(store.root());
    }

    /** A move into another home with a required owner: refused, nothing moved, while anything below is someone else's. */
    @Test
    void aMoveForOneOwnerIsRefusedWhileAnythingBelowIsAnothersAndChangesNothing() {
        StoredNode shared = mkdir(root, "shared");
        StoredNode bobs = store.create(shared.id(), NewNode.container("bobs", "bob"));
        store.create(bobs.id(), NewNode.data("his.txt", "bob"));
        StoredNode deep = store.create(bobs.id(), NewNode.container("deep", "bob"));
        StoredNode hers = store.create(deep.id(), NewNode.data("secret.txt", "alice"));
        StoredNode bobHome = store.create(root.id(), NewNode.container("bob", "bob"));
        VosFault fault = assertThrows(VosFault.class, () -> store.move(bobs.id(), bobHome.id(), "bobs", T2, "bob"));
        assertEquals(Fault.PermissionDenied, fault.fault());
        assertEquals(shared.id(), get(bobs).parentId());
        assertEquals(List.of(), store.listChildren(bobHome.id(), ChildQuery.all()));

        store.delete(hers.id()); // now all his
        store.move(bobs.id(), bobHome.id(), "bobs", T2, "bob");
        assertEquals(bobHome.id(), get(bobs).parentId());
        assertEquals(deep.id(), store.walk(path("/bob/bobs/deep")).get(3).id());
        assertLengthsConsistent(store.root());
    }

    @Test
    void moveOntoAnExistingNameIsRefusedAndChangesNothing() {
        StoredNode a = mkdir(root, "a");
        StoredNode b = mkdir(root, "b");
        StoredNode fa = mkfile(a, "f");
        StoredNode fb = mkfile(b, "f");
        store.commitContent(fa.id(), "ba", 5, null, T1);
        store.commitContent(fb.id(), "bb", 7, null, T1);
        VosFault fault = assertThrows(VosFault.class, () -> store.move(fa.id(), b.id(), "f", T2));
        assertEquals(Fault.DuplicateNode, fault.fault());
        assertTrue(fault.getMessage().contains("f"));
        assertEquals(5, len(a));
        assertEquals(7, len(b));
        assertEquals(12, len(root));
        assertEquals(a.id(), get(fa).parentId());
        assertFault(Fault.DuplicateNode, () -> store.move(a.id(), root.id(), "b", T2));
        assertLengthsConsistent(store.root());
    }

    @Test
    void moveIntoOwnSubtreeIsRefused() {
        StoredNode a = mkdir(root, "a");
        StoredNode b = mkdir(a, "b");
        StoredNode c = mkdir(b, "c");
        StoredNode f = mkfile(root, "f");
        assertFault(Fault.InvalidArgument, () -> store.move(a.id(), c.id(), "a", T1));
        assertFault(Fault.InvalidArgument, () -> store.move(a.id(), b.id(), "a", T1));
        assertFault(Fault.InvalidArgument, () -> store.move(a.id(), a.id(), "a2", T1));
        assertFault(Fault.InvalidArgument, () -> store.move(root.id(), a.id(), "r", T1));
        assertFault(Fault.ContainerNotFound, () -> store.move(b.id(), f.id(), "b", T1));
        assertFault(Fault.NodeNotFound, () -> store.move(f.id() + 1000, a.id(), "z", T1));
        assertEquals(List.of("", "a", "b", "c"), names(store.walk(path("/a/b/c"))));
    }

    // ------------------------------------------------------------------------------- delete

    @Test
    void deleteLeafShrinksAncestors() {
        StoredNode a = mkdir(root, "a");
        StoredNode b = mkdir(a, "b");
        StoredNode f = store.create(b.id(), new NewNode("f", NodeType.DATA, "alice", false, List.of(), List.of(),
                false, false, null, null, null, null, Map.of("custom:x", "y")));
        StoredNode g = mkfile(b, "g");
        store.commitContent(f.id(), "blob-f", 300, null, T1);
        store.commitContent(g.id(), "blob-g", 4, null, T1);
        assertEquals(304, len(root));

        assertEquals("blob-f", store.delete(f.id()));
        assertTrue(store.findById(f.id()).isEmpty());
        assertEquals(4, len(b));
        assertEquals(4, len(a));
        assertEquals(4, len(root));
        assertEquals(List.of("g"), names(store.listChildren(b.id(), ChildQuery.all())));

        // non-empty container refused, nothing changes
        assertThrows(IllegalStateException.class, () -> store.delete(b.id()));
        assertThrows(IllegalStateException.class, () -> store.delete(a.id()));
        assertEquals(4, len(root));
        assertTrue(store.findById(b.id()).isPresent());

        assertEquals("blob-g", store.delete(g.id()));
        assertNull(store.delete(b.id()));
        assertNull(store.delete(a.id()));
        assertEquals(0, len(root));
        assertEquals(0, store.countChildren(root.id()));
        // a new node may take a deleted one's name
        mkfile(root, "a");
        assertFault(Fault.NodeNotFound, () -> store.delete(a.id()));
        assertThrows(IllegalArgumentException.class, () -> store.delete(root.id()));
        StoredNode empty = mkfile(root, "empty");
        assertNull(store.delete(empty.id()));
    }

    @Test
    void referencedBlobIds() {
        StoredNode d = mkdir(root, "d");
        StoredNode f1 = mkfile(d, "1");
        StoredNode f2 = mkfile(d, "2");
        store.commitContent(f1.id(), "blob-1", 1, null, T1);
        store.commitContent(f2.id(), "blob-2", 2, null, T1);
        assertEquals(Set.of("blob-1", "blob-2"), store.referencedBlobIds(List.of("blob-1", "blob-2", "gone")));
        assertEquals(Set.of(), store.referencedBlobIds(List.of()));
        assertEquals(Set.of(), store.referencedBlobIds(List.of("gone")));
        store.delete(f1.id());
        assertEquals(Set.of("blob-2"), store.referencedBlobIds(Set.of("blob-1", "blob-2")));
        store.commitContent(f2.id(), "blob-3", 3, null, T1);
        assertEquals(Set.of("blob-3"), store.referencedBlobIds(List.of("blob-1", "blob-2", "blob-3")));
        // many ids at once
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            many.add("x-" + i);
        }
        many.add("blob-3");
        assertEquals(Set.of("blob-3"), store.referencedBlobIds(many));
    }

    // ---------------------------------------------------------------------------- concurrency

    @Test
    void concurrentCommitsAndMovesKeepLengthsExact() throws Exception {
        StoredNode top = mkdir(root, "top");
        StoredNode left = mkdir(top, "left");
        StoredNode right = mkdir(top, "right");
        StoredNode deep = mkdir(mkdir(left, "l2"), "l3");
        List<StoredNode> files = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            files.add(mkfile(i % 2 == 0 ? deep : right, "f" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                jobs.add(pool.submit(() -> {
                    Random rnd = new Random(thread);
                    for (int i = 0; i < 40; i++) {
                        StoredNode f = files.get(rnd.nextInt(files.size()));
                        store.commitContent(f.id(), "b" + thread + "-" + i, rnd.nextInt(1000), null, T1);
                    }
                    return null;
                }));
            }
            // two movers shuttle a whole subtree and single files between the two sides
            StoredNode l2 = store.walk(path("/top/left/l2")).get(3);
            jobs.add(pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    store.move(l2.id(), i % 2 == 0 ? right.id() : left.id(), "l2", T2);
                }
                return null;
            }));
            jobs.add(pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    StoredNode f = files.get(1);
                    store.move(f.id(), i % 2 == 0 ? left.id() : right.id(), "f1", T2);
                }
                return null;
            }));
            for (Future<?> j : jobs) {
                j.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long total = 0;
        for (StoredNode f : files) {
            total += len(f);
        }
        assertEquals(total, len(root));
        assertEquals(total, assertLengthsConsistent(store.root()));
        assertTreeConsistent();
        assertNotEquals(0, total);
    }

    @Test
    void createRacingTheDeleteOfItsParentNeverLeavesAnOrphan() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 100; i++) {
                StoredNode d = mkdir(root, "d" + i);
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
                Future<Boolean> created = pool.submit(() -> {
                    start.await();
                    try {
                        mkfile(d, "f");
                        return true;
                    } catch (VosFault e) {
                        assertEquals(Fault.ContainerNotFound, e.fault());
                        return false;
                    }
                });
                Future<Boolean> deleted = pool.submit(() -> {
                    start.await();
                    try {
                        store.delete(d.id());
                        return true;
                    } catch (IllegalStateException e) {
                        return false;
                    }
                });
                boolean c = created.get(30, TimeUnit.SECONDS);
                boolean del = deleted.get(30, TimeUnit.SECONDS);
                assertTrue(c ^ del, "exactly one of create (" + c + ") and delete (" + del + ") succeeds");
                assertEquals(c, store.walk(path("/d" + i + "/f")).size() == 3);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- sharing (shares)

    private StoredNode shared(StoredNode parent, String name, NodeType type, String owner, List<String> read,
            List<String> write) {
        return store.create(parent.id(), new NewNode(name, type, owner, false, read, write, false, false, null, null,
                null, null, Map.of()));
    }

    private static final String TEAM = "ivo://opencadc.org/gms?survey-team";

    /**
     * The "shared with me" query: nodes naming one of the groups (either list, any authority, the
     * exact name), not the caller's, not inside a folder that names them too; in id order, paged.
     */
    @Test
    void groupSharedFindsTheTopmostNodesNamingAGroup() {
        StoredNode home = mkdir(root, "alice");
        StoredNode team = shared(home, "team", NodeType.CONTAINER, "alice", List.of(TEAM), List.of());
        shared(team, "inside.txt", NodeType.DATA, "alice", List.of(TEAM), List.of());
        StoredNode drop = shared(home, "drop", NodeType.CONTAINER, "alice", List.of(), List.of(
                "ivo://cadc.nrc.ca/gms?other", "ivo://cadc.nrc.ca/gms?survey-team"));
        StoredNode nearMiss = shared(home, "near-miss", NodeType.DATA, "alice", List.of("ivo://opencadc.org/gms?survey-team2",
                "ivo://opencadc.org/gms?xsurvey-team", "ivo://opencadc.org/gms?survey_team"), List.of());
        StoredNode plain = mkdir(home, "plain");
        StoredNode deep = shared(plain, "deep.txt", NodeType.DATA, "alice", List.of(TEAM), List.of());
        StoredNode bobs = shared(home, "from-bob", NodeType.DATA, "bob", List.of(TEAM), List.of());

        List<String> team1 = List.of("survey-team");
        long top = Long.MAX_VALUE;
        assertEquals(List.of(bobs.id(), deep.id(), drop.id(), team.id()),
                store.groupShared(team1, "carol", top, 10).stream().map(StoredNode::id).toList(), "newest first");
        assertEquals(List.of(deep.id(), drop.id(), team.id()),
                store.groupShared(team1, "bob", top, 10).stream().map(StoredNode::id).toList(), "not bob's own");
        // paged by id
        assertEquals(List.of(deep.id(), drop.id()),
                store.groupShared(team1, "bob", top, 2).stream().map(StoredNode::id).toList());
        assertEquals(List.of(team.id()),
                store.groupShared(team1, "bob", drop.id(), 2).stream().map(StoredNode::id).toList());
        // '_' is no wildcard: survey_team names only itself
        assertEquals(List.of(nearMiss.id()),
                store.groupShared(List.of("survey_team"), "bob", top, 10).stream().map(StoredNode::id).toList());
        assertTrue(store.groupShared(List.of("survey%"), "bob", top, 10).isEmpty());
        assertTrue(store.groupShared(List.of(), "bob", top, 10).isEmpty());
        assertTrue(store.groupShared(List.of("nobody"), "bob", top, 10).isEmpty());

        List<StoredNode> chain = store.ancestry(deep.id());
        assertEquals(List.of(root.id(), home.id(), plain.id(), deep.id()), chain.stream().map(StoredNode::id).toList());
        assertEquals(List.of(TEAM), chain.get(3).groupRead());
        assertTrue(store.ancestry(987_654_321L).isEmpty());
    }

    @Test
    void shareLinksAreRecordedListedRevokedAndGoWithTheirNode() {
        ShareStore shares = (ShareStore) store;
        StoredNode home = mkdir(root, "alice");
        StoredNode f = mkfile(home, "f.txt");
        StoredNode g = mkfile(home, "g.txt");
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        ShareLink a = new ShareLink("aaa", f.id(), path("/alice/f.txt"), "0123456789abcdef0123456789abcdef", "alice",
                now, now.plusSeconds(3600), null);
        ShareLink b = new ShareLink("bbb", f.id(), path("/alice/f.txt"), null, "bob", now, now.plusSeconds(60), null);
        ShareLink c = new ShareLink("ccc", g.id(), path("/alice/g.txt"), null, "alice", now, now.plusSeconds(30), null);
        shares.insertShare(a);
        shares.insertShare(b);
        shares.insertShare(c);
        assertEquals(a, shares.findShare("aaa").orElseThrow());
        assertTrue(shares.findShare("zzz").isEmpty());
        assertEquals(List.of("ccc", "aaa"), shares.activeSharesBy("alice", now, 10).stream().map(ShareLink::id).toList());
        assertEquals(List.of("bbb", "aaa"), shares.activeSharesOf(f.id(), now, 10).stream().map(ShareLink::id).toList());
        assertEquals(2, shares.countActiveSharesBy("alice", now));
        // expired ones are not active
        assertEquals(List.of("aaa"), shares.activeSharesBy("alice", now.plusSeconds(30), 10).stream()
                .map(ShareLink::id).toList());

        assertTrue(shares.revokeShare("aaa", now.plusSeconds(5)));
        assertFalse(shares.revokeShare("aaa", now.plusSeconds(6)), "once");
        assertFalse(shares.revokeShare("zzz", now));
        assertEquals(now.plusSeconds(5), shares.findShare("aaa").orElseThrow().revoked());
        assertFalse(shares.findShare("aaa").orElseThrow().activeAt(now.plusSeconds(6)));
        assertEquals(List.of("ccc"), shares.activeSharesBy("alice", now, 10).stream().map(ShareLink::id).toList());

        // rows of links that expired long ago are purged, revoked or not; the others stay
        assertEquals(0, shares.purgeShares(now.plusSeconds(30)));
        assertEquals(1, shares.purgeShares(now.plusSeconds(31)));
        assertTrue(shares.findShare("ccc").isEmpty());
        assertTrue(shares.findShare("aaa").isPresent());
        shares.insertShare(c);

        store.delete(f.id()); // a node with links can be deleted; its links go with it
        assertTrue(shares.findShare("bbb").isEmpty());
        assertTrue(shares.findShare("aaa").isEmpty());
        assertEquals(1, shares.countActiveSharesBy("alice", now));
        assertFault(Fault.NodeNotFound, () -> shares.insertShare(new ShareLink("ddd", f.id(), path("/alice/f.txt"),
                null, "alice", now, now.plusSeconds(60), null)));
    }

    // ------------------------------------------------------------------------------ search

    private StoredNode mkfile(StoredNode parent, String name, Map<String, String> props) {
        NewNode n = NewNode.data(name, "alice");
        return store.create(parent.id(), new NewNode(n.name(), n.type(), n.owner(), false, List.of(), List.of(),
                false, false, null, null, null, null, props));
    }

    private List<String> found(String under, String name, List<SearchQuery.PropCondition> props) {
        return store.search(new SearchQuery(under, null, name, props, 100)).stream()
                .map(f -> f.node().name()).sorted().toList();
    }

    private static final String OBJECT = "ivo://vosportal.org/fits#OBJECT";
    private static final String EXPTIME = "ivo://vosportal.org/fits#EXPTIME";

    /** Search finds by name and property values in a whole subtree, and only there. */
    @Test
    void searchFindsByNameAndPropertiesBelowAFolder() {
        StoredNode home = mkdir(root, "alice");
        StoredNode obs = mkdir(home, "obs");
        StoredNode night = mkdir(obs, "Night1");
        mkfile(night, "NGC1365_a.fits", Map.of(OBJECT, "NGC1365", EXPTIME, "600"));
        mkfile(night, "ngc1365_b.fits", Map.of(OBJECT, "NGC1365", EXPTIME, "120.5"));
        mkfile(obs, "m31.fits", Map.of(OBJECT, "M31", EXPTIME, "1e3"));
        StoredNode other = mkdir(root, "bob");
        mkfile(other, "ngc1365_c.fits", Map.of(OBJECT, "NGC1365", EXPTIME, "900"));
        String homePath = store.treePathOf(home.id());
        assertEquals(store.treePathOf(root.id()) + home.id() + "/", homePath);

        // substring of the name, case-insensitively, everywhere below the home (not the root's other home)
        assertEquals(List.of("NGC1365_a.fits", "ngc1365_b.fits"), found(homePath, "%ngc1365%", List.of()));
        assertEquals(List.of("m31.fits"), found(homePath, "m%.fits", List.of()));
        assertEquals(List.of("NGC1365_a.fits", "ngc1365_b.fits", "ngc1365_c.fits"),
                found(store.treePathOf(root.id()), "%ngc1365%", List.of()));
        // the folder itself is not a hit of its own search
        assertEquals(List.of(), found(store.treePathOf(night.id()), "night1", List.of()));
        assertEquals(List.of("Night1"), found(homePath, "night1", List.of()));

        // property equality, numeric comparison (600, 1e3 > 300; 120.5 is not), both together
        SearchQuery.PropCondition ngc = new SearchQuery.PropCondition(OBJECT, SearchQuery.Op.EQ, "NGC1365", null);
        SearchQuery.PropCondition longer = new SearchQuery.PropCondition(EXPTIME, SearchQuery.Op.GT, null, 300.0);
        assertEquals(List.of("NGC1365_a.fits", "ngc1365_b.fits"), found(homePath, null, List.of(ngc)));
        assertEquals(List.of("NGC1365_a.fits", "m31.fits"), found(homePath, null, List.of(longer)));
        assertEquals(List.of("NGC1365_a.fits"), found(homePath, null, List.of(ngc, longer)));
        assertEquals(List.of("ngc1365_b.fits"), found(homePath, null,
                List.of(new SearchQuery.PropCondition(EXPTIME, SearchQuery.Op.LE, null, 120.5))));
        assertEquals(3, found(homePath, null, List.of(new SearchQuery.PropCondition(OBJECT, SearchQuery.Op.ANY,
                null, null))).size());

        // a property change is searchable at once
        StoredNode m31 = store.findChild(obs.id(), "m31.fits").orElseThrow();
        Map<String, String> props = new HashMap<>(m31.properties());
        props.put(OBJECT, "NGC1365");
        store.updateMetadata(new StoredNode(m31.id(), m31.parentId(), m31.name(), m31.type(), m31.owner(),
                m31.isPublic(), m31.groupRead(), m31.groupWrite(), m31.locked(), m31.inheritPermissions(),
                m31.linkTarget(), m31.length(), m31.md5(), m31.contentType(), m31.contentEncoding(), m31.blobId(),
                m31.quota(), m31.created(), m31.modified(), props));
        assertEquals(List.of("NGC1365_a.fits", "m31.fits", "ngc1365_b.fits"), found(homePath, null, List.of(ngc)));
    }

    /** A moved folder takes its subtree along; a renamed one keeps it. Pages continue from the cursor. */
    @Test
    void searchFollowsMovesAndPages() {
        StoredNode a = mkdir(root, "a");
        StoredNode b = mkdir(root, "b");
        StoredNode sub = mkdir(a, "sub");
        StoredNode deeper = mkdir(sub, "deeper");
        for (int i = 0; i < 7; i++) {
            mkfile(deeper, "f" + i + ".txt");
        }
        store.move(sub.id(), b.id(), "moved", Instant.now());
        assertEquals(List.of(), found(store.treePathOf(a.id()), "%.txt", List.of()));
        assertEquals(7, found(store.treePathOf(b.id()), "%.txt", List.of()).size());
        assertTrue(store.treePathOf(deeper.id()).startsWith(store.treePathOf(b.id())));

        String under = store.treePathOf(b.id());
        List<String> all = new ArrayList<>();
        String after = null;
        for (int round = 0; round < 10; round++) {
            List<NodeStore.Found> page = store.search(new SearchQuery(under, after, "%.txt", List.of(), 3));
            page.forEach(f -> all.add(f.node().name()));
            if (page.size() < 3) {
                break;
            }
            after = page.get(page.size() - 1).treePath();
        }
        // every hit once (tree-path order compares ids as text: not necessarily the names' order)
        assertEquals(7, all.size());
        assertEquals(List.of("f0.txt", "f1.txt", "f2.txt", "f3.txt", "f4.txt", "f5.txt", "f6.txt"),
                all.stream().sorted().toList());
        // the ids of a hit's path, root first
        NodeStore.Found hit = store.search(new SearchQuery(under, null, "f0.txt", List.of(), 1)).get(0);
        assertEquals(List.of(root.id(), b.id(), sub.id(), deeper.id(), hit.node().id()), hit.ids());
    }

    /** Only whole values that are numbers compare as numbers; the rest never match a comparison. */
    @Test
    void numbersAreWholeValuesOnly() {
        assertEquals(300.0, JdbcNodeStore.numberOf("300"));
        assertEquals(-1.5e-3, JdbcNodeStore.numberOf("-1.5e-3"));
        assertEquals(0.5, JdbcNodeStore.numberOf(".5"));
        assertNull(JdbcNodeStore.numberOf("300 s"));
        assertNull(JdbcNodeStore.numberOf("1e400"));
        assertNull(JdbcNodeStore.numberOf("NaN"));
        assertNull(JdbcNodeStore.numberOf(""));
        StoredNode home = mkdir(root, "alice");
        mkfile(home, "x", Map.of(EXPTIME, "300 s"));
        mkfile(home, "y", Map.of(EXPTIME, "301"));
        assertEquals(List.of("y"), found(store.treePathOf(home.id()), null,
                List.of(new SearchQuery.PropCondition(EXPTIME, SearchQuery.Op.GE, null, 300.0))));
    }

    // ------------------------------------------------------------------------ units of work

    /** Several operations in one unit commit together, each seeing the writes before it. */
    @Test
    void aUnitCommitsAllItsOperationsTogether() {
        StoredNode home = store.create(root.id(), NewNode.container("u", "alice").withQuota(3 * COST + 100));
        StoredNode f = store.inTransaction(tx -> {
            StoredNode d = tx.create(home.id(), NewNode.container("d", "alice"));
            StoredNode made = tx.create(d.id(), NewNode.data("f", "alice"));
            assertNull(tx.commitContent(made.id(), "blob-f", 100, "b".repeat(32), T1));
            assertEquals(100, tx.findById(d.id()).orElseThrow().length()); // its own writes
            assertEquals(3 * COST + 100, tx.usage(home.id()));
            return tx.findById(made.id()).orElseThrow();
        });
        assertEquals("blob-f", f.blobId());
        assertEquals(100, f.length());
        assertEquals(ms(T1), f.modified());
        assertEquals(f, store.walk(path("/u/d/f")).get(3));
        assertEquals(100, len(root));
        assertTreeConsistent();
    }

    /** The second operation of a unit fails: the first is rolled back with it. */
    @Test
    void twoOperationsInOneUnitRollBackTogetherWhenTheSecondFails() {
        StoredNode home = store.create(root.id(), NewNode.container("u", "alice").withQuota(2 * COST + 50));
        assertFault(Fault.QuotaExceeded, () -> store.inTransaction(tx -> {
            StoredNode made = tx.create(home.id(), NewNode.data("f", "alice"));
            return tx.commitContent(made.id(), "blob-f", 51, null, T1); // one byte too many
        }));
        assertEquals(List.of(), store.listChildren(home.id(), ChildQuery.all()));
        assertEquals(COST, store.usage(home.id()));
        assertFault(Fault.DuplicateNode, () -> store.inTransaction(tx -> {
            tx.create(home.id(), NewNode.container("d", "alice"));
            return tx.create(home.id(), NewNode.data("d", "alice"));
        }));
        assertEquals(0, store.countChildren(home.id()));
        StoredNode keep = mkfile(home, "keep");
        RuntimeException mine = new RuntimeException("the unit's own failure");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> store.inTransactionDo(tx -> {
            tx.delete(keep.id());
            throw mine;
        }));
        assertTrue(thrown == mine, "the unit's own exception comes out unchanged: " + thrown);
        assertTrue(store.findById(keep.id()).isPresent());
        assertTreeConsistent();
    }

    /**
     * A failed operation fails the unit even when the unit's code catches it: later operations
     * are refused, and the unit rolls back and rethrows the failure.
     */
    @Test
    void aFailureCaughtInsideTheUnitStillRollsItBack() {
        StoredNode home = mkdir(root, "u");
        boolean[] refusedAfter = {false};
        VosFault f = assertThrows(StoreRefusal.AlreadyExists.class, () -> store.inTransaction(tx -> {
            tx.create(home.id(), NewNode.data("a", "alice"));
            try {
                tx.create(home.id(), NewNode.data("a", "alice"));
            } catch (StoreRefusal.AlreadyExists e) {
                // swallowed on purpose
            }
            try {
                tx.create(home.id(), NewNode.data("b", "alice"));
            } catch (IllegalStateException e) {
                refusedAfter[0] = true;
            }
            return "done";
        }));
        assertEquals(Fault.DuplicateNode, f.fault());
        assertTrue(refusedAfter[0], "an operation after a failed one is refused");
        assertEquals(0, store.countChildren(home.id()));
    }

    /** A conflict re-runs the whole unit from the start; what the first run did is gone. */
    @Test
    void aRetryReRunsTheWholeUnit() {
        StoredNode home = mkdir(root, "u");
        int[] runs = {0};
        StoredNode made = store.inTransaction(tx -> {
            runs[0]++;
            StoredNode n = tx.create(home.id(), NewNode.data("run" + runs[0], "alice"));
            tx.commitContent(n.id(), "blob-" + runs[0], 10, null, T1);
            if (runs[0] == 1) {
                throw new NodeStoreException.Retryable("a conflict, as a serialization failure would be");
            }
            return n;
        });
        assertEquals(2, runs[0]);
        assertEquals("run2", made.name());
        assertEquals(List.of("run2"), names(store.listChildren(home.id(), ChildQuery.all())));
        assertEquals(10, len(home));
        assertEquals(Set.of("blob-2"), store.referencedBlobIds(List.of("blob-1", "blob-2")));
        assertTreeConsistent();
    }

    /** A unit that keeps meeting conflicts is given up (Busy) after a few runs, nothing kept. */
    @Test
    void aUnitThatKeepsConflictingIsGivenUpWithNothingKept() {
        StoredNode home = mkdir(root, "u");
        int[] runs = {0};
        assertThrows(NodeStoreException.Busy.class, () -> store.inTransactionDo(tx -> {
            runs[0]++;
            tx.create(home.id(), NewNode.data("run" + runs[0], "alice"));
            throw new NodeStoreException.Retryable("always a conflict");
        }));
        assertTrue(runs[0] > 1 && runs[0] <= 10, runs[0] + " runs");
        assertEquals(0, store.countChildren(home.id()));
    }

    /** Store calls made on the unit's thread while it runs, and nested units, join it. */
    @Test
    void storeCallsInsideAUnitJoinIt() {
        StoredNode home = mkdir(root, "u");
        assertThrows(IllegalStateException.class, () -> store.inTransactionDo(tx -> {
            StoredNode d = store.create(home.id(), NewNode.container("d", "alice"));
            store.inTransactionDo(inner -> inner.create(d.id(), NewNode.data("f", "alice")));
            assertEquals(4, tx.walk(path("/u/d/f")).size()); // root, u, d, f
            throw new IllegalStateException("roll it all back");
        }));
        assertEquals(0, store.countChildren(home.id()));
        assertEquals(2, store.walk(path("/u/d/f")).size()); // root, u
    }

    /** Units changing lengths concurrently serialise: every total stays exact. */
    @Test
    void concurrentUnitsKeepLengthsExact() throws Exception {
        StoredNode a = mkdir(root, "a");
        StoredNode b = mkdir(root, "b");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                StoredNode dir = t % 2 == 0 ? a : b;
                int thread = t;
                all.add(pool.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        String name = "f" + thread + "-" + i;
                        store.inTransactionDo(tx -> {
                            StoredNode f = tx.create(dir.id(), NewNode.data(name, "alice"));
                            tx.commitContent(f.id(), "blob-" + name, 7, null, T1);
                        });
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(30 * 7, len(a));
        assertEquals(30 * 7, len(b));
        assertEquals(60 * 7, len(root));
        assertLengthsConsistent(store.root());
        assertTreeConsistent();
    }

    /** Each refusal has its kind, and each kind its VOSpace fault. */
    @Test
    void refusalsAreTypedByKind() {
        StoredNode home = store.create(root.id(), NewNode.container("u", "alice").withQuota(3 * COST));
        StoredNode d = mkdir(home, "d");
        StoredNode f = mkfile(d, "f");
        assertEquals(Fault.DuplicateNode, assertThrows(StoreRefusal.AlreadyExists.class, () -> mkfile(d, "f")).fault());
        assertEquals(Fault.ContainerNotFound, assertThrows(StoreRefusal.ParentGone.class, () -> mkfile(f, "x")).fault());
        assertEquals(Fault.NodeNotFound, assertThrows(StoreRefusal.NotFound.class,
                () -> store.commitContent(f.id() + 1000, "b", 1, null, T1)).fault());
        assertEquals(Fault.QuotaExceeded, assertThrows(StoreRefusal.QuotaExceeded.class, () -> mkfile(d, "g")).fault());
        assertEquals(Fault.PermissionDenied, assertThrows(StoreRefusal.NotOwner.class,
                () -> store.move(d.id(), root.id(), "d", T2, "bob")).fault());
        assertEquals(Fault.InvalidArgument, assertThrows(StoreRefusal.Invalid.class,
                () -> store.move(d.id(), d.id(), "d", T2)).fault());
        assertEquals(Fault.InvalidArgument, assertThrows(StoreRefusal.Invalid.class,
                () -> store.updateMetadata(f.withMetadata(false, List.of(), List.of(), false, false, null, null,
                        Map.of("", "v")))).fault());
        assertEquals("d", assertThrows(ContainerNotEmpty.class, () -> store.delete(d.id())).name());
    }
}
