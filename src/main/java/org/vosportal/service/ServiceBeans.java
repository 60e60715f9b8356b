package org.vosportal.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.jboss.logging.Logger;
import org.vosportal.service.auth.PreauthSigner;
import org.vosportal.service.blob.BlobStore;
import org.vosportal.service.blob.LocalBlobStore;
import org.vosportal.service.blob.OrphanSweeper;
import org.vosportal.service.blob.s3.S3Settings;
import org.vosportal.service.store.NodeStore;
import org.vosportal.service.transfer.UploadTxns;

/** Wires the storage parts from configuration and cleans up after interrupted uploads at start-up. */
@ApplicationScoped
public class ServiceBeans {

    private static final Logger LOG = Logger.getLogger(ServiceBeans.class);

    @Inject
    ServiceConfig config;

    @Produces
    @Singleton
    BlobStore blobStore() {
        ServiceConfig.Blob blob = config.blob();
        try {
            return switch (blob.backend()) {
                case "local" -> new LocalBlobStore(Path.of(config.dataDir()));
                case "s3" -> s3Settings(blob.s3()).connect(Path.of(config.dataDir(), "tmp"));
                default -> throw new IllegalStateException("vospace.service.blob.backend is '" + blob.backend()
                        + "'; it must be local or s3");
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the blob store under " + config.dataDir(), e);
        }
    }

    static S3Settings s3Settings(ServiceConfig.S3 s3) {
        return new S3Settings(s3.endpoint(), s3.publicEndpoint(), s3.region(), s3.bucket(), s3.prefix().orElse(""),
                s3.accessKey(), s3.secretKey(), s3.pathStyle(), s3.presignedDownloads(), s3.partSize().asLongValue(),
                s3.createBucket());
    }

    @Produces
    @Singleton
    PreauthSigner preauthSigner() {
        return new PreauthSigner(preauthKey());
    }

    /** The configured secret, or one generated once and kept in the data directory so links survive restarts. */
    private byte[] preauthKey() {
        if (config.preauthSecret().isPresent() && !config.preauthSecret().get().isBlank()) {
            byte[] k = config.preauthSecret().get().getBytes(StandardCharsets.UTF_8);
            if (k.length < 32) {
                throw new IllegalStateException("vospace.service.preauth-secret must be at least 32 characters");
            }
            return k;
        }
        Path keyFile = Path.of(config.dataDir(), "preauth.key");
        try {
            if (Files.exists(keyFile)) {
                return HexFormat.of().parseHex(Files.readString(keyFile).trim());
            }
            Files.createDirectories(keyFile.getParent());
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            Path tmp = Files.createTempFile(keyFile.getParent(), "preauth", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // non-POSIX file system: rely on the directory's permissions
            }
            Files.writeString(tmp, HexFormat.of().formatHex(k));
            // a hard link is made or refused atomically (a rename would replace silently): of
            // instances starting together on one shared data directory, one key wins for all
            try {
                Files.createLink(keyFile, tmp);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                return HexFormat.of().parseHex(Files.readString(keyFile).trim());
            } finally {
                Files.deleteIfExists(tmp);
            }
            return k;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + keyFile, e);
        }
    }

    /**
     * Removes what interrupted uploads or a crash mid-commit left behind; not while another
     * instance shares the database (and so the blobs): its uploads in progress would look the same.
     */
    void sweep(@Observes StartupEvent ev, BlobStore blobs, NodeStore store,
            org.vosportal.service.cluster.ThisInstance instance, UploadTxns txns) throws IOException {
        if (!config.sweepAtStart()) { // the consistency check reports what a sweep would remove
            return;
        }
        if (instance.othersAlive()) {
            LOG.info("start-up sweep skipped: another instance is running on this database and its uploads in"
                    + " progress would look like leftovers");
            return;
        }
        ServiceConfig.Blob b = config.blob();
        if (b.temporaryMaxAge().isZero()) { // every temporary goes: so do the transactions they belonged to
            txns.forgetAll();
        }
        // the grace covers another instance committing right now; on a database only this process
        // can open (the embedded H2 file) there is none, and a crash's orphan of seconds ago goes too
        Duration grace = instance.alone() ? Duration.ZERO : b.orphanGrace();
        OrphanSweeper.Result r = OrphanSweeper.sweep(blobs, store,
                new OrphanSweeper.Policy(b.temporaryMaxAge(), b.orphanWindow(), grace), txns.heldTemporaries());
        if (r.temporary() + r.orphans() > 0) {
            LOG.infof("start-up sweep removed %d temporary uploads and %d orphan blobs", r.temporary(), r.orphans());
        }
    }
}
