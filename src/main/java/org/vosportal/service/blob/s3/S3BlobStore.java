package org.vosportal.service.blob.s3;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.vosportal.service.blob.BlobPut;
import org.vosportal.service.blob.BlobStore;
import org.vosportal.service.blob.BoundedInputStream;
import org.vosportal.service.blob.Md5;
import org.vosportal.service.blob.PresignedDownloads;
import org.vosportal.service.blob.RangedReadChannel;
import org.vosportal.service.blob.ServerSideCopy;
import org.vosportal.service.blob.TemporaryFiles;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Blobs as objects of one S3 bucket (AWS S3, Ceph RGW, MinIO, s3proxy), through the AWS SDK v2.
 * A blob id is 32 hex digits whose first 8 are the hour it was made (hours since 1970), and its
 * key {@code {prefix}blobs/{hour}/{id}}: the orphan sweep lists only the hours it looks at, never
 * the whole bucket. Puts stream through a local spool of at most one part ({@link S3BlobPut});
 * large ones become multipart uploads, which S3 keeps invisible until they complete. A suspended
 * put's unfinished part waits in a tail object under {@code {prefix}tails/}, where any instance
 * resumes it from and the sweep finds it.
 */
public class S3BlobStore implements BlobStore, ServerSideCopy, PresignedDownloads {

    private static final Logger LOG = Logger.getLogger(S3BlobStore.class);
    private static final Pattern BLOB_ID = Pattern.compile("[0-9a-f]{32}");
    /** The largest object one CopyObject copies; bigger ones are copied part by part. */
    static final long MAX_SINGLE_COPY = 5L * 1024 * 1024 * 1024;
    /** The smallest part S3 accepts (but for the last). */
    public static final long MIN_PART = 5L * 1024 * 1024;
    /** Read-ahead of {@link #channel}: one ranged GET serves this many bytes of small reads. */
    static final int READ_WINDOW = 64 * 1024;
    /** Multipart uploads may run this long, so their objects carry an hour this much older than their commit. */
    private static final Duration LONGEST_PUT = Duration.ofDays(2);
    /** Where suspended puts keep the bytes of their unfinished part, beside {@code blobs/}. */
    private static final String TAILS = "tails/";

    final S3Client s3;
    private final S3Presigner presigner;
    final String bucket;
    private final String prefix;
    private final Path spool;
    private final TemporaryFiles spooled;
    final long partSize;
    private final boolean presignedDownloads;

    public S3BlobStore(S3Client s3, S3Presigner presigner, String bucket, String prefix, Path spool, long partSize,
            boolean presignedDownloads) throws IOException {
        if (partSize < MIN_PART) {
            throw new IllegalArgumentException("the S3 part size must be at least 5 MiB (S3's smallest part)");
        }
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.prefix = prefix;
        this.spool = spool;
        this.spooled = new TemporaryFiles(spool, "s3put-*");
        this.partSize = partSize;
        this.presignedDownloads = presignedDownloads;
        Files.createDirectories(spool);
    }

    /** Creates the bucket when it is missing (a fresh MinIO or s3proxy). */
    public void createBucketIfMissing() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    // ---------------------------------------------------------------- ids and keys

    String newId() {
        long hour = Instant.now().getEpochSecond() / 3600;
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        return String.format("%08x", hour) + HexFormat.of().formatHex(random);
    }

    String key(String blobId) {
        if (blobId == null || !BLOB_ID.matcher(blobId).matches()) {
            throw new IllegalArgumentException("bad blob id");
        }
        return hourPrefix(blobId.substring(0, 8)) + blobId;
    }

    private String hourPrefix(String hourHex) {
        return prefix + "blobs/" + hourHex + "/";
    }

    private String idOf(String key) {
        String id = key.substring(key.lastIndexOf('/') + 1);
        return BLOB_ID.matcher(id).matches() ? id : null;
    }

    // ---------------------------------------------------------------- puts

    @Override
    public BlobPut begin() throws IOException {
        return new S3BlobPut(this, newSpoolFile(), Md5.fast());
    }

    @Override
    public BlobPut beginResumable() throws IOException {
        return new S3BlobPut(this, newSpoolFile(), Md5.resumable());
    }

    /** The multipart upload and parts the state names, its tail fetched from the bucket into this instance's spool. */
    @Override
    public BlobPut resume(String state) throws IOException {
        return S3BlobPut.resume(this, state);
    }

    /** What names a put's tail objects on every instance. */
    String newToken() {
        return HexFormat.of().formatHex(random(16));
    }

