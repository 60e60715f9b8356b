package org.vosportal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.vosportal.service.PermissionCases;
import org.vosportal.vospace.Props;

/**
 * The uploads panel: several files go up at once but never more than the panel's data-parallel
 * (3), each item shows its bytes, the panel hides itself after a batch that all went up and stays
 * when one failed; a failed file's Retry sends it again, through the conflict policy.
 */
@QuarkusTest
class UploadsPanelE2eTest extends E2eTestBase {

    /** Drops generated files (name → size in bytes, every byte 'x') on the element. */
    static void dropSized(Browser b, WebElement target, Map<String, Integer> files) {
        StringBuilder js = new StringBuilder("var dt = new DataTransfer();");
        files.forEach((name, size) -> js.append("dt.items.add(new File([new Uint8Array(").append(size)
                .append(").fill(120)], ").append(UploadConflictsE2eTest.jsString(name)).append("));"));
        js.append("var t = arguments[0];"
                + "t.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: dt}));"
                + "t.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: dt}));");
        b.js(js.toString(), target);
    }

    static WebElement panel(Browser b) {
        return b.driver.findElement(By.id("transfers"));
    }

    static void lock(String folder, boolean locked) {
        PermissionCases.setProps("alice", folder, "vos:ContainerNode",
                locked ? prop(Props.IS_LOCKED, "true") : nilProp(Props.IS_LOCKED));
    }

    @Test
    void severalFilesGoUpAtOnceAtMostThreeAndThePanelHidesAfterwards() {
        String dir = freshFolder("alice");
        Browser b = UploadConflictsE2eTest.aliceIn(dir);
        // every change of the number in flight, as the panel says it
        b.js("window.inFlight = []; new MutationObserver(() => window.inFlight.push(Number("
                + "document.getElementById('transfers').dataset.active))).observe(document.getElementById('transfers'),"
                + " {attributes: true, attributeFilter: ['data-active']});");
        List<String> names = List.of("f1.bin", "f2.bin", "f3.bin", "f4.bin", "f5.bin", "f6.bin", "f7.bin");
        Map<String, Integer> files = new java.util.LinkedHashMap<>();
        names.forEach(n -> files.put(n, 512 * 1024));
        dropSized(b, b.driver.findElement(By.id("rows")), files);
        UploadConflictsE2eTest.waitForUploads(b, 7, 0);
        assertEquals("3", panel(b).getDomAttribute("data-max-active"), "three at once, never more");
        @SuppressWarnings("unchecked")
        List<Long> seen = (List<Long>) b.js("return window.inFlight");
        assertTrue(seen.stream().allMatch(n -> n <= 3) && seen.contains(3L), "in flight over time: " + seen);
        for (String n : names) {
            assertEquals(String.valueOf(512 * 1024), getNode("alice", dir + "/" + n).value(Props.LENGTH), n);
        }
        // the bytes, per file and in total
        // read in one go, again if a line is redrawn meanwhile (the wait retries a stale element)
        List<String> figures = b.wait.until(d -> panel(b).findElements(By.cssSelector(".item .figures")).stream()
                .map(WebElement::getText).toList());
        assertEquals(7, figures.size());
        figures.forEach(f -> assertEquals("512.0 KiB", f));
        assertTrue(panel(b).findElement(By.cssSelector(".total-figures")).getText().startsWith("100 % · 3.5 MiB / 3.5 MiB"),
                panel(b).findElement(By.cssSelector(".total-figures")).getText());
        b.waitForRow("f7.bin");
        // everything went up: the panel goes by itself
        b.wait.until(d -> !panel(b).isDisplayed());
    }

    @Test
    void aFileCancelledWhileItWaitsForItsTurnIsNotUploadedAndTheOthersAre() {
        String dir = freshFolder("alice");
        Browser b = UploadConflictsE2eTest.aliceIn(dir);
        // the moment the items appear (all waiting; three start), the last one's ✕ is pressed
        b.js("new MutationObserver((changes, o) => {"
                + " const x = document.querySelector('#transfers button[aria-label=\"Cancel upload of c6.bin\"]');"
                + " if (x) { o.disconnect(); window.cancelledWhile = x.closest('.item').dataset.state; x.click(); }"
                + "}).observe(document.getElementById('transfers'), {childList: true, subtree: true});");
        Map<String, Integer> files = new java.util.LinkedHashMap<>();
        for (int i = 1; i <= 6; i++) {
            files.put("c" + i + ".bin", 64 * 1024);
        }
        dropSized(b, b.driver.findElement(By.id("rows")), files);
        String text = UploadConflictsE2eTest.waitForUploads(b, 5, 1);
        assertEquals("waiting", b.js("return window.cancelledWhile"));
        assertTrue(text.contains("cancelled"), text);
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/c6.bin").statusCode(), "not uploaded");
        assertEquals(200, as("alice").get(BASE + "/nodes" + dir + "/c5.bin").statusCode());
        assertTrue(panel(b).findElements(By.cssSelector(".retry")).isEmpty(), "nothing to retry: it was not a failure");
    }

