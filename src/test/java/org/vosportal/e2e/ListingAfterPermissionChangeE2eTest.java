package org.vosportal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.vosportal.testsupport.KeycloakServer;
import org.vosportal.vospace.Props;

/**
 * Issue 10: permission changes must not rewrite the files' Modified dates, and the listing shows
 * a change made in the details dialog without a reload.
 */
@QuarkusTest
class ListingAfterPermissionChangeE2eTest extends E2eTestBase {

    @Test
    void savingPermissionsInTheDialogUpdatesTheRowsBehindItAndKeepsTheirDates() throws Exception {
        String dir = freshFolder("alice");
        mkdir("alice", dir + "/raw");
        uploadOk("alice", dir + "/raw/cube.fits", "SIMPLE  =                    T");
        uploadOk("alice", dir + "/notes.txt", "notes");
        String rawDate = getNode("alice", dir + "/raw?limit=0").value(Props.DATE);
        String cubeDate = getNode("alice", dir + "/raw/cube.fits").value(Props.DATE);
        Thread.sleep(20); // dates have milliseconds: a rewrite would show

        Browser alice = loggedIn("alice");
        alice.open("/storage/vault/list" + dir);
        String shownDate = dateTitle(alice, "raw");
        alice.js("window.notReloaded = true");
        WebElement dialog = alice.details("raw");
        alice.field(dialog, "Public").click();
        alice.field(dialog, "Read groups").sendKeys(KeycloakServer.GROUP);
        alice.field(dialog, "Apply to everything inside").click();
        alice.button(dialog, "Save permissions").click();

        // the row behind the dialog shows it, in the same page
        alice.wait.until(d -> alice.cell("raw", 7).contains("public") && alice.cell("raw", 7).contains(KeycloakServer.GROUP));
        assertEquals(Boolean.TRUE, alice.js("return window.notReloaded === true"), "no reload");
        assertTrue(alice.isOpen(alice.driver().findElement(By.id("details"))), "the dialog stays open");
        assertEquals(shownDate, dateTitle(alice, "raw"), "Modified is unchanged in the listing");
        assertEquals("", alice.cell("notes.txt", 7), "the other rows are as they were");

        assertEquals(rawDate, getNode("alice", dir + "/raw?limit=0").value(Props.DATE));
        assertEquals(cubeDate, getNode("alice", dir + "/raw/cube.fits").value(Props.DATE), "inside too");
        assertEquals("true", getNode("alice", dir + "/raw/cube.fits").value(Props.IS_PUBLIC), "the change was applied inside");
    }

    /** The full date and time (to the millisecond) a row's Modified cell carries. */
    static String dateTitle(Browser b, String name) {
        return b.wait.until(d -> b.waitForRow(name).findElement(By.cssSelector("td.date")).getDomAttribute("title"));
    }
}