    /** A new tail object's name: the put's token, the put's length then, and random digits (never reused). */
    String newTailName(String token, long atLength) {
        return token + "-" + atLength + "-" + HexFormat.of().formatHex(random(4));
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    private String tailKey(String name) {
        return prefix + TAILS + name;
    }

    /** Stores the first {@code bytes} bytes of {@code file} as tail {@code name} (streamed, read again on a retry). */
    void putTail(String name, Path file, long bytes) throws IOException {
        try {
            s3.putObject(b -> b.bucket(bucket).key(tailKey(name)).contentLength(bytes),
                    RequestBody.fromContentProvider(() -> {
                        try {
                            return new BoundedInputStream(Files.newInputStream(file), bytes);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, bytes, "application/octet-stream"));
        } catch (SdkException | java.io.UncheckedIOException e) {
            throw new IOException("S3 refused the upload's tail: " + e.getMessage(), e);
        }
    }

    /**
     * Copies the first {@code bytes} bytes of tail {@code name} into {@code into}; a
     * NoSuchFileException when the tail is gone (its put committed, aborted or swept).
     */
    void fetchTail(String name, long bytes, Path into) throws IOException {
        String key = tailKey(name);
        try {
            if (bytes == 0) { // no bytes to fetch, but the tail must still be there
                s3.headObject(b -> b.bucket(bucket).key(key));
                return;
            }
            long copied;
            try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key).range("bytes=0-" + (bytes - 1)))) {
                copied = Files.copy(in, into, StandardCopyOption.REPLACE_EXISTING);
            }
            if (copied != bytes) {
                throw new IOException("the upload's tail " + name + " holds " + copied + " bytes, not " + bytes);
            }
        } catch (NoSuchKeyException e) {
            throw goneTail(name);
        } catch (S3Exception e) {
            if (e.statusCode() == 404 || e.statusCode() == 416) {
                throw goneTail(name);
            }
            throw new IOException("S3 read of the upload's tail " + name + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("S3 read of the upload's tail " + name + " failed: " + e.getMessage(), e);
        }
    }

    private static NoSuchFileException goneTail(String name) {
        return new NoSuchFileException(name, null, "the upload's tail is gone (its put was committed, aborted or swept)");
    }

    void deleteTail(String name) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(tailKey(name)));
        } catch (SdkException e) {
            LOG.warnf("could not delete the upload tail %s (the sweep will): %s", name, e.getMessage());
        }
    }

    /** Where a put keeps the bytes of its next part. */
    Path newSpoolFile() throws IOException {
        return Files.createTempFile(spool, "s3put-", ".part");
    }

    /** Completes a multipart upload; its object appears atomically. */
    void complete(String key, String uploadId, java.util.List<CompletedPart> parts) {
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
    }

    // ---------------------------------------------------------------- reads

    @Override
    public InputStream open(String blobId, long offset, long length) throws IOException {
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        String range = offset == 0 && length < 0 ? null
                : "bytes=" + offset + "-" + (length < 0 ? "" : Long.toString(offset + length - 1));
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key(blobId)).range(range));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException("blob " + blobId);
        } catch (SdkException e) {
            throw new IOException("S3 read of blob " + blobId + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public SeekableByteChannel channel(String blobId) throws IOException {
        long size;
        try {
            size = s3.headObject(b -> b.bucket(bucket).key(key(blobId))).contentLength();
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException("blob " + blobId);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException("blob " + blobId);
            }
            throw new IOException("S3 read of blob " + blobId + " failed: " + e.getMessage(), e);
        }
        return new RangedReadChannel((off, len) -> open(blobId, off, len), size, READ_WINDOW);
    }

    // ---------------------------------------------------------------- the rest

    @Override
    public void delete(String blobId) {
        if (blobId == null) {
            return;
        }
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key(blobId)));
        } catch (SdkException | IllegalArgumentException e) {
            LOG.warnf("could not delete blob %s: %s", blobId, e.getMessage());
        }
    }

    /** CopyObject inside the store; part by part (UploadPartCopy) above S3's 5 GiB copy limit. */
    @Override
    public String copy(String blobId) throws IOException {
        String from = key(blobId);
        String id = newId();
        String to = key(id);
        try {
            long size = s3.headObject(b -> b.bucket(bucket).key(from)).contentLength();
            if (size <= MAX_SINGLE_COPY) {
                s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to));
                return id;
            }
            String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(to)).uploadId();
            try {
                java.util.List<CompletedPart> parts = new java.util.ArrayList<>();
                long step = 1L << 30;
                for (long at = 0; at < size; at += step) {
                    int n = parts.size() + 1;
                    String range = "bytes=" + at + "-" + (Math.min(size, at + step) - 1);
                    String etag = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(from)
                            .destinationBucket(bucket).destinationKey(to).uploadId(uploadId).partNumber(n)
                            .copySourceRange(range)).copyPartResult().eTag();
                    parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
                }
                complete(to, uploadId, parts);
                return id;
            } catch (SdkException e) {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(to).uploadId(uploadId));
                throw e;
            }
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException("blob " + blobId);
        } catch (SdkException e) {
            throw new IOException("S3 copy of blob " + blobId + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Set<String> list() throws IOException {
        return idsUnder(prefix + "blobs/", null, null);
    }

    /**
     * Lists only the hour prefixes from {@code from} (less the longest a multipart put may run) to
     * {@code until} or now, whichever is sooner.
     */
    @Override
    public Set<String> committedBetween(Instant from, Instant until) throws IOException {
        Set<String> ids = new HashSet<>();
        Instant now = Instant.now();
        long first = from.minus(LONGEST_PUT).getEpochSecond() / 3600;
        long last = (until.isBefore(now) ? until : now).getEpochSecond() / 3600 + 1;
        for (long h = first; h <= last; h++) {
            ids.addAll(idsUnder(hourPrefix(String.format("%08x", h)), from, until));
        }
        return ids;
    }

    private Set<String> idsUnder(String keyPrefix, Instant from, Instant until) throws IOException {
        Set<String> ids = new HashSet<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(keyPrefix)).contents()) {
                String id = idOf(o.key());
                if (id != null && (from == null || (!o.lastModified().isBefore(from) && !o.lastModified().isAfter(until)))) {
                    ids.add(id);
                }
            }
        } catch (SdkException e) {
            throw new IOException("S3 listing of " + keyPrefix + " failed: " + e.getMessage(), e);
        }
        return ids;
    }

    /** The bucket answers; S3 cannot tell how much room is left (-1). */
    @Override
    public long probe() throws IOException {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (SdkException e) {
            throw new IOException("the S3 bucket " + bucket + " does not answer: " + e.getMessage(), e);
        }
        Path probe = Files.createTempFile(spool, "probe-", ".tmp"); // the spool must take bytes too
        Files.delete(probe);
        return -1;
    }

    /** Unfinished multipart uploads under the blobs, the suspended puts' tails and local spool files. */
    @Override
    public Set<String> temporary() throws IOException {
        Set<String> names = new HashSet<>();
        for (MultipartUpload u : unfinished()) {
            names.add(multipartName(u.key(), u.uploadId()));
        }
        for (S3Object o : tails()) {
            names.add(o.key().substring(o.key().lastIndexOf('/') + 1));
        }
        names.addAll(spooled.names());
        return names;
    }

    @Override
    public int sweepTemporary(Duration olderThan, Set<String> spared) throws IOException {
        Instant limit = Instant.now().minus(olderThan);
        int n = 0;
        for (MultipartUpload u : unfinished()) {
            if (spared.contains(multipartName(u.key(), u.uploadId()))) {
                continue;
            }
            if (olderThan.isZero() || u.initiated().isBefore(limit)) {
                try {
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId()));
                    n++;
                } catch (SdkException e) {
                    LOG.warnf("could not abort the unfinished upload of %s: %s", u.key(), e.getMessage());
                }
            }
        }
        for (S3Object o : tails()) {
            if (spared.contains(o.key().substring(o.key().lastIndexOf('/') + 1))) {
                continue;
            }
            if (olderThan.isZero() || o.lastModified().isBefore(limit)) {
                try {
                    s3.deleteObject(b -> b.bucket(bucket).key(o.key()));
                    n++;
                } catch (SdkException e) {
                    LOG.warnf("could not delete the upload tail %s: %s", o.key(), e.getMessage());
                }
            }
        }
        return n + spooled.sweep(olderThan, spared);
    }

    @Override
    public Set<String> heldBy(String state) {
        return S3BlobPut.heldBy(state);
    }

    /** How {@link #temporary()} names an unfinished multipart upload: its blob id, '#', its upload id. */
    static String multipartName(String key, String uploadId) {
        return key.substring(key.lastIndexOf('/') + 1) + "#" + uploadId;
    }

    /** The tail objects of suspended puts (a suspend uploads one; its last append's age is its age). */
    private Iterable<S3Object> tails() throws IOException {
        try {
            return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + TAILS)).contents();
        } catch (SdkException e) {
            throw new IOException("S3 listing of upload tails failed: " + e.getMessage(), e);
        }
    }

    private Iterable<MultipartUpload> unfinished() throws IOException {
        try {
            return s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix + "blobs/")).uploads();
        } catch (SdkException e) {
            throw new IOException("S3 listing of unfinished uploads failed: " + e.getMessage(), e);
        }
    }

    @Override
    public URI presignGet(String blobId, Duration ttl, String contentType, String contentDisposition) {
        return URI.create(presigner.presignGetObject(p -> p.signatureDuration(ttl)
                .getObjectRequest(g -> g.bucket(bucket).key(key(blobId))
                        .responseContentType(contentType).responseContentDisposition(contentDisposition)))
                .url().toString());
    }

    /** Presigned downloads only when configured (the bucket may not be reachable by clients). */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == PresignedDownloads.class && (!presignedDownloads || presigner == null)) {
            return Optional.empty();
        }
        return BlobStore.super.capability(type);
    }
}
