package org.vosportal.service.blob.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;
import org.vosportal.service.blob.BlobPut;
import org.vosportal.service.blob.BlobTooLargeException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * A put into S3 with bounded memory and disk: bytes are hashed and written to a local spool file
 * until it holds a part ({@code partSize}), which is then uploaded as the next part of a
 * multipart upload while the following bytes arrive (one part in flight). A put that ends
 * within the first part becomes one PutObject. The state before the last append is kept
 * (the number of parts, and the spool as it was, in its own file once a part has left it), so
 * a failed append and a segment revert restore it exactly: parts beyond are simply not listed
 * when the upload completes.
 */
final class S3BlobPut implements BlobPut {

    private static final Logger LOG = Logger.getLogger(S3BlobPut.class);
    private static final int BUFFER = 256 * 1024;
    private static final ExecutorService PARTS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "s3-part-upload");
        t.setDaemon(true);
        return t;
    });

    /** What {@link #undoLastAppend} returns to. */
    private record State(int parts, Path spool, long spoolLength, MessageDigest digest, long length) {
    }

    private final S3BlobStore store;
    private Path spool;
    private long spoolLength;
    private MessageDigest digest = BlobPut.newMd5();
    private long length;
    private String id;
    private String uploadId;
    private final List<CompletedPart> parts = new ArrayList<>();
    private Future<CompletedPart> inFlight;
    private State undo;
    private boolean finished;

    S3BlobPut(S3BlobStore store, Path spool) {
        this.store = store;
        this.spool = spool;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public MessageDigest digest() {
        return BlobPut.copyOf(digest);
    }

    @Override
    public String name() {
        return spool.getFileName().toString();
    }

    @Override
    public void append(InputStream in, long maxBytes) throws IOException {
        forgetUndo();
        State before = new State(parts.size(), spool, spoolLength, digest, length);
        MessageDigest md = digest();
        long total = length;
        byte[] buf = new byte[BUFFER];
        FileChannel out = FileChannel.open(spool, StandardOpenOption.WRITE);
        try {
            int n;
            while ((n = in.readNBytes(buf, 0, (int) Math.min(buf.length, store.partSize - spoolLength))) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new BlobTooLargeException(maxBytes);
                }
                md.update(buf, 0, n);
                ByteBuffer block = ByteBuffer.wrap(buf, 0, n);
                while (block.hasRemaining()) {
                    spoolLength += out.write(block, spoolLength);
                }
                if (spoolLength >= store.partSize) {
                    out.close();
                    sendPart(spool, spoolLength, spool == before.spool()); // the earlier spool is kept for undo
                    spool = store.newSpoolFile();
                    spoolLength = 0;
                    out = FileChannel.open(spool, StandardOpenOption.WRITE);
                }
            }
            out.close();
            awaitPart(); // a failed part fails this append, not a later one
        } catch (IOException | RuntimeException e) {
            closeQuietly(out);
            restore(before);
            throw e;
        }
        undo = before;
        digest = md;
        length = total;
    }

    @Override
    public boolean canUndo() {
        return undo != null;
    }

    @Override
    public void undoLastAppend() throws IOException {
        if (undo == null) {
            throw new IllegalStateException("no append to undo");
        }
        restore(undo);
        undo = null;
    }

    /** Back to {@code s}: its parts, its spool file at its length, its digest. */
    private void restore(State s) throws IOException {
        try {
            awaitPart();
        } catch (IOException | RuntimeException ignored) {
            // that part is dropped anyway
        }
        while (parts.size() > s.parts()) {
            parts.remove(parts.size() - 1);
        }
        if (!spool.equals(s.spool())) {
            Files.deleteIfExists(spool);
            spool = s.spool();
        }
        try (FileChannel ch = FileChannel.open(spool, StandardOpenOption.WRITE)) {
            ch.truncate(s.spoolLength());
        }
        spoolLength = s.spoolLength();
        digest = s.digest();
        length = s.length();
    }

    /** The spool file kept for an undo is not needed once another append begins. */
    private void forgetUndo() {
        if (undo != null && !undo.spool().equals(spool)) {
            deleteQuietly(undo.spool());
        }
        undo = null;
    }

    /** Uploads {@code file} as the next part, after the part before it has arrived. */
    private void sendPart(Path file, long size, boolean keepFile) throws IOException {
        awaitPart();
        if (uploadId == null) {
            id = store.newId();
            String key = store.key(id);
            try {
                uploadId = store.s3.createMultipartUpload(b -> b.bucket(store.bucket).key(key)).uploadId();
            } catch (SdkException e) {
                throw new IOException("S3 refused a new upload: " + e.getMessage(), e);
            }
        }
        int number = parts.size() + 1;
        String key = store.key(id);
        String upload = uploadId;
        inFlight = PARTS.submit(() -> {
            try {
                String etag = store.s3.uploadPart(b -> b.bucket(store.bucket).key(key).uploadId(upload)
                        .partNumber(number).contentLength(size), RequestBody.fromFile(file)).eTag();
                return CompletedPart.builder().partNumber(number).eTag(etag).build();
            } finally {
                if (!keepFile) {
                    deleteQuietly(file);
                }
            }
        });
    }

    private void awaitPart() throws IOException {
        if (inFlight == null) {
            return;
        }
        Future<CompletedPart> f = inFlight;
        inFlight = null;
        try {
            parts.add(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("upload interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof IOException io ? io : new IOException("S3 refused a part: " + c.getMessage(), c);
        }
    }

    @Override
    public String commit() throws IOException {
        if (finished) {
            throw new IllegalStateException("this put is finished");
        }
        try {
            awaitPart();
            if (uploadId != null && parts.isEmpty()) { // every part was undone: start over as one object
                abortUpload();
            }
            if (uploadId == null) { // it all fits one part: one PutObject, its MD5 checked by S3
                String newId = store.newId();
                String md5 = Base64.getEncoder().encodeToString(md5());
                store.s3.putObject(b -> b.bucket(store.bucket).key(store.key(newId)).contentLength(spoolLength)
                        .contentMD5(md5), RequestBody.fromFile(spool));
                id = newId;
            } else {
                if (spoolLength > 0) {
                    sendPart(spool, spoolLength, true);
                    awaitPart();
                }
                store.complete(store.key(id), uploadId, List.copyOf(parts));
            }
        } catch (SdkException e) {
            throw new IOException("S3 refused the upload: " + e.getMessage(), e);
        }
        finished = true;
        cleanUp();
        return id;
    }

    @Override
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            awaitPart();
        } catch (IOException | RuntimeException ignored) {
            // aborted anyway
        }
        abortUpload();
        cleanUp();
    }

    private void abortUpload() {
        if (uploadId == null) {
            return;
        }
        String key = store.key(id);
        String upload = uploadId;
        uploadId = null;
        try {
            store.s3.abortMultipartUpload(b -> b.bucket(store.bucket).key(key).uploadId(upload));
        } catch (SdkException e) {
            LOG.warnf("could not abort the S3 upload of %s (the sweep will): %s", id, e.getMessage());
        }
    }

    private void cleanUp() {
        deleteQuietly(spool);
        if (undo != null) {
            deleteQuietly(undo.spool());
        }
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            LOG.warnf("could not remove the upload spool %s: %s", f.getFileName(), e.getMessage());
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // the append fails anyway
        }
    }
}
