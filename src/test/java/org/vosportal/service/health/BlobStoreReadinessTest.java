package org.vosportal.service.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosportal.service.blob.LocalBlobStore;

class BlobStoreReadinessTest {

    @TempDir
    Path dir;

    private BlobStoreReadiness readiness(long minFree) throws Exception {
        BlobStoreReadiness r = new BlobStoreReadiness();
        r.blobs = new LocalBlobStore(dir);
        r.minFree = minFree;
        return r;
    }

    @Test
    void upWithTheFreeSpaceWhileTheStoreCanTakeBytes() throws Exception {
        HealthCheckResponse h = readiness(1).call();
        assertEquals(HealthCheckResponse.Status.UP, h.getStatus());
        assertTrue((Long) h.getData().orElseThrow().get("freeBytes") > 0);
    }

    @Test
    void downWhenTheDiskIsAlmostFullOrTheDirectoryIsGone() throws Exception {
        HealthCheckResponse full = readiness(Long.MAX_VALUE).call();
        assertEquals(HealthCheckResponse.Status.DOWN, full.getStatus());
        assertTrue(full.getData().orElseThrow().get("reason").toString().contains("bytes free"));

        BlobStoreReadiness r = readiness(1);
        Files.delete(dir.resolve("tmp"));
        HealthCheckResponse gone = r.call();
        assertEquals(HealthCheckResponse.Status.DOWN, gone.getStatus());
        assertTrue(gone.getData().orElseThrow().get("reason").toString().contains("not a writable directory"));
    }
}