    @Test
    void aFailedFileKeepsThePanelOpenWithRetryAndTheRetrySucceeds() throws Exception {
        String dir = freshFolder("alice");
        mkdir("alice", dir + "/locked");
        lock(dir + "/locked", true);
        Browser b = UploadConflictsE2eTest.aliceIn(dir);
        UploadConflictsE2eTest.drop(b, b.waitForRow("locked"), Map.of("r.txt", "retried"));
        String text = UploadConflictsE2eTest.waitForUploads(b, 0, 1);
        WebElement retry = b.button(panel(b), "Retry upload of r.txt");
        assertTrue(text.contains("locked"), text);
        // longer than the panel waits after a batch that all went up: it stays
        Thread.sleep(Long.parseLong(panel(b).getDomAttribute("data-hide-after")) + 1500);
        assertTrue(panel(b).isDisplayed(), "a failure keeps the panel open");
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/locked/r.txt").statusCode());

        lock(dir + "/locked", false);
        retry.click();
        b.wait.until(d -> "Uploads: 1 of 1 done".equals(panel(b).findElement(By.cssSelector(".total")).getText()));
        assertTrue(panel(b).getText().contains("done ✓"));
        assertEquals("retried", download("alice", dir + "/locked/r.txt").asString());
        assertTrue(panel(b).findElements(By.cssSelector(".retry")).isEmpty(), "no Retry once it went up");
        // it waits while the pointer is on it (the click left it there), then goes
        Thread.sleep(Long.parseLong(panel(b).getDomAttribute("data-hide-after")) + 1500);
        assertTrue(panel(b).isDisplayed(), "not from under the pointer");
        new Actions(b.driver).moveToElement(b.driver.findElement(By.cssSelector(".brand"))).perform();
        b.wait.until(d -> !panel(b).isDisplayed());
    }

    /** The race of UploadConflictsE2eTest: the name was taken meanwhile; Retry asks about it, Keep both stores a copy. */
    @Test
    void aRetryAsksAboutANameTakenSinceAndKeepBothStoresACopy() {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/asked.txt", "old asked");
        Browser b = UploadConflictsE2eTest.aliceIn(dir);
        UploadConflictsE2eTest.drop(b, b.driver.findElement(By.id("rows")), Map.of("asked.txt", "new asked",
                "late.txt", "mine"));
        UploadConflictsE2eTest.nextAsked(b, null);
        uploadOk("alice", dir + "/late.txt", "theirs"); // someone else, meanwhile
        UploadConflictsE2eTest.answer(b, "asked.txt", dir, "Skip", false);
        UploadConflictsE2eTest.waitForUploads(b, 0, 1);
        b.button(panel(b), "Retry upload of late.txt").click();
        UploadConflictsE2eTest.answer(b, "late.txt", dir, "Keep both", false);
        UploadConflictsE2eTest.waitForUploads(b, 1, 0);
        assertEquals("theirs", download("alice", dir + "/late.txt").asString());
        assertEquals("mine", download("alice", dir + "/late%20(1).txt").asString());
        assertFalse(panel(b).getText().contains("already exists"), "the failure's words went with the retry");
        // the item names what it went up as, not the name it first tried
        WebElement item = panel(b).findElement(By.cssSelector(".items .item"));
        assertEquals("late (1).txt", item.findElement(By.cssSelector(".name")).getText());
        assertEquals("late (1).txt", item.findElement(By.cssSelector(".name")).getDomAttribute("title"));
        assertTrue(item.findElement(By.cssSelector("progress")).getDomAttribute("aria-label").contains("late (1).txt"),
                item.findElement(By.cssSelector("progress")).getDomAttribute("aria-label"));
    }
}
