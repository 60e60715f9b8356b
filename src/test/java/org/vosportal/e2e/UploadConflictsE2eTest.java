package org.vosportal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue 10, "no silent overwrite": every upload path (file input, folder upload, a drop on the
 * listing, a drop on a folder row) asks about each name that is taken, in the portal's dialog,
 * and does what was answered: Replace replaces, Keep both stores "name (1).ext", Skip keeps the
 * old bytes, "Apply to all remaining" answers the rest. What the service then holds is checked,
 * not only the screen.
 */
@QuarkusTest
class UploadConflictsE2eTest extends E2eTestBase {

    static String text(String user, String path) {
        return download(user, path).asString();
    }

    static void assertAbsent(String path) {
        assertEquals(404, as("alice").get(BASE + "/nodes" + path).statusCode(), path + " should not exist");
    }

    static Browser aliceIn(String dir) {
        Browser b = loggedIn("alice");
        b.open("/storage/vault/list" + dir);
        b.wait.until(d -> !d.findElements(By.id("rows")).isEmpty());
        return b;
    }

    /**
     * Waits until the conflict dialog asks about {@code name} in {@code folder}, then answers
     * {@code choice} ("Replace", "Keep both", "Skip"), ticking "Apply to all remaining" first when
     * {@code forAll}; returns how many more conflicts it said remain.
     */
    static int answer(Browser b, String name, String folder, String choice, boolean forAll) {
        WebElement d = b.driver.findElement(By.id("conflict"));
        b.wait.until(x -> b.isOpen(d) && name.equals(d.findElement(By.cssSelector("[data-slot=name]")).getText()));
        assertEquals(name + " already exists in " + folder + ".", d.findElement(By.id("conflict-text")).getText());
        assertTrue(b.hasFocus(b.button(d, "Skip")), "the choice that loses nothing has the focus");
        WebElement all = d.findElement(By.cssSelector("[data-slot=all]"));
        int remaining = all.isDisplayed() ? Integer.parseInt(all.findElement(By.cssSelector("[data-slot=remaining]")).getText()) : 0;
        if (forAll) {
            b.field(d, "Apply to all remaining").click();
        }
        b.button(d, choice).click();
        return remaining;
    }

    /** The name the conflict dialog asks about, once it is open with a question other than {@code previous}. */
    static String nextAsked(Browser b, String previous) {
        WebElement d = b.driver.findElement(By.id("conflict"));
        return b.wait.until(x -> {
            String name = d.findElement(By.cssSelector("[data-slot=name]")).getText();
            return b.isOpen(d) && !name.isEmpty() && !name.equals(previous) ? name : null;
        });
    }

    /** Waits until the uploads panel says all {@code n} uploads of this page ended, and no question is open. */
    static String waitForUploads(Browser b, int done, int failed) {
        String expected = "Uploads: " + done + " of " + (done + failed) + " done" + (failed > 0 ? ", " + failed + " not uploaded" : "");
        b.wait.until(d -> expected.equals(d.findElement(By.cssSelector("#transfers .total")).getText()));
        assertFalse(b.isOpen(b.driver.findElement(By.id("conflict"))), "no question left open");
        return b.driver.findElement(By.id("transfers")).getText();
    }

    /** Drops files made in the page (name → text) on the element, as a person's drag from the desktop does. */
    static void drop(Browser b, WebElement target, Map<String, String> files) {
        StringBuilder js = new StringBuilder("var dt = new DataTransfer();");
        files.forEach((name, text) -> js.append("dt.items.add(new File([").append(jsString(text)).append("], ")
                .append(jsString(name)).append(", {type: 'text/plain'}));"));
        js.append("var t = arguments[0];"
                + "t.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: dt}));"
                + "t.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: dt}));");
        b.js(js.toString(), target);
    }

