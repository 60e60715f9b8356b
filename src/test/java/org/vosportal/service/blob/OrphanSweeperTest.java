package org.vosportal.service.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosportal.service.store.JdbcNodeStore;
import org.vosportal.service.store.NewNode;
import org.vosportal.service.store.NodeStore;
import org.vosportal.service.store.StoredNode;

/** A crash mid-upload or mid-commit leaves nothing behind after the next start. */
class OrphanSweeperTest {

    @TempDir
    Path dir;

    @Test
    void removesTemporaryFilesAndUnreferencedBlobsButKeepsReferencedOnes() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:sweep-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/h2").load().migrate();
        NodeStore store = new JdbcNodeStore(ds);
        LocalBlobStore blobs = new LocalBlobStore(dir);

        StoredNode file = store.create(store.root().id(), NewNode.data("kept.txt", "alice"));
        String kept = blobs.receive(new ByteArrayInputStream(new byte[] {1, 2}), 10).commit();
        store.commitContent(file.id(), kept, 2, "00000000000000000000000000000000", Instant.now());
        // a crash after the rename but before the database commit
        String orphan = blobs.receive(new ByteArrayInputStream(new byte[] {3}), 10).commit();
        // an old orphan, outside the window the start-up sweep looks at (the check command finds it)
        String old = blobs.receive(new ByteArrayInputStream(new byte[] {6}), 10).commit();
        Files.setLastModifiedTime(blobs.file(old), java.nio.file.attribute.FileTime.from(Instant.now().minus(
                java.time.Duration.ofDays(30))));
        // a crash in the middle of receiving
        BlobPut half = blobs.receive(new ByteArrayInputStream(new byte[] {4, 5}), 10);

        OrphanSweeper.Result r = OrphanSweeper.sweep(blobs, store,
                new OrphanSweeper.Policy(java.time.Duration.ZERO, java.time.Duration.ofDays(7), java.time.Duration.ZERO),
                java.util.Set.of());

        assertEquals(new OrphanSweeper.Result(1, 1), r);
        assertTrue(Files.exists(blobs.file(kept)));
        assertFalse(Files.exists(blobs.file(orphan)));
        assertTrue(Files.exists(blobs.file(old)), "older than the window: left to the check command");
        assertFalse(blobs.temporary().contains(half.name()));
    }

    /** While instances share a store: a blob whose node arrives between the two passes stays. */
    @Test
    void thePeriodicSweepDeletesOnlyWhatIsStillUnreferencedAtTheSecondPass() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:sweep2-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/h2").load().migrate();
        NodeStore store = new JdbcNodeStore(ds);
        LocalBlobStore blobs = new LocalBlobStore(dir);
        String orphan = blobs.receive(new ByteArrayInputStream(new byte[] {1}), 10).commit();
        // committed on another instance, whose database commit has not happened yet
        String inFlight = blobs.receive(new ByteArrayInputStream(new byte[] {2, 3}), 10).commit();
        String young = blobs.receive(new ByteArrayInputStream(new byte[] {4}), 10).commit();
        for (String id : java.util.List.of(orphan, inFlight)) {
            Files.setLastModifiedTime(blobs.file(id), java.nio.file.attribute.FileTime.from(Instant.now().minus(
                    java.time.Duration.ofMinutes(5))));
        }

        java.util.Set<String> suspects = OrphanSweeper.suspects(blobs, store, new OrphanSweeper.Policy(
                java.time.Duration.ofHours(25), java.time.Duration.ofDays(7), java.time.Duration.ofMinutes(1)));
        assertEquals(java.util.Set.of(orphan, inFlight), suspects, "the young blob is within the grace");

        StoredNode file = store.create(store.root().id(), NewNode.data("late.txt", "alice"));
        store.commitContent(file.id(), inFlight, 2, "00000000000000000000000000000000", Instant.now());
        assertEquals(1, OrphanSweeper.confirm(blobs, store, suspects));
        assertFalse(Files.exists(blobs.file(orphan)), "still unreferenced at the second pass");
        assertTrue(Files.exists(blobs.file(inFlight)), "its node arrived between the passes");
        assertTrue(Files.exists(blobs.file(young)));
    }
}
