package org.vosportal.service.blob.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.vosportal.service.blob.BlobPut;
import org.vosportal.service.blob.BlobTooLargeException;
import org.vosportal.service.blob.Md5;
import org.vosportal.service.blob.PutState;
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
 *
 * <p>{@link #suspend} makes the put resumable by any instance using the bucket: the spool's
 * bytes (less than a part) go to a tail object under {@code {prefix}tails/}, one per suspend
 * point, and the state names the multipart upload, its parts' ETags, and the tails of the
 * current and the undo point. A tail no state of this put needs any more is deleted at the next
 * suspend, and all at commit or abort; those of abandoned puts are swept with the unfinished
 * multipart uploads ({@link S3BlobStore#sweepTemporary}).
 */
final class S3BlobPut implements BlobPut {

    private static final Logger LOG = Logger.getLogger(S3BlobPut.class);
    private static final int BUFFER = 256 * 1024;
    private static final ExecutorService PARTS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "s3-part-upload");
        t.setDaemon(true);
        return t;
    });

    static final String STORE = "s3";
    private static final Set<String> KEYS = Set.of("put", "blob", "upload", "parts", "length", "md5", "tail",
            "tail.length", "undo.parts", "undo.length", "undo.md5", "undo.tail", "undo.tail.length");
    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
    /** Printable ASCII but space and comma (S3's ETags are quoted hex). */
    private static final Pattern ETAGS = Pattern.compile("([!-+\\--~]{1,200}(,[!-+\\--~]{1,200})*)?");
    private static final Pattern UPLOAD_ID = Pattern.compile("[!-~]{1,1024}");
    /** S3's largest part number. */
    private static final int MAX_PARTS = 10_000;

    /**
     * A state of the put: what {@link #undoLastAppend} returns to. The bytes after its last part
     * are in {@code spool} (its first {@code spoolLength}; null when they are only in the tail
     * object, for an undo point resumed from a suspend) and, once suspended, in the tail object
     * {@code tail} (null until then).
     */
    private record State(int parts, Path spool, long spoolLength, Md5 digest, long length, String tail) {
        State withTail(String t) {
            return new State(parts, spool, spoolLength, digest, length, t);
        }
    }

    private final S3BlobStore store;
    /** Names this put's tail objects, whichever instance uploads them. */
    private final String token;
    private Path spool;
    private long spoolLength;
    private Md5 digest;
    private long length;
    /** The tail object that holds the spool's bytes; null while they are only local. */
    private String tail;
    private String id;
    private String uploadId;
    private final List<CompletedPart> parts = new ArrayList<>();
    private Future<CompletedPart> inFlight;
    private State undo;
    /** The tail objects that may exist: deleted once neither the current state nor the undo point needs them. */
    private final Set<String> tails = new HashSet<>();
    private boolean finished;
    private boolean released;

    S3BlobPut(S3BlobStore store, Path spool, Md5 digest) {
        this(store, store.newToken(), spool, digest);
    }

    private S3BlobPut(S3BlobStore store, String token, Path spool, Md5 digest) {
        this.store = store;
        this.token = token;
        this.spool = spool;
        this.digest = digest;
    }

    /** The names of the tail objects of the put {@code token} ({@link S3BlobStore#newTailName}). */
    private static Pattern tailNames(String token) {
        return Pattern.compile(Pattern.quote(token) + "-[0-9]{1,19}-[0-9a-f]{8}");
    }

    /** The multipart upload and tail objects ({@link S3BlobStore#temporary()} names) the put {@code text} describes holds. */
    static Set<String> heldBy(String text) {
        PutState s = PutState.parse(text, STORE, KEYS);
        Pattern tailName = tailNames(s.get("put", HEX32));
        Set<String> held = new HashSet<>();
        if (s.has("upload")) {
            held.add(s.get("blob", HEX32) + "#" + s.get("upload", UPLOAD_ID));
        }
        for (String t : List.of("tail", "undo.tail")) {
            if (s.has(t)) {
                held.add(s.get(t, tailName));
            }
        }
        return held;
    }

    /** The put {@code text} describes, its tail fetched into a fresh spool file. */
    static S3BlobPut resume(S3BlobStore store, String text) throws IOException {
        PutState s = PutState.parse(text, STORE, KEYS);
        String token = s.get("put", HEX32);
        Pattern tailName = tailNames(token);
        String etags = s.get("parts", ETAGS);
        List<String> tags = etags.isEmpty() ? List.of() : List.of(etags.split(","));
        if (tags.size() > MAX_PARTS) {
            throw new IllegalArgumentException("the upload state has more parts than S3 allows");
        }
        String id = null;
        String uploadId = null;
        if (s.has("upload") || s.has("blob")) {
            id = s.get("blob", HEX32);
            uploadId = s.get("upload", UPLOAD_ID);
        } else if (!tags.isEmpty()) {
            throw new IllegalArgumentException("the upload state has parts but no multipart upload");
        }
        long length = s.number("length", Long.MAX_VALUE);
        String tail = s.get("tail", tailName);
        long tailLength = s.number("tail.length", Math.min(length, store.partSize - 1));
        Md5 md5 = s.md5("md5");
        State undo = null;
        if (s.has("undo.length")) {
            long undoLength = s.number("undo.length", length);
            undo = new State((int) s.number("undo.parts", tags.size()), null,
                    s.number("undo.tail.length", Math.min(undoLength, store.partSize - 1)), s.md5("undo.md5"),
                    undoLength, s.get("undo.tail", tailName));
        } else if (s.has("undo.parts") || s.has("undo.md5") || s.has("undo.tail") || s.has("undo.tail.length")) {
            throw new IllegalArgumentException("the upload state has half an undo point");
        }

        Path spool = store.newSpoolFile();
        try {
            store.fetchTail(tail, tailLength, spool);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(spool);
            throw e;
        }
        S3BlobPut put = new S3BlobPut(store, token, spool, md5);
        put.spoolLength = tailLength;
        put.length = length;
        put.tail = tail;
        put.id = id;
        put.uploadId = uploadId;
        for (int i = 0; i < tags.size(); i++) {
            put.parts.add(CompletedPart.builder().partNumber(i + 1).eTag(tags.get(i)).build());
        }
        put.tails.add(tail);
        if (undo != null) {
            put.tails.add(undo.tail());
            // no part left since the undo point: its bytes are the start of the spool's
            put.undo = undo.parts() == tags.size()
                    ? new State(undo.parts(), spool, undo.spoolLength(), undo.digest(), undo.length(), undo.tail())
                    : undo;
        }
        return put;
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

    @Override
    public String name() {
        return spool.getFileName().toString();
    }

    @Override
    public void append(InputStream in, long maxBytes) throws IOException {
        usable();
        if (!appendable()) {
            throw new IllegalStateException("this put was resumed from its MD5 value alone: it takes no more bytes");
        }
        forgetUndo();
        State before = current();
        Md5 md = digest.copy();
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
                    sendPart(spool, spoolLength, spool.equals(before.spool())); // the earlier spool is kept for undo
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
        if (total != length) {
            tail = null; // the spool has more than the tail object
        }
        length = total;
    }

    private State current() {
        return new State(parts.size(), spool, spoolLength, digest, length, tail);
    }

    @Override
    public boolean canUndo() {
        return undo != null;
    }

    @Override
    public void undoLastAppend() throws IOException {
        usable();
        if (undo == null) {
            throw new IllegalStateException("no append to undo");
        }
        restore(undo);
        undo = null;
    }

    /** Back to {@code s}: its parts, its spool file at its length (fetched from its tail object if need be), its digest. */
    private void restore(State s) throws IOException {
        try {
            awaitPart();
        } catch (IOException | RuntimeException ignored) {
            // that part is dropped anyway
        }
        Path target = s.spool();
        if (target == null) { // fetched before anything changes: should it fail, the put is as it was
            target = store.newSpoolFile();
            try {
                store.fetchTail(s.tail(), s.spoolLength(), target);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(target);
                throw e;
            }
        }
        while (parts.size() > s.parts()) {
            parts.remove(parts.size() - 1);
        }
        if (!spool.equals(target)) {
            Files.deleteIfExists(spool);
            spool = target;
        }
        try (FileChannel ch = FileChannel.open(spool, StandardOpenOption.WRITE)) {
            ch.truncate(s.spoolLength());
        }
        spoolLength = s.spoolLength();
        digest = s.digest();
        length = s.length();
        tail = s.tail();
    }

    /** The spool file kept for an undo is not needed once another append begins. */
    private void forgetUndo() {
        if (undo != null && undo.spool() != null && !undo.spool().equals(spool)) {
            deleteQuietly(undo.spool());
        }
        undo = null;
    }

    /**
     * Uploads the spool's bytes (and the undo point's, if no earlier suspend did) as tail objects,
     * deletes the tails no longer needed, and returns the state as text.
     */
    @Override
    public String suspend() throws IOException {
        usable();
        awaitPart();
        if (tail == null) {
            tail = uploadTail(spool, spoolLength, length);
        }
        if (undo != null && undo.tail() == null) {
            // with no part sent since, the undo point's bytes are the start of the current tail's
            undo = undo.withTail(undo.parts() == parts.size() ? tail
                    : uploadTail(undo.spool(), undo.spoolLength(), undo.length()));
        }
        dropTailsBut(undo == null ? Set.of(tail) : new HashSet<>(List.of(tail, undo.tail()))); // often one tail

        PutState s = PutState.of(STORE).with("put", token);
        if (uploadId != null) {
            s.with("blob", id).with("upload", uploadId);
        }
        s.with("parts", String.join(",", parts.stream().map(CompletedPart::eTag).toList()))
                .with("length", length).with("md5", digest.state())
                .with("tail", tail).with("tail.length", spoolLength);
        if (undo != null) {
            s.with("undo.parts", undo.parts()).with("undo.length", undo.length()).with("undo.md5", undo.digest().state())
                    .with("undo.tail", undo.tail()).with("undo.tail.length", undo.spoolLength());
        }
        return s.text();
    }

    /** The first {@code bytes} bytes of {@code file} as a new tail object (of the state at {@code atLength}). */
    private String uploadTail(Path file, long bytes, long atLength) throws IOException {
        String name = store.newTailName(token, atLength);
        tails.add(name); // before the upload: should it half fail, the object is deleted with the rest
        store.putTail(name, file, bytes);
        return name;
    }

    private void dropTailsBut(Set<String> keep) {
        for (var it = tails.iterator(); it.hasNext(); ) {
            String name = it.next();
            if (!keep.contains(name)) {
                store.deleteTail(name);
                it.remove();
            }
        }
    }

    /** Local spool files only: the upload, its parts and tails stay for the instance that resumes the put. */
    @Override
    public void release() {
        if (finished || released) {
            return;
        }
        released = true;
        try {
            awaitPart();
        } catch (IOException | RuntimeException ignored) {
            // not this instance's put any more
        }
        cleanUp();
    }

    private void usable() {
        if (released) {
            throw new IllegalStateException("this put was released: it goes on where it was resumed");
        }
        if (finished) {
            throw new IllegalStateException("this put is finished");
        }
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
        usable();
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
        dropTailsBut(Set.of());
        return id;
    }

    /** Aborts the multipart upload and deletes the tails, whichever instance began the put. */
    @Override
    public void abort() {
        if (finished || released) {
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
        dropTailsBut(Set.of());
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
        if (undo != null && undo.spool() != null) {
            deleteQuietly(undo.spool());
        }
    }

    static void deleteQuietly(Path f) {
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
