package org.vosportal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vosportal.vospace.Props;

/**
 * The listing's contextual action bar: it appears with the count and size of the selection and
 * goes when nothing is selected; it stays reachable far down a folder of 2,000 entries, where
 * "Select all 2,000 in this folder" deletes every one of them (not only the loaded rows); rows
 * are selected by clicking them, Shift-click ticks a range, Ctrl-click adds.
 */
@QuarkusTest
class ActionBarE2eTest extends E2eTestBase {

    static WebElement bar(Browser b) {
        return b.driver.findElement(By.id("action-bar"));
    }

    static String barCount(Browser b) {
        return b.wait.until(d -> {
            WebElement line = bar(b).findElement(By.cssSelector("[data-count-line]"));
            return line.isDisplayed() ? line.getText() : null;
        });
    }

    /** Clicks a row's empty area (its size cell), as a person clicks beside the name. */
    static void clickRow(Browser b, String name, org.openqa.selenium.Keys modifier) {
        WebElement cell = b.waitForRow(name).findElement(By.cssSelector("td.num"));
        Actions a = new Actions(b.driver);
        if (modifier != null) {
            a.keyDown(modifier).click(cell).keyUp(modifier).perform();
        } else {
            a.click(cell).perform();
        }
    }

    static boolean ticked(Browser b, String name) {
        return b.waitForRow(name).findElement(By.cssSelector("input[name=path]")).isSelected();
    }

    @Test
    void theBarShowsCountAndSizeOfTheSelectionAndGoesWhenNothingIsSelected() {
        String dir = freshFolder("alice");
        assertEquals(201, upload("alice", dir + "/one.bin", new byte[1500]).statusCode());
        assertEquals(201, upload("alice", dir + "/two.bin", new byte[2 * 1024 * 1024]).statusCode());
        Browser b = loggedIn("alice");
        b.open("/storage/vault/list" + dir);
        b.waitForRow("two.bin");
        assertFalse(bar(b).isDisplayed(), "nothing selected: no bar");
        assertEquals("2 items", b.driver.findElement(By.cssSelector(".pathbar .item-count")).getText());

        b.select("one.bin");
        assertEquals("1 selected · 1.5 KB", barCount(b));
        b.select("two.bin");
        assertEquals("2 selected · 2.0 MB", barCount(b));
        // what the plain form needs is not shown with script: destinations come from the picker
        assertFalse(b.driver.findElement(By.cssSelector("#action-bar input[name=dest]")).isDisplayed());
        assertTrue(b.button("Move to…").isDisplayed());
        assertFalse(b.button("Rename").isEnabled(), "rename acts on one row");

        b.field("Select one.bin").click();
        assertEquals("1 selected · 2.0 MB", barCount(b));
        assertTrue(b.button("Rename").isEnabled());
        b.field("Select two.bin").click();
        b.wait.until(d -> !bar(b).isDisplayed());
    }

    @Test
    void clickingARowTogglesItShiftClickTicksARangeCtrlClickAdds() {
        String dir = freshFolder("alice");
        for (String n : new String[] {"r1.txt", "r2.txt", "r3.txt"}) {
            uploadOk("alice", dir + "/" + n, n);
        }
        Browser b = loggedIn("alice");
        b.open("/storage/vault/list" + dir);
        b.waitForRow("r3.txt");

        clickRow(b, "r1.txt", null);
        b.wait.until(d -> ticked(b, "r1.txt"));
        assertTrue(b.waitForRow("r1.txt").getDomAttribute("class").contains("selected"), "highlighted");
        clickRow(b, "r3.txt", org.openqa.selenium.Keys.SHIFT);
        b.wait.until(d -> ticked(b, "r2.txt") && ticked(b, "r3.txt"));
        assertEquals("3 selected · 18 B", barCount(b));
        // Ctrl-click toggles one row without touching the others
        clickRow(b, "r2.txt", org.openqa.selenium.Keys.CONTROL);
        b.wait.until(d -> !ticked(b, "r2.txt"));
        assertTrue(ticked(b, "r1.txt") && ticked(b, "r3.txt"));
        // a second click on a ticked row unticks it
        clickRow(b, "r1.txt", null);
        b.wait.until(d -> !ticked(b, "r1.txt"));
        assertEquals("1 selected · 6 B", barCount(b));
    }

