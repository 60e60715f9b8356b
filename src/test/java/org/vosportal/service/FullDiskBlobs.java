package org.vosportal.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.vosportal.service.blob.BlobStore;
import org.vosportal.service.blob.LocalBlobStore;

/**
 * The service's LocalBlobStore, except that its disk can be made to fill up: after
 * {@link #fillAfter} more bytes every write fails as the kernel says it ("No space left on
 * device"). Enabled only by {@link SmallQuotaProfile}.
 */
@Alternative
@ApplicationScoped
public class FullDiskBlobs {

    private static final AtomicLong ROOM = new AtomicLong(Long.MAX_VALUE);

    @Inject
    ServiceConfig config;

    /** The disk is full once {@code bytes} more are written. */
    public static void fillAfter(long bytes) {
        ROOM.set(bytes);
    }

    /** Room again. */
    public static void makeRoom() {
        ROOM.set(Long.MAX_VALUE);
    }

    @Produces
    @Singleton
    BlobStore blobStore() throws IOException {
        return new LocalBlobStore(Path.of(config.dataDir())) {
            @Override
            protected int write(FileChannel out, ByteBuffer block, long position) throws IOException {
                if (ROOM.addAndGet(-block.remaining()) < 0) {
                    ROOM.addAndGet(block.remaining());
                    throw new IOException("No space left on device");
                }
                return super.write(out, block, position);
            }
        };
    }
}
