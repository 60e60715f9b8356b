package org.vosportal.service.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Blobs as files under {@code <dataDir>/blobs/<2 hex>/<uuid>}; uploads land in
 * {@code <dataDir>/tmp} first and are renamed into place (same file system, atomic).
 */
public class LocalBlobStore implements BlobStore, LocalFiles, ServerSideCopy {

    private static final Logger LOG = Logger.getLogger(LocalBlobStore.class);
    private static final Pattern BLOB_ID = Pattern.compile("[0-9a-f]{32}");

    private final Path blobs;
    private final Path tmp;
    private final TemporaryFiles temporaries;

    public LocalBlobStore(Path dataDir) throws IOException {
        this.blobs = dataDir.resolve("blobs");
        this.tmp = dataDir.resolve("tmp");
        this.temporaries = new TemporaryFiles(tmp, "*");
        Files.createDirectories(blobs);
        Files.createDirectories(tmp);
    }

    /** The blob and temporary directories can be written; the usable space of their file system. */
    @Override
    public long probe() throws IOException {
        for (Path dir : new Path[] {blobs, tmp}) {
            if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
                throw new IOException(dir + " is not a writable directory");
            }
        }
        return Files.getFileStore(blobs).getUsableSpace();
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    public BlobPut begin() throws IOException {
        return begin(Md5.fast());
    }

    @Override
    public BlobPut beginResumable() throws IOException {
        return begin(Md5.resumable());
    }

    private BlobPut begin(Md5 digest) throws IOException {
        Path file = tmp.resolve(newId() + ".part");
        try {
            Files.createFile(file);
        } catch (IOException e) {
            throw StorageFullException.classify(e);
        }
        return new LocalBlobPut(this, file, this::write, digest);
    }

    /** The temporary file the state names, in this store's tmp/ (shared with the instance that suspended it). */
    @Override
    public BlobPut resume(String state) throws IOException {
        return LocalBlobPut.resume(this, tmp, state, this::write);
    }

    /** One positional write of an upload block (a test double fails it to act out a full disk). */
    protected int write(FileChannel out, ByteBuffer block, long position) throws IOException {
        return out.write(block, position);
    }

    /** Renames a finished temporary file into place under a new id. */
    String place(Path temporary) throws IOException {
        String id = newId();
        Path target = file(id);
        Files.createDirectories(target.getParent());
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target);
        }
        return id;
    }

    @Override
    public Path file(String blobId) {
        if (blobId == null || !BLOB_ID.matcher(blobId).matches()) {
            throw new IllegalArgumentException("bad blob id");
        }
        return blobs.resolve(blobId.substring(0, 2)).resolve(blobId);
    }

    @Override
    public InputStream open(String blobId, long offset, long length) throws IOException {
        FileChannel ch = FileChannel.open(file(blobId), StandardOpenOption.READ); // NoSuchFileException when missing
        ch.position(offset);
        InputStream in = Channels.newInputStream(ch);
        return length < 0 ? in : new BoundedInputStream(in, length);
    }

    @Override
    public SeekableByteChannel channel(String blobId) throws IOException {
        return FileChannel.open(file(blobId), StandardOpenOption.READ);
    }

    @Override
    public void delete(String blobId) {
        if (blobId == null) {
            return;
        }
        try {
            Files.deleteIfExists(file(blobId));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("could not delete blob %s: %s", blobId, e.getMessage());
        }
    }

    /** A hard link where the file system allows, else a copy of the file. */
    @Override
    public String copy(String blobId) throws IOException {
        String id = newId();
        Path target = file(id);
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, file(blobId));
        } catch (UnsupportedOperationException | FileAlreadyExistsException | NoSuchFileException e) {
            throw e instanceof IOException io ? io : new IOException(e);
        } catch (IOException e) {
            Files.copy(file(blobId), target);
        }
        return id;
    }

    @Override
    public Set<String> list() throws IOException {
        return ids(f -> true);
    }

    /** Renamed into place keeps the temporary file's times: its last write is the put's last append. */
    @Override
    public Set<String> committedBetween(Instant from, Instant until) throws IOException {
        return ids(f -> {
            try {
                Instant t = Files.getLastModifiedTime(f).toInstant();
                return !t.isBefore(from) && !t.isAfter(until);
            } catch (IOException e) {
                return false; // gone meanwhile
            }
        });
    }

    private Set<String> ids(Predicate<Path> which) throws IOException {
        Set<String> ids = new HashSet<>();
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(blobs)) {
            for (Path shard : shards) {
                if (!Files.isDirectory(shard)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
                    for (Path f : files) {
                        String name = f.getFileName().toString();
                        if (BLOB_ID.matcher(name).matches() && which.test(f)) {
                            ids.add(name);
                        }
                    }
                }
            }
        }
        return ids;
    }

    @Override
    public Set<String> temporary() throws IOException {
        return temporaries.names();
    }

    @Override
    public int sweepTemporary(Duration olderThan, Set<String> spared) throws IOException {
        return temporaries.sweep(olderThan, spared);
    }

    @Override
    public Set<String> heldBy(String state) {
        return LocalBlobPut.heldBy(state);
    }
}
