package org.vosportal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.vosportal.service.PermissionCases;

/**
 * The rows' context menu (right-click, Shift+F10; Esc closes it; its Rename and Delete work) and
 * cut/copy/paste between folders (the clipboard survives going to another folder), checked
 * through the service; and the drop-target highlight while rows are dragged onto a folder.
 */
@QuarkusTest
class ContextMenuAndClipboardE2eTest extends E2eTestBase {

    static WebElement menu(Browser b) {
        return b.driver.findElement(By.id("context-menu"));
    }

    static boolean ticked(Browser b, String name) {
        return b.waitForRow(name).findElement(By.cssSelector("input[name=path]")).isSelected();
    }

    @Test
    void rightClickSelectsTheRowOpensTheMenuAndItsRenameAndDeleteWork() {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/keep.txt", "keep");
        uploadOk("alice", dir + "/old.txt", "old");
        Browser b = loggedIn("alice");
        b.open("/storage/vault/list" + dir);
        b.select("keep.txt");

        // a right-click on a row that is not selected selects just it
        new Actions(b.driver).contextClick(b.waitForRow("old.txt").findElement(By.cssSelector("td.num"))).perform();
        b.wait.until(d -> menu(b).isDisplayed());
        assertTrue(ticked(b, "old.txt"));
        assertFalse(ticked(b, "keep.txt"), "the other row is no longer selected");
        assertTrue(b.focusIsIn(menu(b)), "the menu has the focus");
        List<String> items = menu(b).findElements(By.cssSelector("button")).stream().filter(WebElement::isDisplayed)
                .map(WebElement::getText).toList();
        assertEquals(List.of("Open", "Download", "Details, permissions and sharing", "Rename", "Cut", "Copy", "Delete"), items);
        b.keys(Keys.ESCAPE);
        b.wait.until(d -> !menu(b).isDisplayed());
        assertEquals("old.txt", b.focused().getText(), "focus back on the row");

        // from the keyboard: Shift+F10 on the focused row
        new Actions(b.driver).keyDown(Keys.SHIFT).sendKeys(Keys.F10).keyUp(Keys.SHIFT).perform();
        b.wait.until(d -> menu(b).isDisplayed());
        b.button(menu(b), "Rename").click();
        WebElement field = b.field("New name for old.txt");
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), "new.txt", Keys.ENTER);
        b.waitForRow("new.txt");
        assertEquals("old", download("alice", dir + "/new.txt").asString());

        // a click elsewhere closes it; its Delete asks, then deletes the row (only it)
        new Actions(b.driver).contextClick(b.waitForRow("new.txt").findElement(By.cssSelector("td.num"))).perform();
        b.wait.until(d -> menu(b).isDisplayed());
        b.driver.findElement(By.id("folder-title")).getRect(); // the page is there
        new Actions(b.driver).click(b.driver.findElement(By.cssSelector(".pathbar"))).perform();
        b.wait.until(d -> !menu(b).isDisplayed());
        new Actions(b.driver).contextClick(b.waitForRow("new.txt").findElement(By.cssSelector("td.num"))).perform();
        b.button(menu(b), "Delete").click();
        WebElement confirm = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        b.wait.until(d -> confirm.findElement(By.id("confirm-text")).getText().contains("new.txt")); // the selection alone
        confirm.findElement(By.id("confirm-ok")).click();
        b.flash("new.txt");
        b.waitForNoRow("new.txt");
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/new.txt").statusCode());
        assertEquals("keep", download("alice", dir + "/keep.txt").asString());
    }

    @Test
    void cutInOneFolderPasteInAnotherMovesCopyPasteCopies() {
        String root = freshFolder("alice");
        String a = root + "/A";
        String bDir = root + "/B";
        mkdir("alice", a);
        mkdir("alice", bDir);
        uploadOk("alice", a + "/moved.txt", "moved");
        uploadOk("alice", a + "/copied.txt", "copied");
        Browser b = loggedIn("alice");
        b.open("/storage/vault/list" + a);
        assertFalse(b.driver.findElement(By.cssSelector("[data-paste]")).isDisplayed(), "nothing to paste yet");

        // Ctrl+X on the selection, then to B: Paste is offered there and moves it
        b.select("moved.txt");
        b.waitForRow("moved.txt").findElement(By.cssSelector("td.name a")).sendKeys(Keys.chord(Keys.CONTROL, "x"));
        b.wait.until(d -> d.findElement(By.cssSelector("[data-paste]")).isDisplayed());
        b.open("/storage/vault/list" + bDir);
        WebElement paste = b.wait.until(d -> {
            WebElement p = d.findElement(By.cssSelector("[data-paste]"));
            return p.isDisplayed() ? p : null;
        });
        assertTrue(paste.getText().contains("1 cut"), paste.getText());
        paste.click();
        assertTrue(b.flash("moved").contains("1 item moved"));
        b.waitForRow("moved.txt");
        assertTrue(b.path().endsWith("/B"), "back in the folder pasted into: " + b.path());
        assertEquals("moved", download("alice", bDir + "/moved.txt").asString());
        assertEquals(404, as("alice").get(BASE + "/nodes" + a + "/moved.txt").statusCode());
        assertFalse(b.driver.findElement(By.cssSelector("[data-paste]")).isDisplayed(), "a cut is pasted once");

        // the bar's Copy in A, Ctrl+V in B: a copy, the original stays
        b.open("/storage/vault/list" + a);
        b.select("copied.txt");
        b.button(b.driver.findElement(By.id("action-bar")), "Copy").click();
        b.open("/storage/vault/list" + bDir);
        b.waitForRow("moved.txt").findElement(By.cssSelector("td.name a")).sendKeys(Keys.chord(Keys.CONTROL, "v"));
        assertTrue(b.flash("copied").contains("1 item copied"));
        b.waitForRow("copied.txt");
        assertEquals(java.util.Set.of("moved.txt", "copied.txt"), PermissionCases.names(getNode("alice", bDir).children()));
        assertEquals("copied", download("alice", a + "/copied.txt").asString());
    }

    @Test
    void aFolderRowIsMarkedAsTheDropTargetWhileRowsAreDraggedOverIt() {
        String dir = freshFolder("alice");
        mkdir("alice", dir + "/into");
        uploadOk("alice", dir + "/f.txt", "f");
        Browser b = loggedIn("alice");
        b.open("/storage/vault/list" + dir);
        WebElement folder = b.waitForRow("into");
        WebElement file = b.waitForRow("f.txt");
        // a drag as the browser dispatches it: dragstart on the row, dragover on the folder row
        b.js("window.dt = new DataTransfer();"
                + "arguments[0].dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: dt}));"
                + "arguments[1].querySelector('td.num').dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: dt}));",
                file, folder);
        assertTrue(folder.getDomAttribute("class").contains("drop-target"), folder.getDomAttribute("class"));
        assertFalse(file.getDomAttribute("class").contains("drop-target"));
        b.js("arguments[0].dispatchEvent(new DragEvent('dragend', {bubbles: true, dataTransfer: dt}));", file);
        assertFalse(folder.getDomAttribute("class").contains("drop-target"), "gone when the drag ends");
    }
}
