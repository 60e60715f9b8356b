package org.vosportal.service.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * A put into a temporary file of {@link LocalBlobStore}, renamed into place on commit. Its
 * {@link #suspend} state names that file (the store's tmp/ is shared by the instances that share
 * the disk) with the length, MD5 and undo point: the file holds the rest.
 */
final class LocalBlobPut implements BlobPut {

    private static final Logger LOG = Logger.getLogger(LocalBlobPut.class);
    static final int BUFFER = 256 * 1024;

    /** One positional write of an upload block (a test double fails it to act out a full disk). */
    @FunctionalInterface
    interface BlockWriter {
        int write(FileChannel out, ByteBuffer block, long position) throws IOException;
    }

    /** Writes of upload blocks, off the thread that hashes them (daemon threads, made as needed). */
    private static final ExecutorService WRITER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "blob-writer");
        t.setDaemon(true);
        return t;
    });

    static final String STORE = "local";
    /** The names {@link LocalBlobStore#begin} gives: a bare name, never a path. */
    static final Pattern FILE_NAME = Pattern.compile("[0-9a-f]{32}\\.part");
    static final Set<String> KEYS = Set.of("file", "length", "md5", "undo.length", "undo.md5");

    private final LocalBlobStore store;
    private final Path file;
    private final BlockWriter writer;
    private Md5 digest;
    private long length;
    /** The state before the last successful append, for {@link #undoLastAppend}; null when none. */
    private Md5 undoDigest;
    private long undoLength = -1;
    private boolean finished;
    /** Let go of ({@link #release}): the put goes on elsewhere. */
    private boolean released;

    LocalBlobPut(LocalBlobStore store, Path file, BlockWriter writer, Md5 digest) {
        this.store = store;
        this.file = file;
        this.writer = writer;
        this.digest = digest;
    }

    /** The name of the file in tmp/ that the put {@code state} describes writes to. */
    static Set<String> heldBy(String state) {
        return Set.of(PutState.parse(state, STORE, KEYS).get("file", FILE_NAME));
    }

    /** The put {@code state} describes, its file in {@code tmp} (the store's tmp/). */
    static LocalBlobPut resume(LocalBlobStore store, Path tmp, String state, BlockWriter writer) throws IOException {
        PutState s = PutState.parse(state, STORE, KEYS);
        Path file = tmp.resolve(s.get("file", FILE_NAME));
        long length = s.number("length", Long.MAX_VALUE);
        Md5 md5 = s.md5("md5");
        LocalBlobPut put = new LocalBlobPut(store, file, writer, md5);
        put.length = length;
        if (s.has("undo.length")) {
            put.undoLength = s.number("undo.length", length);
            put.undoDigest = s.md5("undo.md5");
        } else if (s.has("undo.md5")) {
            throw new IllegalArgumentException("the upload state has an undo MD5 but no undo length");
        }
        long size;
        try {
            size = Files.size(file); // NoSuchFileException once committed, aborted or swept
        } catch (java.nio.file.NoSuchFileException e) {
            throw new java.nio.file.NoSuchFileException(file.getFileName().toString(), null,
                    "the upload's temporary file is gone (committed, aborted or swept)");
        }
        if (size < length) {
            throw new IOException("the upload's temporary file " + put.name() + " holds " + size
                    + " bytes, fewer than the " + length + " its state says");
        }
        return put;
    }

    Path file() {
        return file;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public byte[] md5() {
        return digest.value();
    }

    @Override
    public boolean appendable() {
        return digest.takesBytes();
    }

    /** The file's name, the length, the MD5 state, and the undo point's if there is one. */
    @Override
    public String suspend() {
        usable();
        PutState s = PutState.of(STORE).with("file", name()).with("length", length).with("md5", digest.state());
        if (canUndo()) {
            s.with("undo.length", undoLength).with("undo.md5", undoDigest.state());
        }
        return s.text();
    }

    /** Nothing to let go of but this object: the file is the put's, wherever it goes on. */
    @Override
    public void release() {
        released = true;
    }

    private void usable() {
        if (released) {
            throw new IllegalStateException("this put was released: it goes on where it was resumed");
        }
        if (finished) {
            throw new IllegalStateException("this put is finished");
        }
    }

    @Override
    public String name() {
        return file.getFileName().toString();
    }

    /**
     * Copies {@code in} to the end of the file while hashing it. The MD5 (the costliest part of an
     * upload, about 1.6 s per GiB here) and the file write overlap: one block is hashed on this
     * thread while the block before it is written by {@link #WRITER}, through two buffers that
     * take turns.
     */
    @Override
    public void append(InputStream in, long maxBytes) throws IOException {
        usable();
        if (!appendable()) {
            throw new IllegalStateException("this put was resumed from its MD5 value alone: it takes no more bytes");
        }
        Md5 md = digest.copy();
        long total = length;
        byte[][] buffers = {new byte[BUFFER], new byte[BUFFER]};
        int turn = 0;
        Future<?> writing = null;
        // positional writes from the current length on: a tail left by an earlier failed append
        // (should its truncation have failed) is overwritten, and cut off at commit
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
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
                        p += writer.write(out, block, p);
                    }
                    return null;
                });
                turn ^= 1;
            }
            finish(writing);
            writing = null;
        } catch (IOException e) {
            quietly(writing); // the writer is done (or failed on the closed channel) before the cut
            truncate(length); // a failed append never leaves a half-written tail behind
            throw StorageFullException.classify(e);
        } catch (RuntimeException e) {
            quietly(writing);
            truncate(length);
            throw e;
        }
        undoDigest = digest;
        undoLength = length;
        digest = md;
        length = total;
    }

    @Override
    public boolean canUndo() {
        return undoLength >= 0;
    }

    @Override
    public void undoLastAppend() throws IOException {
        usable();
        if (!canUndo()) {
            throw new IllegalStateException("no append to undo");
        }
        truncate(undoLength);
        digest = undoDigest;
        length = undoLength;
        undoDigest = null;
        undoLength = -1;
    }

    @Override
    public String commit() throws IOException {
        usable();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(length); // nothing beyond what was hashed and counted
            ch.force(true); // bytes on disk before the database points at them
        } catch (IOException e) {
            throw StorageFullException.classify(e);
        }
        String id = store.place(file);
        finished = true;
        return id;
    }

    @Override
    public void abort() {
        if (finished || released) { // released: the file belongs to whoever resumed the put
            return;
        }
        finished = true;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("could not remove temporary upload %s: %s", name(), e.getMessage());
        }
    }

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
            // the append fails anyway; only its end matters here
        }
    }

    private void truncate(long to) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(to);
        } catch (IOException e) {
            LOG.warnf("could not truncate %s: %s", name(), e.getMessage());
        }
    }
}