    static String jsString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }

    static Path localFile(Path dir, String relative, String text) throws Exception {
        Path f = dir.resolve(relative);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, text);
    }

    @Test
    void theFileInputAsksReplaceReplacesKeepBothNumbersSkipKeeps() throws Exception {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/a.txt", "old a");
        uploadOk("alice", dir + "/b.txt", "old b");
        Browser b = aliceIn(dir);
        Path local = Files.createDirectories(FilesE2eTest.FILES.resolve(unique("input")));
        Path a = localFile(local, "a.txt", "new a");
        Path bb = localFile(local, "b.txt", "new b");
        Path c = localFile(local, "c.txt", "new c");
        b.anyField("Upload files").sendKeys(a + "\n" + bb + "\n" + c);
        assertEquals(1, answer(b, "a.txt", dir, "Replace", false), "one more conflict after this one");
        assertEquals(0, answer(b, "b.txt", dir, "Keep both", false));
        waitForUploads(b, 3, 0);
        assertEquals("new a", text("alice", dir + "/a.txt"));
        assertEquals("old b", text("alice", dir + "/b.txt"));
        assertEquals("new b", text("alice", dir + "/b%20(1).txt"));
        assertEquals("new c", text("alice", dir + "/c.txt"), "a free name is not asked about");
        b.waitForRow("b (1).txt");

        // everything went up: the panel hides itself, and the next batch starts a fresh count
        b.wait.until(d -> !d.findElement(By.id("transfers")).isDisplayed());

        // again: Skip keeps what is there; Keep both takes the next free number
        Path local2 = Files.createDirectories(FilesE2eTest.FILES.resolve(unique("input")));
        b.anyField("Upload files").sendKeys(localFile(local2, "a.txt", "newer a") + "\n" + localFile(local2, "b.txt", "newer b"));
        answer(b, "a.txt", dir, "Skip", false);
        answer(b, "b.txt", dir, "Keep both", false);
        waitForUploads(b, 1, 0);
        assertEquals("new a", text("alice", dir + "/a.txt"), "skipped: the old bytes stay");
        assertEquals("newer b", text("alice", dir + "/b%20(2).txt"));
        assertEquals("new b", text("alice", dir + "/b%20(1).txt"));
    }

    @Test
    void aFolderUploadAsksAboutFilesInItsSubFoldersAndKeepsTheirPaths() throws Exception {
        String dir = freshFolder("alice");
        mkdir("alice", dir + "/set");
        mkdir("alice", dir + "/set/sub");
        uploadOk("alice", dir + "/set/one.txt", "old one");
        uploadOk("alice", dir + "/set/sub/two.txt", "old two");
        uploadOk("alice", dir + "/set/sub/three.txt", "old three");
        Browser b = aliceIn(dir);
        Path local = Files.createDirectories(FilesE2eTest.FILES.resolve(unique("tree"))).resolve("set");
        localFile(local, "one.txt", "new one");
        localFile(local, "sub/two.txt", "new two");
        localFile(local, "sub/three.txt", "new three");
        localFile(local, "sub/four.txt", "new four");
        localFile(local, "fresh/five.txt", "new five");
        b.anyField("Upload a folder").sendKeys(local.toString());

        // the order of a folder's files is the browser's: answer whichever is asked first
        Map<String, String> folderOf = Map.of("one.txt", dir + "/set", "two.txt", dir + "/set/sub", "three.txt", dir + "/set/sub");
        String kept = nextAsked(b, null);
        assertTrue(folderOf.containsKey(kept), "asked about " + kept);
        assertEquals(2, answer(b, kept, folderOf.get(kept), "Keep both", false));
        String asked = nextAsked(b, kept);
        assertEquals(1, answer(b, asked, folderOf.get(asked), "Replace", true));
        waitForUploads(b, 5, 0);

        for (String name : folderOf.keySet()) {
            String path = folderOf.get(name) + "/" + name;
            String stem = name.substring(0, name.length() - ".txt".length());
            if (name.equals(kept)) {
                assertEquals("old " + stem, text("alice", path), "kept both: the old stays");
                assertEquals("new " + stem, text("alice", folderOf.get(name) + "/" + stem + "%20(1).txt"),
                        "the copy sits where the folder upload put it");
            } else {
                assertEquals("new " + stem, text("alice", path), "replaced (the second answer applied to the rest)");
                assertAbsent(folderOf.get(name) + "/" + stem + "%20(1).txt");
            }
        }
        assertEquals("new four", text("alice", dir + "/set/sub/four.txt"));
        assertEquals("new five", text("alice", dir + "/set/fresh/five.txt"), "a new sub-folder is created, nothing asked");
    }

    @Test
    void aDropOnTheListingAsksAndSkipForAllKeepsEveryOldFile() {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/x.txt", "old x");
        uploadOk("alice", dir + "/y.txt", "old y");
        uploadOk("alice", dir + "/z.txt", "old z");
        Browser b = aliceIn(dir);
        b.waitForRow("x.txt");
        drop(b, b.driver.findElement(By.id("rows")), Map.of("x.txt", "new x", "y.txt", "new y", "z.txt", "new z",
                "w.txt", "new w"));
        assertEquals(2, answer(b, nextAsked(b, null), dir, "Skip", true), "two more after the first");
        waitForUploads(b, 1, 0);
        assertEquals("old x", text("alice", dir + "/x.txt"));
        assertEquals("old y", text("alice", dir + "/y.txt"));
        assertEquals("old z", text("alice", dir + "/z.txt"));
        assertEquals("new w", text("alice", dir + "/w.txt"));
        b.waitForRow("w.txt");
    }

    @Test
    void aDropOnAFolderRowAsksAboutTheNamesInThatFolder() {
        String dir = freshFolder("alice");
        mkdir("alice", dir + "/inner");
        uploadOk("alice", dir + "/inner/r.txt", "old r");
        uploadOk("alice", dir + "/inner/k.fits", "old k");
        uploadOk("alice", dir + "/inner/s.txt", "old s");
        uploadOk("alice", dir + "/k.fits", "not in inner"); // on screen, but not where the drop goes
        Browser b = aliceIn(dir);
        drop(b, b.waitForRow("inner"), Map.of("r.txt", "new r", "k.fits", "new k", "s.txt", "new s"));
        Map<String, String> choices = Map.of("r.txt", "Replace", "k.fits", "Keep both", "s.txt", "Skip");
        String asked = null;
        for (int i = 0; i < 3; i++) {
            asked = nextAsked(b, asked);
            assertEquals(2 - i, answer(b, asked, dir + "/inner", choices.get(asked), false));
        }
        waitForUploads(b, 2, 0);
        assertEquals("new r", text("alice", dir + "/inner/r.txt"));
        assertEquals("old k", text("alice", dir + "/inner/k.fits"));
        assertEquals("new k", text("alice", dir + "/inner/k%20(1).fits"));
        assertEquals("old s", text("alice", dir + "/inner/s.txt"));
        assertEquals("not in inner", text("alice", dir + "/k.fits"));
        assertAbsent(dir + "/r.txt");
    }

    /** A name taken after the script looked (while it asked about another) is refused by the server, not replaced. */
    @Test
    void aNameTakenWhileTheQuestionIsOpenIsRefusedNotReplaced() {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/asked.txt", "old asked");
        Browser b = aliceIn(dir);
        drop(b, b.driver.findElement(By.id("rows")), Map.of("asked.txt", "new asked", "late.txt", "mine"));
        nextAsked(b, null);
        uploadOk("alice", dir + "/late.txt", "theirs"); // someone else, meanwhile
        answer(b, "asked.txt", dir, "Skip", false);
        String panel = waitForUploads(b, 0, 1);
        assertTrue(panel.contains("late.txt already exists in " + dir + "; nothing was replaced."), panel);
        assertEquals("theirs", text("alice", dir + "/late.txt"));
        assertEquals("old asked", text("alice", dir + "/asked.txt"));
    }
}
