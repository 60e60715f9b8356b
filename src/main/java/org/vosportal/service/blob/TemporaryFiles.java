package org.vosportal.service.blob;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** The local files puts write to before they commit (the local store's tmp/, the S3 spool). */
public final class TemporaryFiles {

    private final Path dir;
    private final String glob;

    /** The files of {@code dir} whose names match {@code glob} ("*" for all). */
    public TemporaryFiles(Path dir, String glob) {
        this.dir = dir;
        this.glob = glob;
    }

    public Set<String> names() throws IOException {
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            for (Path f : files) {
                names.add(f.getFileName().toString());
            }
        }
        return names;
    }

    /** Removes those last written more than {@code olderThan} ago (zero: all) but those named in {@code spared}; how many went. */
    public int sweep(Duration olderThan, Set<String> spared) throws IOException {
        Instant limit = Instant.now().minus(olderThan);
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            for (Path f : files) {
                if (spared.contains(f.getFileName().toString())) {
                    continue;
                }
                try {
                    if (olderThan.isZero() || Files.getLastModifiedTime(f).toInstant().isBefore(limit)) {
                        Files.deleteIfExists(f);
                        n++;
                    }
                } catch (NoSuchFileException gone) {
                    // finished meanwhile
                }
            }
        }
        return n;
    }
}
