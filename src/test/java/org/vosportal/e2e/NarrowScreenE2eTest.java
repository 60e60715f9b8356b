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

/** A phone's screen (390×844): the toolbar behind a menu button, rows that fit, nothing scrolling sideways. */
@QuarkusTest
class NarrowScreenE2eTest extends E2eTestBase {

    static final String LONG_NAME = "ngc1365-calibrated-stacked-mosaic-with-a-name-that-has-no-spaces-at-all.fits";

    static void assertNoSidewaysScrolling(Browser b, String when) {
        Object widths = b.js("return [document.documentElement.scrollWidth, window.innerWidth]");
        List<?> w = (List<?>) widths;
        assertTrue(((Number) w.get(0)).longValue() <= ((Number) w.get(1)).longValue(),
                "the page scrolls sideways " + when + ": scrollWidth, innerWidth = " + w);
    }

    @Test
    void onAPhoneTheMenuButtonOpensTheToolbarAndNothingScrollsSideways() {
        String dir = freshFolder("alice");
        String deep = dir + "/observations-of-the-andromeda-galaxy/reduced-frames";
        mkdir("alice", dir + "/observations-of-the-andromeda-galaxy");
        mkdir("alice", deep);
        uploadOk("alice", deep + "/" + LONG_NAME, "SIMPLE  =                    T");

        Browser b = loggedIn("alice");
        b.phone();
        b.open("/storage/vault/list" + deep);
        WebElement row = b.waitForRow(LONG_NAME);
        assertEquals(390L, ((Number) b.js("return window.innerWidth")).longValue());
        assertNoSidewaysScrolling(b, "with a long name in the listing");

        // breadcrumbs on one line: the first, the parent and the current folder; those between for screen readers
        List<WebElement> crumbs = b.driver.findElements(By.cssSelector("#listing .crumbs li"));
        WebElement first = crumbs.get(0);
        WebElement parent = crumbs.get(crumbs.size() - 2);
        WebElement current = crumbs.get(crumbs.size() - 1);
        assertEquals("reduced-frames", current.getText());
        assertEquals(first.getRect().getY(), current.getRect().getY(), "one line");
        assertEquals(parent.getRect().getY(), current.getRect().getY(), "one line");
        assertTrue(crumbs.get(1).getRect().getWidth() <= 1, "the crumbs between are folded away");

        // name, size and the row's menu; the date is under the name; no owner, group or date columns
        assertTrue(b.driver.findElement(By.xpath("//th[.//a[normalize-space()='Name']]")).isDisplayed());
        assertTrue(b.driver.findElement(By.xpath("//th[.//a[normalize-space()='Size']]")).isDisplayed());
        for (String hidden : new String[] {"Owner", "Read/Write", "Read"}) {
            assertFalse(b.driver.findElement(By.xpath("//th[normalize-space()='" + hidden + "']")).isDisplayed(), hidden);
        }
        assertFalse(b.driver.findElement(By.xpath("//th[.//a[starts-with(normalize-space(), 'Modified')]]")).isDisplayed());
        assertTrue(row.findElement(By.cssSelector("td.name .meta")).isDisplayed(), "the date, under the name");
        assertTrue(b.button(row, "Actions for " + LONG_NAME).isDisplayed());

        // the toolbar is behind the menu button: it opens and closes by keyboard, Esc closes it
        WebElement menu = b.button("Actions");
        assertEquals("false", menu.getDomAttribute("aria-expanded"));
        WebElement toolbar = b.driver.findElement(By.id(menu.getDomAttribute("aria-controls")));
        assertFalse(toolbar.isDisplayed());
        menu.sendKeys(Keys.ENTER);
        assertEquals("true", menu.getDomAttribute("aria-expanded"));
        assertTrue(toolbar.isDisplayed());
        assertNoSidewaysScrolling(b, "with the menu open");
        b.keys(Keys.ESCAPE);
        assertEquals("false", menu.getDomAttribute("aria-expanded"));
        assertFalse(toolbar.isDisplayed());
        assertTrue(b.hasFocus(menu), "Esc returns to the button");

        // a new folder from the menu
        menu.click();
        b.fillIn("New folder name", "calibration");
        b.button("+ Folder").click();
        b.waitForRow("calibration");
        assertTrue(b.flash("created").contains("calibration"));
        assertEquals("false", b.button("Actions").getDomAttribute("aria-expanded"), "closed again afterwards");

        // the details dialog from a row's menu, as wide as the screen
        row = b.waitForRow(LONG_NAME);
        b.button(row, "Actions for " + LONG_NAME).click();
        b.link(row, "Details, permissions and sharing").click();
        WebElement dialog = b.waitForDialog(LONG_NAME);
        assertTrue(dialog.getRect().getWidth() >= 385, "full width: " + dialog.getRect().getWidth());
        assertTrue(b.focusIsIn(dialog));
        assertNoSidewaysScrolling(b, "with the details dialog open");
        b.button(dialog, "Close").click();
        b.wait.until(d -> !b.isOpen(dialog));
    }
}
