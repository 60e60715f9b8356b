package org.vosportal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.vosportal.testsupport.Chromium;

/**
 * With JavaScript switched off the portal still works: every action is a real form or link
 * (htmx and the script modules only come on top). Logs in, creates a folder, renames and deletes files with
 * the plain forms, and opens the details page.
 */
@QuarkusTest
class NoScriptE2eTest extends E2eTestBase {

    @Test
    void withoutJavaScriptFoldersRenameDeleteAndDetailsWork() {
        Browser alice = new Browser(Chromium.open("alice-noscript", false), SERVER);
        alice.login("alice", "alice-pw");
        alice.open("/storage/vault/list/alice");
        // the script (menus.js) would show the upload buttons: hidden means no script ran
        WebElement uploads = alice.driver.findElement(By.cssSelector("label.upload"));
        assertFalse(uploads.isDisplayed(), "uploads need JavaScript: not offered");

        // create a folder with the toolbar's plain form
        String name = unique("plain");
        alice.field("New folder name").sendKeys(name);
        alice.button("+ Folder").click();
        alice.waitForRow(name);
        String dir = "/alice/" + name;
        assertEquals(201, upload("alice", dir + "/one.txt", "one".getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals(201, upload("alice", dir + "/two.txt", "two".getBytes(StandardCharsets.UTF_8)).statusCode());

        // rename with the selection form: tick, type, submit
        alice.open("/storage/vault/list" + dir);
        alice.field("Select one.txt").click();
        alice.field("New name").sendKeys("uno.txt");
        alice.button("Rename").click();
        alice.waitForRow("uno.txt");
        assertTrue(alice.driver.findElements(By.cssSelector("tr[data-name='one.txt']")).isEmpty(), "renamed");

        // delete from a row menu (a <details> opens without script; its Delete is a one-item form)
        WebElement row = alice.waitForRow("two.txt");
        row.findElement(By.cssSelector("details.row-menu summary")).click();
        alice.button(row, "Delete").click();
        alice.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr[data-name='two.txt']"), 0));
        assertEquals(404, download("alice", dir + "/two.txt").statusCode(), "gone from the service too");
        assertFalse(alice.driver.findElements(By.cssSelector("tr[data-name='uno.txt']")).isEmpty(), "the other stays");

        // the details link is a page of its own
        alice.waitForRow("uno.txt").findElement(By.cssSelector("a.details")).click();
        alice.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "uno.txt"));
    }
}
