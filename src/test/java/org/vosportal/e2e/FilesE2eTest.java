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

    @Test
    void deleteANonEmptyFolderAsksWithItsFileCountAndMovesItToTheTrash() throws Exception {
        String dir = freshFolder("alice");
        mkdir("alice", dir + "/full");
        uploadOk("alice", dir + "/full/inner.txt", "inside");
        uploadOk("alice", dir + "/keep.txt", "stays");

        Browser b = loggedIn("alice");
        b.open("/storage/vault/list" + dir);
        b.select("full");
        b.button("Delete").click();
        org.openqa.selenium.WebElement confirm = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        b.wait.until(ExpectedConditions.textToBePresentInElement(confirm.findElement(By.id("confirm-text")), "trash"));
        assertEquals("Move 'full' (a folder with 1 file) to the trash? You can restore it for 30 days.",
                confirm.findElement(By.id("confirm-text")).getText());
        b.button(confirm, "Move to trash").click();
        assertEquals("Moved 'full' to the trash.", b.flash("trash"));
        b.waitForNoRow("full");
        b.waitForRow("keep.txt");
        waitUntilGone(dir + "/full");
        assertEquals("stays", download("alice", dir + "/keep.txt").asString());
    }

    @Test
    void aSelectionDownloadsAsZipAndAsUrlList() throws Exception {
        String dir = freshFolder("alice");
        byte[] bin = random(70_000, 3);
        uploadOk("alice", dir + "/a.txt", "alpha");
        assertEquals(201, upload("alice", dir + "/b.bin", bin).statusCode());
        mkdir("alice", dir + "/sub");
        uploadOk("alice", dir + "/sub/c.txt", "gamma");
        uploadOk("alice", dir + "/not-selected.txt", "left out");

        Browser b = loggedIn("alice");
        b.open("/storage/vault/list" + dir);
        // page size 3 in tests: "sub" is on the second page, loaded when its row is revealed
        for (String n : new String[] {"a.txt", "b.bin", "sub"}) {
            b.select(n);
        }
        b.button("ZIP").click();
        Path zip = b.downloaded(b.waitForDownload(".zip"));
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(zip)))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (!e.isDirectory()) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        assertEquals(java.util.Set.of("a.txt", "b.bin", "sub/c.txt"), entries.keySet());
        assertArrayEquals("alpha".getBytes(StandardCharsets.UTF_8), entries.get("a.txt"));
        assertArrayEquals(bin, entries.get("b.bin"));
        assertArrayEquals("gamma".getBytes(StandardCharsets.UTF_8), entries.get("sub/c.txt"));

        // the same selection (still ticked) as a URL list: every URL works with no cookies at all
        b.button("URL list").click();
        java.util.List<String> urls = Files.readAllLines(b.downloaded("urls.txt")).stream()
                .filter(l -> !l.isBlank()).toList();
        assertEquals(3, urls.size(), urls.toString());
        java.util.Set<String> fetched = new java.util.TreeSet<>();
        for (String url : urls) {
            HttpResponse<byte[]> r = Browser.plain(url.strip());
            assertEquals(200, r.statusCode(), url);
            fetched.add(java.util.Arrays.equals(r.body(), bin) ? "<bin>" : new String(r.body(), StandardCharsets.UTF_8));
        }
        assertEquals(java.util.Set.of("alpha", "<bin>", "gamma"), fetched);
    }

    @Test
    void renameMoveWithTheFolderPickerAndCopyBack() throws Exception {
        String dir = freshFolder("alice");
        String dirName = dir.substring("/alice/".length());
        uploadOk("alice", dir + "/f.txt", "the data");
        mkdir("alice", dir + "/into");

        Browser b = loggedIn("alice");
        b.open("/storage/vault/list" + dir);
        // the bar's Rename acts on the one selected row, in the row
        b.select("f.txt");
        b.button("Rename").click();
        b.field("New name for f.txt").sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"),
                "g.txt", org.openqa.selenium.Keys.ENTER);
        assertTrue(b.flash("renamed").contains("renamed"));
        b.waitForRow("g.txt");
        b.waitForNoRow("f.txt");

        // move: the bar's Move to… asks the folder picker for the destination
        b.select("g.txt");
        b.button("Move to…").click();
        org.openqa.selenium.WebElement picker = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("picker")));
        b.button(picker, "Open " + dirName).click();
        b.button(picker, "into").click();
        assertTrue(b.flash("moved").contains("moved"));
        b.waitForNoRow("g.txt");

        // copy it back from inside "into", choosing the folder above in the picker
        b.waitForRow("into").findElement(By.linkText("into")).click();
        b.wait.until(ExpectedConditions.urlToBe(SERVER + "/storage/vault/list" + dir + "/into"));
        b.select("g.txt");
        b.button("Copy to…").click();
        picker = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("picker")));
        b.button(picker, dirName).click();
        assertTrue(b.flash("copied").contains("copied"));
        b.waitForRow("g.txt");
        b.open("/storage/vault/list" + dir);
        b.waitForRow("g.txt");
        b.waitForRow("into");

        assertEquals("the data", download("alice", dir + "/g.txt").asString());
        assertEquals("the data", download("alice", dir + "/into/g.txt").asString());
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/f.txt").statusCode());
    }

    static String waitForSize(Browser b, String name) {
        b.wait.until(d -> !b.cell(name, 3).isEmpty());
        return b.cell(name, 3);
    }
}
