package org.vosportal.service.arc;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import org.vosportal.vospace.InvalidNameException;
import org.vosportal.vospace.VosPath;

/**
 * The real directory tree under {@code arc.root}, walked so that no symbolic link leads out of it
 * and nothing can be swapped between a check and its use: each step opens the next directory
 * relative to the one already open, without following links ({@link SecureDirectoryStream}:
 * {@code openat(2)} with {@code O_NOFOLLOW} on Linux). A link anywhere on the way is refused; a
 * directory renamed or replaced by a link after it was opened is not followed, since its handle
 * still names the directory that was checked.
 */
public final class ArcTree {

    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Path root;

    /** The tree at {@code root}; refused where the file system cannot walk without following links. */
    public ArcTree(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        try (DirectoryStream<Path> probe = Files.newDirectoryStream(this.root)) {
            if (!(probe instanceof SecureDirectoryStream)) {
                throw new IOException("the file system of " + this.root + " cannot open directories relative to"
                        + " one another (no openat): ARC refuses to run on it");
            }
        }
    }

    public Path root() {
        return root;
    }

    /** A directory of the tree held open: what is read or listed through it stays inside it. */
    public static final class Dir implements Closeable {
        private final SecureDirectoryStream<Path> handle;
        private final VosPath path;

        private Dir(SecureDirectoryStream<Path> handle, VosPath path) {
            this.handle = handle;
            this.path = path;
        }

        public VosPath path() {
            return path;
        }

        @Override
        public void close() throws IOException {
            handle.close();
        }
    }

    /** One entry of a directory as the file system has it; {@code usable} false for a name the API refuses. */
    public record Entry(String name, Kind kind, long size, java.time.Instant modified, boolean usable) {
    }

    public enum Kind { DIRECTORY, FILE, LINK, OTHER }

    /** A page of a listing: entries in name order, and whether more follow. */
    public record Page(List<Entry> entries, boolean more) {
    }

    /** Opens the directory at {@code path}, one step at a time from the root, following no link. */
    public Dir directory(VosPath path) throws IOException {
        @SuppressWarnings("unchecked")
        SecureDirectoryStream<Path> at = (SecureDirectoryStream<Path>) Files.newDirectoryStream(root);
        VosPath walked = VosPath.ROOT;
        try {
            for (String name : path.names()) {
                walked = walked.child(name);
                SecureDirectoryStream<Path> next = step(at, name, walked);
                at.close();
                at = next;
            }
            return new Dir(at, walked);
        } catch (IOException | RuntimeException e) {
            at.close();
            throw e;
        }
    }

    private static SecureDirectoryStream<Path> step(SecureDirectoryStream<Path> at, String name, VosPath walked)
            throws IOException {
        Entry e = entry(at, name);
        if (e == null) {
            throw new ArcRefusal.NotFound(walked + " does not exist");
        }
        if (e.kind() == Kind.LINK) {
            throw new ArcRefusal.LinkRefused(walked + " is a symbolic link; ARC does not follow links");
        }
        if (e.kind() != Kind.DIRECTORY) {
            throw new ArcRefusal.NotADirectory(walked + " is not a folder");
        }
        try {
            return at.newDirectoryStream(Path.of(name), NO_FOLLOW);
        } catch (NoSuchFileException gone) {
            throw new ArcRefusal.NotFound(walked + " does not exist");
        } catch (AccessDeniedException denied) {
            throw denied;
        } catch (FileSystemException swapped) {
            // replaced by a file or a link between the look and the open (O_NOFOLLOW: ELOOP)
            throw new ArcRefusal.LinkRefused(walked + " changed while it was opened; ARC does not follow links");
        }
    }

    /** The entry {@code name} of {@code dir}, never following a link; null when there is none. */
    public Entry entry(Dir dir, String name) throws IOException {
        return entry(dir.handle, name);
    }

    private static Entry entry(SecureDirectoryStream<Path> at, String name) throws IOException {
        BasicFileAttributes a;
        try {
            a = at.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, NO_FOLLOW).readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
        Kind kind = a.isSymbolicLink() ? Kind.LINK : a.isDirectory() ? Kind.DIRECTORY
                : a.isRegularFile() ? Kind.FILE : Kind.OTHER;
        return new Entry(name, kind, a.size(), a.lastModifiedTime().toInstant(), usable(name));
    }

    /** Whether the API can name it (files written on the shell may carry names VOSpace refuses). */
    static boolean usable(String name) {
        try {
            VosPath.checkName(name);
            return true;
        } catch (InvalidNameException e) {
            return false;
        }
    }

    /**
     * Up to {@code limit} entries of {@code dir} whose names come after {@code after} (null: from
     * the first), in name order. One pass over the directory holding at most {@code limit + 1}
     * entries, so a directory of any size lists page by page in bounded memory.
     */
    public Page list(Dir dir, String after, int limit) throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        // the largest of the smallest names seen so far on top, so it is the one dropped
        PriorityQueue<String> smallest = new PriorityQueue<>(Collections.reverseOrder());
        try (SecureDirectoryStream<Path> listing = dir.handle.newDirectoryStream(Path.of("."), NO_FOLLOW)) {
            for (Path p : listing) {
                String name = p.getFileName().toString();
                if (after != null && name.compareTo(after) <= 0) {
                    continue;
                }
                if (smallest.size() <= limit) {
                    smallest.add(name);
                } else if (name.compareTo(smallest.peek()) < 0) {
                    smallest.poll();
                    smallest.add(name);
                }
            }
        }
        List<String> names = new ArrayList<>(smallest);
        Collections.sort(names);
        boolean more = names.size() > limit;
        List<Entry> entries = new ArrayList<>(Math.min(names.size(), limit));
        for (String name : names.subList(0, Math.min(names.size(), limit))) {
            Entry e = entry(dir.handle, name);
            if (e != null) { // removed meanwhile: not listed
                entries.add(e);
            }
        }
        return new Page(entries, more);
    }

    /** Reads the file {@code name} of {@code dir}; a link is refused, not followed. */
    public SeekableByteChannel read(Dir dir, String name) throws IOException {
        Entry e = entry(dir.handle, name);
        if (e == null) {
            throw new ArcRefusal.NotFound(dir.path.child(name) + " does not exist");
        }
        if (e.kind() != Kind.FILE) {
            throw e.kind() == Kind.LINK
                    ? new ArcRefusal.LinkRefused(dir.path.child(name) + " is a symbolic link; ARC does not follow links")
                    : new ArcRefusal.NotAFile(dir.path.child(name) + " is not a file");
        }
        try {
            return dir.handle.newByteChannel(Path.of(name), Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException gone) {
            throw new ArcRefusal.NotFound(dir.path.child(name) + " does not exist");
        } catch (AccessDeniedException denied) {
            throw denied;
        } catch (FileSystemException swapped) {
            throw new ArcRefusal.LinkRefused(dir.path.child(name) + " changed while it was opened; ARC does not follow links");
        }
    }
}
