package org.vosportal.service.preview;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.vosportal.fits.CountingChannel;
import org.vosportal.fits.Previews;
import org.vosportal.service.ServiceConfig;
import org.vosportal.service.store.StoredNode;

/**
 * Previews made once: {@code {data-dir}/previews/{node id}/{md5}-{size}.png}. The key holds the
 * node and its bytes' MD5, so a file whose bytes change gets a new preview (its older ones are
 * removed when the new one is written) and a second request reads no byte of the file. Written
 * to a temporary name and moved into place, so a reader never sees half a PNG; two requests for
 * the same missing preview make it once.
 */
@ApplicationScoped
public class PreviewCache {

    /** A preview and whether it was already there. */
    public record Entry(Path file, boolean hit, long bytesRead) {
    }

    @Inject
    ServiceConfig config;

    @Inject
    org.vosportal.service.store.NodeStore store;

    @Inject
    org.vosportal.service.cluster.ThisInstance instance;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "vospace.service.preview-sweep-every", defaultValue = "1h")
    java.time.Duration sweepEvery;

    private final ConcurrentHashMap<String, Object> making = new ConcurrentHashMap<>();

    /** The hourly (and start-up) sweep against the node store. */
    @io.quarkus.scheduler.Scheduled(every = "${vospace.service.preview-sweep-every:1h}", delayed = "10s",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        if (!instance.once("preview-sweep", sweepEvery)) {
            return; // the previews are shared: another instance sweeps them in this period
        }
        try {
            int removed = sweep(ids -> store.byIds(ids).values().stream().filter(StoredNode::isData)
                    .map(StoredNode::id).collect(java.util.stream.Collectors.toSet()));
            if (removed > 0) {
                org.jboss.logging.Logger.getLogger(PreviewCache.class).infof("removed %d previews of files gone", removed);
            }
        } catch (IOException | RuntimeException e) {
            org.jboss.logging.Logger.getLogger(PreviewCache.class).warnf("preview sweep failed: %s", e.toString());
        }
    }

    protected Path root() {
        return Path.of(config.dataDir(), "previews");
    }

    /**
     * What a preview's file name starts with for the node's current bytes (then "-{size}.png"):
     * their MD5, or the length and time of change when there is none.
     */
    public static String key(StoredNode n) {
        return n.md5() == null || n.md5().isBlank() ? "len" + n.length() + "-" + n.modified().toEpochMilli()
                : n.md5().toLowerCase(java.util.Locale.ROOT).replaceAll("[^0-9a-f]", "");
    }

    /** Whether a file of a node's preview directory is a temporary one an interrupted write left. */
    public static boolean temporary(String fileName) {
        return fileName.startsWith(".tmp-");
    }

    /** Whether a file of a node's preview directory is a preview of the bytes {@link #key} names. */
    public static boolean current(String fileName, String key) {
        return fileName.startsWith(key + "-") && fileName.endsWith(".png");
    }

    /**
     * What the cache holds, for the consistency check: the files of every node's directory
     * ({@code previews/{id}/}), by node id, names sorted. Other entries of {@code previews/} are
     * not the cache's and are left out (the sweep leaves them too).
     */
    public java.util.SortedMap<Long, java.util.List<String>> inventory() throws IOException {
        java.util.SortedMap<Long, java.util.List<String>> out = new java.util.TreeMap<>();
        for (java.util.Map.Entry<Long, Path> d : nodeDirs().entrySet()) {
            java.util.List<String> files = new java.util.ArrayList<>();
            try (DirectoryStream<Path> in = Files.newDirectoryStream(d.getValue())) {
                for (Path f : in) {
                    files.add(f.getFileName().toString());
                }
            }
            java.util.Collections.sort(files);
            out.put(d.getKey(), files);
        }
        return out;
    }

    /** The directory of each node that has one, by id (none when there is no cache yet). */
    private java.util.Map<Long, Path> nodeDirs() throws IOException {
        java.util.Map<Long, Path> dirs = new java.util.HashMap<>();
        Path root = root();
        if (!Files.isDirectory(root)) {
            return dirs;
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(root)) {
            for (Path d : all) {
                String name = d.getFileName().toString();
                if (Files.isDirectory(d) && name.matches("\\d{1,18}")) {
                    dirs.put(Long.parseLong(name), d);
                }
            }
        }
        return dirs;
    }

    /** Opens a blob's bytes for random access (only when the preview is not cached yet). */
    @FunctionalInterface
    public interface BlobOpener {
        SeekableByteChannel open() throws IOException;
    }

    /** The preview of this node's bytes ({@code blob}); {@link org.vosportal.fits.FitsRefusal} when it has none. */
    public Entry get(StoredNode n, BlobOpener blob, int size) throws IOException {
        String md5 = key(n);
        Path dir = root().resolve(Long.toString(n.id()));
        Path file = dir.resolve(md5 + "-" + size + ".png");
        if (Files.isRegularFile(file)) {
            return new Entry(file, true, 0);
        }
        String key = file.toString();
        Object lock = making.computeIfAbsent(key, k -> new Object());
        try {
            synchronized (lock) {
                if (Files.isRegularFile(file)) {
                    return new Entry(file, true, 0);
                }
                byte[] png;
                long read;
                try (SeekableByteChannel ch = blob.open()) {
                    CountingChannel in = new CountingChannel(ch);
                    png = Previews.png(Previews.render(in, size));
                    read = in.bytesRead();
                }
                Files.createDirectories(dir);
                removeOthers(dir, md5);
                Path tmp = dir.resolve(".tmp-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
                Files.write(tmp, png);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return new Entry(file, false, read);
            }
        } finally {
            making.remove(key, lock);
        }
    }

    /**
     * Removes the previews of nodes that are gone (or are no longer files) and the temporary files
     * an interrupted write left; {@code files} answers which of some ids are still files. Hourly
     * and at start (ServiceBeans): otherwise every deleted file would keep its pictures.
     */
    public int sweep(java.util.function.Function<java.util.Collection<Long>, java.util.Set<Long>> files)
            throws IOException {
        java.util.Map<Long, Path> dirs = nodeDirs();
        int removed = 0;
        java.util.List<Long> ids = new java.util.ArrayList<>(dirs.keySet());
        for (int i = 0; i < ids.size(); i += 500) {
            java.util.List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + 500));
            java.util.Set<Long> alive = files.apply(chunk);
            for (Long id : chunk) {
                Path d = dirs.get(id);
                try (DirectoryStream<Path> in = Files.newDirectoryStream(d)) {
                    for (Path f : in) {
                        if (!alive.contains(id) || temporary(f.getFileName().toString())) {
                            Files.deleteIfExists(f);
                            removed++;
                        }
                    }
                }
                if (!alive.contains(id)) {
                    Files.deleteIfExists(d);
                }
            }
        }
        return removed;
    }

    /** Previews of the node's earlier bytes. */
    private static void removeOthers(Path dir, String md5) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "*.png")) {
            for (Path p : old) {
                if (!p.getFileName().toString().startsWith(md5 + "-")) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
