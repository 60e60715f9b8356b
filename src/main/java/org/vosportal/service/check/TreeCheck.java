package org.vosportal.service.check;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import org.vosportal.service.blob.BlobStore;
import org.vosportal.service.preview.PreviewCache;
import org.vosportal.service.store.NodeCost;
import org.vosportal.service.store.NodeStore;
import org.vosportal.service.store.NodeOperations.ScannedNode;
import org.vosportal.service.store.StoredNode;

/**
 * The consistency check of the stored tree and its bytes, as a crash must leave them: every node
 * hangs below the root through containers; every container's length is the sum of its
 * children's and its metadata cost that of its subtree; no home is over its quota; every file's
 * blob exists with the recorded length and MD5; no blob belongs to no node; no temporary upload
 * is left; every preview in {@code {data-dir}/previews/} is of a file that exists and of its current
 * bytes, and none is half-written. Like orphan blobs, such previews are reported, not removed (the
 * service's hourly preview sweep removes those of files gone and the half-written ones; a preview
 * of earlier bytes is never served, and goes when the file's next preview is made). Run it with the
 * service stopped (or idle): it reads everything once.
 */
@ApplicationScoped
public class TreeCheck {

    @Inject
    NodeStore store;

    @Inject
    BlobStore blobs;

    @Inject
    PreviewCache previews;

    /** What the check found: the problems (empty when consistent) and what it looked at. */
    public record Report(List<String> problems, long nodes, long blobs, long previews) {
        public boolean consistent() {
            return problems.isEmpty();
        }
    }

    /** One node's facts kept for the checks after the scan. */
    private record Facts(Long parentId, String name, boolean container, long length, long meta, long ownCost,
            Long quota, long childCount) {
    }

    public Report run() throws IOException {
        List<String> problems = new ArrayList<>();
        Map<Long, Facts> nodes = new HashMap<>();
        Map<Long, long[]> childSums = new HashMap<>();
        Set<String> referenced = new HashSet<>();
        SortedMap<Long, List<String>> cached = previews.inventory();
        Map<Long, String> previewKeys = new HashMap<>(); // of the files that have a preview directory
        store.scan(s -> {
            StoredNode n = s.node();
            nodes.put(n.id(), new Facts(n.parentId(), n.name(), n.isContainer(), n.length(), s.metaLength(),
                    NodeCost.of(n), n.quota(), s.childCount()));
            if (n.parentId() != null) {
                long[] sum = childSums.computeIfAbsent(n.parentId(), k -> new long[3]);
                sum[0] += n.length();
                sum[1] += s.metaLength();
                sum[2]++;
            }
            if (n.isData()) {
                if (cached.containsKey(n.id())) {
                    previewKeys.put(n.id(), PreviewCache.key(n));
                }
                checkContent(n, problems);
                if (n.blobId() != null) {
                    referenced.add(n.blobId());
                }
            } else if (n.blobId() != null) {
                problems.add(describe(n) + " is a " + n.type().xsiType() + " with content " + n.blobId());
            }
        });
        long roots = 0;
        for (Map.Entry<Long, Facts> e : nodes.entrySet()) {
            Facts f = e.getValue();
            String what = "node " + e.getKey() + " '" + f.name() + "'";
            if (f.parentId() == null) {
                roots++;
            } else if (!nodes.containsKey(f.parentId())) {
                problems.add(what + ": its parent " + f.parentId() + " does not exist");
            } else if (!nodes.get(f.parentId()).container()) {
                problems.add(what + ": its parent " + f.parentId() + " is not a container");
            }
            long[] sum = childSums.getOrDefault(e.getKey(), new long[3]);
            if (f.childCount() != sum[2]) {
                problems.add(what + ": counted " + f.childCount() + " children, has " + sum[2]);
            }
            if (f.container() && f.length() != sum[0]) {
                problems.add(what + ": length " + f.length() + ", its children hold " + sum[0]);
            }
            if (f.meta() != f.ownCost() + sum[1]) {
                problems.add(what + ": metadata cost " + f.meta() + ", its subtree costs " + (f.ownCost() + sum[1]));
            }
            if (f.quota() != null && f.length() + f.meta() > f.quota()) {
                problems.add(what + ": " + (f.length() + f.meta()) + " bytes used, over its quota of " + f.quota());
            }
        }
        if (roots != 1) {
            problems.add(roots + " roots (nodes without a parent), not 1");
        }
        problems.addAll(unreachable(nodes));
        Set<String> all = blobs.list();
        for (String blob : new TreeSet<>(all)) {
            if (!referenced.contains(blob)) {
                problems.add("blob " + blob + " belongs to no node");
            }
        }
        for (String tmp : new TreeSet<>(blobs.temporary())) {
            problems.add("temporary upload " + tmp + " left behind");
        }
        long previewFiles = 0;
        for (Map.Entry<Long, List<String>> e : cached.entrySet()) {
            Long id = e.getKey();
            String key = previewKeys.get(id);
            Facts node = nodes.get(id);
            for (String file : e.getValue()) {
                previewFiles++;
                String what = "preview previews/" + id + "/" + file;
                if (PreviewCache.temporary(file)) {
                    problems.add("half-written " + what + " left behind");
                } else if (key == null) {
                    problems.add(what + " belongs to no file: node " + id
                            + (node == null ? " is gone" : " '" + node.name() + "' is not a file"));
                } else if (!PreviewCache.current(file, key)) {
                    problems.add(what + " is not of the current bytes of node " + id + " '" + node.name() + "' ("
                            + key + ")");
                }
            }
        }
        return new Report(List.copyOf(problems), nodes.size(), all.size(), previewFiles);
    }

    private void checkContent(StoredNode n, List<String> problems) {
        if (n.blobId() == null) {
            if (n.length() != 0 || n.md5() != null) {
                problems.add(describe(n) + ": length " + n.length() + " and MD5 " + n.md5() + " but no content");
            }
            return;
        }
        MessageDigest md = md5();
        long length = 0;
        try (InputStream in = blobs.open(n.blobId())) {
            byte[] buf = new byte[256 * 1024];
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
                length += r;
            }
        } catch (java.nio.file.NoSuchFileException e) {
            problems.add(describe(n) + ": its blob " + n.blobId() + " is missing");
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (length != n.length()) {
            problems.add(describe(n) + ": blob " + n.blobId() + " holds " + length + " bytes, the node says "
                    + n.length());
        }
        String actual = java.util.HexFormat.of().formatHex(md.digest());
        if (n.md5() != null && !n.md5().equals(actual)) {
            problems.add(describe(n) + ": blob " + n.blobId() + " has MD5 " + actual + ", the node says " + n.md5());
        }
    }

    /** Nodes whose parent chain goes round in a cycle instead of reaching the root. */
    private static List<String> unreachable(Map<Long, Facts> nodes) {
        Set<Long> rooted = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (Long start : nodes.keySet()) {
            List<Long> path = new ArrayList<>();
            Long at = start;
            while (at != null && !rooted.contains(at) && nodes.containsKey(at) && path.size() <= nodes.size()) {
                path.add(at);
                at = nodes.get(at).parentId();
            }
            if (at == null || rooted.contains(at)) {
                rooted.addAll(path);
            } else if (nodes.containsKey(at)) {
                out.add("node " + start + " '" + nodes.get(start).name() + "' is not below the root (a cycle)");
            } // else: a missing parent, reported already
        }
        return out;
    }

    private static String describe(StoredNode n) {
        return "node " + n.id() + " '" + n.name() + "'";
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
