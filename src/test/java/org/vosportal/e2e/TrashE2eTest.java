package org.vosportal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.vosportal.vospace.Props;

/**
 * The trash in a real browser: Delete in a row's menu asks with the item's name (the portal words
 * the question), the row goes, the pathbar's Trash link opens the trash, Restore puts the file back
 * in its folder, with its date.
 */
@QuarkusTest
class TrashE2eTest extends E2eTestBase {

    @Test
    void deleteFromTheRowMenuThenRestoreFromTheTrash() {
        String dir = freshFolder("alice");
        String name = unique("notes") + ".txt";
        uploadOk("alice", dir + "/" + name, "remember this");
        String date = getNode("alice", dir + "/" + name).value(Props.DATE);
        Browser b = loggedIn("alice");
        b.open("/storage/vault/list" + dir);

        b.button(b.waitForRow(name), "Actions for " + name).click();
        b.button(b.waitForRow(name), "Delete").click();
        WebElement confirm = b.driver.findElement(By.id("confirm"));
        b.wait.until(d -> b.isOpen(confirm));
        assertEquals("Move '" + name + "' to the trash? You can restore it for 30 days.",
                confirm.findElement(By.id("confirm-text")).getText());
        b.button(confirm, "Move to trash").click();
        assertTrue(b.flash("trash").contains("Moved '" + name + "' to the trash."));
        b.waitForNoRow(name);

        WebElement trash = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".pathbar a.trash-link")));
        assertTrue(trash.getText().strip().matches("Trash \\(\\d+\\+?\\)"), "with its count: " + trash.getText());
        trash.click();
        b.wait.until(ExpectedConditions.textToBe(By.id("trash-title"), "Trash"));
        By trashRow = By.xpath("//table[contains(@class,'trash')]//tr[@data-name=" + Browser.literal(name) + "]");
        WebElement row = b.wait.until(ExpectedConditions.visibilityOfElementLocated(trashRow));
        assertEquals(dir, row.findElement(By.cssSelector("td.original")).getText());
        b.button(row, "Restore " + name).click();
        b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#flash p.ok"),
                "Restored '" + name + "' to " + dir + "."));
        b.wait.until(ExpectedConditions.invisibilityOfElementLocated(trashRow));

        b.driver.findElement(By.cssSelector(".trash-page p.back a")).click(); // "← Back to your home"
        b.wait.until(d -> b.path().equals("/storage/vault/list/alice"));
        b.open("/storage/vault/list" + dir);
        b.waitForRow(name);
        assertEquals("remember this", download("alice", dir + "/" + name).asString());
        assertEquals(date, getNode("alice", dir + "/" + name).value(Props.DATE), "restored with its date");
    }
}
