package org.vosportal.service.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewCacheSweepTest {

    @TempDir
    Path data;

    @Test
    void previewsOfFilesGoneAndHalfWrittenOnesAreRemovedTheRestStay() throws Exception {
        PreviewCache cache = new PreviewCache() {
            @Override
            protected Path root() {
                return data.resolve("previews");
            }
        };
        Path kept = Files.createDirectories(data.resolve("previews/7"));
        Files.write(kept.resolve("abc-256.png"), new byte[] {1});
        Files.write(kept.resolve(".tmp-1f"), new byte[] {2});
        Path gone = Files.createDirectories(data.resolve("previews/8"));
        Files.write(gone.resolve("def-256.png"), new byte[] {3});
        Files.write(gone.resolve("def-1024.png"), new byte[] {4});
        Files.createDirectories(data.resolve("previews/not-a-node"));

        int removed = cache.sweep(ids -> {
            assertEquals(Set.of(7L, 8L), Set.copyOf(ids), "only the node directories are asked about");
            return Set.of(7L);
        });
        assertEquals(3, removed);
        assertTrue(Files.isRegularFile(kept.resolve("abc-256.png")));
        assertFalse(Files.exists(kept.resolve(".tmp-1f")));
        assertFalse(Files.exists(gone));
        assertTrue(Files.isDirectory(data.resolve("previews/not-a-node")), "what it does not know it leaves");
        assertEquals(0, cache.sweep(ids -> Set.of(7L)));
    }
}
