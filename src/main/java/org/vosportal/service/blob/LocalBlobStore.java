package org.vosportal.service.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Blobs as files under {@code <dataDir>/blobs/<2 hex>/<uuid>}; uploads land in
 * {@code <dataDir>/tmp} first and are renamed into place (same file system, atomic).
 */
public class LocalBlobStore implements BlobStore {

    private static final Logger LOG = Logger.getLogger(LocalBlobStore.class);
    private static final int BUFFER = 256 * 1024;
    private static final Pattern BLOB_ID = Pattern.compile("[0-9a-f]{32}");

    private final Path blobs;
    private final Path tmp;

    public LocalBlobStore(Path dataDir) throws IOException {
        this.blobs = dataDir.resolve("blobs");
        this.tmp = dataDir.resolve("tmp");
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

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    public PendingBlob receive(InputStream in, long maxBytes) throws IOException {
        PendingBlob pending = begin();
        try {
            return append(pending, in, maxBytes);
        } catch (IOException | RuntimeException e) {
            // append only truncates (a segment keeps the earlier ones); a new upload owns its file
            discard(pending);
            throw e;
        }
    }

    @Override
    public PendingBlob begin() throws IOException {
        Path file = tmp.resolve(newId() + ".part");
        try {
            Files.createFile(file);
        } catch (IOException e) {
            throw StorageFullException.classify(e);
        }
        return new PendingBlob(file, newMd5(), 0);
    }

    /**
     * Copies {@code in} to the end of the pending file while hashing it. The MD5 (the costliest
     * part of an upload, about 1.6 s per GiB here) and the file write overlap: one block is hashed
     * on this thread while the block before it is written by {@link #WRITER}, through two
     * buffers that take turns.
     */
    @Override
    public PendingBlob append(PendingBlob pending, InputStream in, long maxBytes) throws IOException {
        MessageDigest md = pending.digestCopy();
        long total = pending.length();
        byte[][] buffers = {new byte[BUFFER], new byte[BUFFER]};
        int turn = 0;
        Future<?> writing = null;
        // positional writes from the pending length on: a tail left by an earlier failed segment
        // (should its truncation have failed) is overwritten, and cut off at commit
        try (FileChannel out = FileChannel.open(pending.file(), StandardOpenOption.WRITE)) {
            int n;
            while ((n = fill(in, buffers[turn])) > 0) {
                long at = total;
                total += n;
                if (total > maxBytes) {
                    throw new BlobTooLargeException(maxBytes);
                }
                md.update(buffers[turn], 0, n);
                finish(writing); // the other buffer is free again once its write is done
                ByteBuffer block = ByteBuffer.wrap(buffers[turn], 0, n);
                writing = WRITER.submit(() -> {
                    for (long p = at; block.hasRemaining(); ) {
                        p += write(out, block, p);
                    }
                    return null;
                });
                turn ^= 1;
            }
            finish(writing);
            writing = null;
        } catch (IOException e) {
            quietly(writing); // the writer is done (or failed on the closed channel) before the cut
            // a failed segment never leaves a half-written tail behind
            truncate(pending.file(), pending.length());
            throw StorageFullException.classify(e);
        } catch (RuntimeException e) {
            quietly(writing);
            truncate(pending.file(), pending.length());
            throw e;
        }
        return new PendingBlob(pending.file(), md, total);
    }

    /** One positional write of an upload block (a test double fails it to act out a full disk). */
    protected int write(FileChannel out, ByteBuffer block, long position) throws IOException {
        return out.write(block, position);
    }

    /** Writes of upload blocks, off the thread that hashes them (daemon threads, made as needed). */
    private static final ExecutorService WRITER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "blob-writer");
        t.setDaemon(true);
        return t;
    });

    /** Reads until {@code buf} is full or the stream ends; the number of bytes read, 0 at the end. */
    private static int fill(InputStream in, byte[] buf) throws IOException {
        int n = 0;
        while (n < buf.length) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    private static void finish(Future<?> writing) throws IOException {
        if (writing == null) {
            return;
        }
        try {
            writing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("upload interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    private static void quietly(Future<?> writing) {
        try {
            finish(writing);
        } catch (IOException ignored) {
            // the upload fails anyway; only its end matters here
        }
    }

    private static void truncate(Path file, long length) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(length);
        } catch (IOException e) {
            LOG.warnf("could not truncate %s: %s", file.getFileName(), e.getMessage());
        }
    }

    @Override
    public PendingBlob revert(PendingBlob pending, PendingBlob earlier) throws IOException {
        truncate(pending.file(), earlier.length());
        return earlier;
    }

    @Override
    public String commit(PendingBlob pending) throws IOException {
        String id = newId();
        Path target = path(id);
        Files.createDirectories(target.getParent());
        try (FileChannel ch = FileChannel.open(pending.file(), StandardOpenOption.WRITE)) {
            ch.truncate(pending.length()); // nothing beyond what was hashed and counted
            ch.force(true); // bytes on disk before the database points at them
        } catch (IOException e) {
            throw StorageFullException.classify(e);
        }
        try {
            Files.move(pending.file(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(pending.file(), target);
        }
        return id;
    }

    @Override
    public void discard(PendingBlob pending) {
        if (pending == null) {
            return;
        }
        try {
            Files.deleteIfExists(pending.file());
        } catch (IOException e) {
            LOG.warnf("could not remove temporary upload %s: %s", pending.file().getFileName(), e.getMessage());
        }
    }

    @Override
    public Path path(String blobId) {
        if (!BLOB_ID.matcher(blobId).matches()) {
            throw new IllegalArgumentException("bad blob id");
        }
        return blobs.resolve(blobId.substring(0, 2)).resolve(blobId);
    }

    @Override
    public InputStream open(String blobId) throws IOException {
        return Files.newInputStream(path(blobId));
    }

    @Override
    public void delete(String blobId) {
        if (blobId == null) {
            return;
        }
        try {
            Files.deleteIfExists(path(blobId));
        } catch (IOException e) {
            LOG.warnf("could not delete blob %s: %s", blobId, e.getMessage());
        }
    }

    @Override
    public String copy(String blobId) throws IOException {
        String id = newId();
        Path target = path(id);
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, path(blobId));
        } catch (UnsupportedOperationException | FileAlreadyExistsException | NoSuchFileException e) {
            throw e instanceof IOException io ? io : new IOException(e);
        } catch (IOException e) {
            Files.copy(path(blobId), target);
        }
        return id;
    }

    @Override
    public Set<String> list() throws IOException {
        Set<String> ids = new HashSet<>();
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(blobs)) {
            for (Path shard : shards) {
                if (!Files.isDirectory(shard)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
                    for (Path f : files) {
                        String name = f.getFileName().toString();
                        if (BLOB_ID.matcher(name).matches()) {
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
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
            for (Path f : files) {
                names.add(f.getFileName().toString());
            }
        }
        return names;
    }

    @Override
    public int sweepTemporary() throws IOException {
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
                n++;
            }
        }
        return n;
    }
}
