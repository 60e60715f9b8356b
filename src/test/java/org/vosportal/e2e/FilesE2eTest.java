package org.vosportal.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.vosportal.vospace.Props;

/** Issue 4, scenarios 2 (folder, uploads, download), 3 (ZIP, URL list), 4 (rename, move, copy), 8 (delete). */
@QuarkusTest
class FilesE2eTest extends E2eTestBase {

    static final Path FILES = Path.of("target", "e2e-files").toAbsolutePath();

    static Path localFile(String name, byte[] bytes) throws IOException {
        Path dir = Files.createDirectories(FILES.resolve(unique("f")));
        return Files.write(dir.resolve(name), bytes);
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Polls /vault until the node is gone (the recursive delete runs in the background). */
    static void waitUntilGone(String path) throws InterruptedException {
        for (int i = 0; i < 100 && as("alice").get(BASE + "/nodes" + path + "?limit=0").statusCode() != 404; i++) {
            Thread.sleep(100);
        }
        assertEquals(404, as("alice").get(BASE + "/nodes" + path + "?limit=0").statusCode(), path + " still exists");
    }

    @Test
    void createAFolderUploadByInputAndByDropThenDownload() throws Exception {
        Browser b = loggedIn("alice");
        String name = unique("e2e up");
        b.fillIn("New folder name", name);
        b.button("+ Folder").click();
        b.waitForRow(name).findElement(By.linkText(name)).click();
        b.wait.until(ExpectedConditions.urlToBe(SERVER + "/storage/vault/list/alice/" + enc(name)));
        b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rows"), "This folder is empty"));

        byte[] notes = random(1500, 1);
        byte[] cube = random(3 * 1024 * 1024 + 17, 2);
        Path one = localFile("notes.txt", notes);
        Path two = localFile("cube one.fits", cube);
        // the file input sits hidden inside its "Upload files" label, as a person's file chooser does
        b.anyField("Upload files").sendKeys(one + "\n" + two);
        assertEquals("1.5 KB", waitForSize(b, "notes.txt"));
        assertEquals("3.0 MB", waitForSize(b, "cube one.fits"));

        // one more by drag and drop onto the listing (a File built in the page, dropped on the table)
        b.js("var dt = new DataTransfer();"
                + "dt.items.add(new File(['dropped by hand\\n'], 'dropped.txt', {type: 'text/plain'}));"
                + "var target = document.getElementById('rows');"
                + "target.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: dt}));"
                + "target.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: dt}));");
        assertEquals("16 B", waitForSize(b, "dropped.txt"));

        String folder = "/alice/" + enc(name);
        assertEquals(String.valueOf(cube.length), getNode("alice", folder + "/cube%20one.fits").value(Props.LENGTH));
        assertEquals("dropped by hand\n", download("alice", folder + "/dropped.txt").asString());
        // download: the file's link answers 303 to a pre-authorised URL; follow it as the browser does
        String href = b.waitForRow("cube one.fits").findElement(By.linkText("cube one.fits")).getDomProperty("href");
        assertArrayEquals(cube, b.download(href));
        // and a real click downloads into the browser's download folder
        b.waitForRow("notes.txt").findElement(By.linkText("notes.txt")).click();
        assertArrayEquals(notes, Files.readAllBytes(b.downloaded("notes.txt")));
    }

    static String waitForSize(Browser b, String name) {
        b.wait.until(d -> !b.cell(name, 3).isEmpty());
        return b.cell(name, 3);
    }
}