    /** Creates {@code count} empty folders through the service API, eight requests at a time. */
    static void createFolders(String user, String dir, int count) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Semaphore inFlight = new Semaphore(8);
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        String token = token(user);
        for (int i = 0; i < count; i++) {
            String path = dir + String.format("/e-%04d", i);
            inFlight.acquire();
            all.add(http.sendAsync(HttpRequest.newBuilder(URI.create(BASE + "/nodes" + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "text/xml")
                    .PUT(HttpRequest.BodyPublishers.ofString(containerDoc(path))).build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> inFlight.release()));
        }
        for (CompletableFuture<HttpResponse<String>> f : all) {
            assertEquals(201, f.get().statusCode(), () -> f.join().body());
        }
    }

    @Test
    void inAFolderOf2000TheBarStaysInViewAndSelectAllInTheFolderDeletesEveryOne() throws Exception {
        // bob: his trash takes the 2,000 (the trash tests read alice's)
        String dir = freshFolder("bob");
        long started = System.nanoTime();
        createFolders("bob", dir, 2000);
        System.out.printf("ActionBarE2eTest: 2,000 folders created through the service in %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
        assertEquals("2000", getNode("bob", dir + "?limit=0").value(Props.CHILD_COUNT));

        Browser b = loggedIn("bob");
        // the delete moves 2,000 items into the trash before the page answers
        b.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(300));
        b.open("/storage/vault/list" + dir);
        assertEquals("2,000 items", b.driver.findElement(By.cssSelector(".pathbar .item-count")).getText());
        // scroll down: the next pages load as the sentinel row is revealed (3 rows each in tests)
        for (int i = 0; i < 300 && (i < 12 || (Boolean) b.js(
                "return document.documentElement.scrollHeight < 2 * window.innerHeight + 400")); i++) {
            int before = b.driver.findElements(By.cssSelector("#rows tr.row")).size();
            b.js("window.scrollTo(0, document.documentElement.scrollHeight)");
            b.wait.until(d -> d.findElements(By.cssSelector("#rows tr.row")).size() > before);
        }
        List<WebElement> loaded = b.driver.findElements(By.cssSelector("#rows tr.row"));
        assertTrue(loaded.size() >= 36, "rows loaded: " + loaded.size());
        String last = loaded.get(loaded.size() - 1).getDomAttribute("data-name");
        b.select(last);
        barCount(b);
        // far down the page the bar is on the screen without scrolling back up
        assertTrue((Boolean) b.js("var r = arguments[0].getBoundingClientRect();"
                + " return window.scrollY > 200 && r.top >= 0 && r.bottom <= window.innerHeight;", bar(b)),
                "the bar is in view while the selected row is far down");

        // the header box ticks the loaded rows; the bar offers the whole folder
        b.field("Select all loaded rows").click();
        WebElement all = b.button("Select all 2,000 in this folder");
        all.click();
        b.wait.until(d -> bar(b).findElement(By.cssSelector("[data-all-line]")).isDisplayed());
        assertTrue(bar(b).findElement(By.cssSelector("[data-all-line]")).getText()
                .startsWith("All 2,000 items in this folder selected"));
        b.button(bar(b), "Delete").click();
        WebElement confirm = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        assertEquals("Delete the selected items?", confirm.findElement(By.id("confirm-text")).getText(),
                "the whole folder: not a question about the loaded rows");
        confirm.findElement(By.id("confirm-ok")).click();
        started = System.nanoTime();
        new WebDriverWait(b.driver, Duration.ofSeconds(240), Duration.ofMillis(250))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "2000 items"));
        System.out.printf("ActionBarE2eTest: 2,000 folders deleted (into the trash) through the portal in %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
        assertEquals(0, getNode("bob", dir).children().size(), "every one, not only the loaded rows");
        b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rows"), "This folder is empty"));
    }
}
