package org.vosportal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** Keyboard use: inline rename with F2 (saved, cancelled, refused); focus into dialogs and back. */
@QuarkusTest
class KeyboardAndDialogsE2eTest extends E2eTestBase {

    @Test
    void f2RenamesInTheRowEnterSavesEscCancelsABadNameIsRefused() {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/notes.txt", "the notes");
        Browser b = loggedIn("alice");
        b.open("/storage/vault/list" + dir);
        b.waitForRow("notes.txt");

        // keyboard only: ↓ goes to the row, F2 turns its name into a field, the name chosen up to the extension
        b.keys(Keys.ARROW_DOWN);
        assertEquals("notes.txt", b.focused().getText());
        b.keys(Keys.F2);
        WebElement field = b.field("New name for notes.txt");
        assertTrue(b.hasFocus(field));
        assertEquals("notes", b.js("var f = arguments[0]; return f.value.substring(f.selectionStart, f.selectionEnd)", field));
        b.keys("minutes", Keys.ENTER);
        b.waitForRow("minutes.txt");
        b.waitForNoRow("notes.txt");
        assertTrue(b.flash("renamed").contains("renamed"));
        b.wait.until(d -> "minutes.txt".equals(b.focused().getText()));
        assertEquals("the notes", download("alice", dir + "/minutes.txt").asString());
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/notes.txt").statusCode());

        // Esc: the name comes back, the focus too, nothing changed in the service
        b.keys(Keys.F2);
        b.field("New name for minutes.txt");
        b.keys("abandoned", Keys.ESCAPE);
        b.wait.until(d -> d.findElements(By.cssSelector("#rows input[type=text]")).isEmpty());
        assertEquals("minutes.txt", b.focused().getText());
        b.waitForRow("minutes.txt");
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/abandoned.txt").statusCode());

        // a name with a slash is refused: the message says why, the field stays for another try
        b.keys(Keys.F2);
        WebElement again = b.field("New name for minutes.txt");
        b.keys("a/b", Keys.ENTER); // over the chosen "minutes": a/b.txt
        assertTrue(b.flash("cannot be a name").contains("'a/b.txt' cannot be a name"));
        b.wait.until(d -> "true".equals(again.getDomAttribute("aria-invalid")));
        assertTrue(b.hasFocus(again), "the field keeps the focus");
        assertEquals("the notes", download("alice", dir + "/minutes.txt").asString());
        b.keys(Keys.ESCAPE);
        b.wait.until(d -> d.findElements(By.cssSelector("#rows input[type=text]")).isEmpty());
        b.waitForRow("minutes.txt");
        assertEquals("minutes.txt", b.focused().getText());
    }

    @Test
    void dialogsTakeTheFocusAndEscGivesItBackToWhatOpenedThem() {
        String dir = freshFolder("alice");
        uploadOk("alice", dir + "/data.csv", "ra,dec\n");
        Browser b = loggedIn("alice");
        b.open("/storage/vault/list" + dir);

        // the details dialog, opened from the row's ⓘ by keyboard: its title has the focus and names it
        WebElement info = b.link(b.waitForRow("data.csv"), "Details, permissions and sharing of data.csv");
        info.sendKeys(Keys.ENTER);
        WebElement dialog = b.waitForDialog("data.csv");
        b.wait.until(d -> b.focusIsIn(dialog));
        WebElement title = b.driver.findElement(By.id(dialog.getDomAttribute("aria-labelledby")));
        assertEquals("File: data.csv", title.getText());
        assertTrue(b.hasFocus(title), "focus on the dialog's title");
        b.keys(Keys.ESCAPE);
        b.wait.until(d -> !b.isOpen(dialog));
        b.wait.until(d -> b.hasFocus(info));

        // opened from the row's menu: focus returns to the menu's button (the menu closed behind it)
        WebElement menu = b.button(b.waitForRow("data.csv"), "Actions for data.csv");
        menu.sendKeys(Keys.ENTER);
        assertEquals("true", menu.getDomAttribute("aria-expanded"));
        b.link(b.waitForRow("data.csv"), "Details, permissions and sharing").click();
        b.waitForDialog("data.csv");
        b.wait.until(d -> b.focusIsIn(dialog));
        assertEquals("false", menu.getDomAttribute("aria-expanded"));
        b.keys(Keys.ESCAPE);
        b.wait.until(d -> !b.isOpen(dialog));
        b.wait.until(d -> b.hasFocus(menu));

        // the folder picker (the action bar's Move to…): the same; Esc moves nothing
        b.select("data.csv");
        WebElement choose = b.button("Move to…");
        choose.sendKeys(Keys.ENTER);
        WebElement picker = b.driver.findElement(By.id("picker"));
        b.wait.until(d -> b.isOpen(picker) && b.focusIsIn(picker));
        b.keys(Keys.ESCAPE);
        b.wait.until(d -> !b.isOpen(picker));
        b.wait.until(d -> b.hasFocus(choose));
        assertEquals(200, as("alice").get(BASE + "/nodes" + dir + "/data.csv").statusCode());
        b.field("Select data.csv").click();

        // the confirmation asks with the focus on Cancel; Esc keeps the file and returns to the menu
        menu.sendKeys(Keys.ENTER);
        b.button(b.waitForRow("data.csv"), "Delete").click();
        WebElement confirm = b.driver.findElement(By.id("confirm"));
        b.wait.until(d -> b.isOpen(confirm));
        assertEquals("Move 'data.csv' to the trash? You can restore it for 30 days.", b.driver.findElement(By.id(confirm.getDomAttribute("aria-labelledby"))).getText());
        assertTrue(b.hasFocus(b.button(confirm, "Cancel")), "the safe choice has the focus");
        b.keys(Keys.ESCAPE);
        b.wait.until(d -> !b.isOpen(confirm));
        b.wait.until(d -> b.hasFocus(menu));
        assertEquals(200, as("alice").get(BASE + "/nodes" + dir + "/data.csv").statusCode());

        // the keyboard shortcuts: ? opens them, Esc returns to the row (↓ from the menu's button goes there)
        WebElement name = b.waitForRow("data.csv").findElement(By.linkText("data.csv"));
        b.keys(Keys.ARROW_DOWN);
        b.wait.until(d -> b.hasFocus(name));
        b.keys("?");
        WebElement help = b.driver.findElement(By.id("shortcuts"));
        b.wait.until(d -> b.isOpen(help) && b.focusIsIn(help));
        b.keys(Keys.ESCAPE);
        b.wait.until(d -> !b.isOpen(help));
        b.wait.until(d -> b.hasFocus(name));
    }
}
