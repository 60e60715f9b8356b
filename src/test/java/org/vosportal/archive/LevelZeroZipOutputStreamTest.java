package org.vosportal.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class LevelZeroZipOutputStreamTest {

    @Test
    void finishingWritesAValidArchiveAndFreesTheDeflater() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LevelZeroZipOutputStream zip = new LevelZeroZipOutputStream(bytes);
        zip.putNextEntry(new ZipEntry("a.txt"));
        zip.write("hello".getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        assertFalse(zip.deflaterEnded());
        zip.finish();
        assertTrue(zip.deflaterEnded(), "native memory freed without closing the response");
        zip.close(); // ending twice is harmless
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals("a.txt", in.getNextEntry().getName());
            assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
    }

    @Test
    void aFailingResponseStillFreesTheDeflater() throws IOException {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("client went away");
            }
        };
        LevelZeroZipOutputStream zip = new LevelZeroZipOutputStream(broken);
        assertThrows(IOException.class, () -> {
            zip.putNextEntry(new ZipEntry("a.txt"));
            zip.write(new byte[100_000]);
        });
        assertThrows(IOException.class, zip::finish);
        assertTrue(zip.deflaterEnded());
    }
}
