package org.vosportal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.vosportal.testsupport.KeycloakAdmin;

/**
 * Issue 10, "expired sessions": a session that ended while the page was open must not look like
 * a permission problem (the header still "alice · Log out", a flash "This is private"). Here it
 * ends for real: its tokens expire ({@link ShortTokensProfile}) and Keycloak no longer refreshes
 * them (the session is ended through the admin API), or the browser has dropped the cookie. The
 * user goes through the login and comes back to the same folder; an action is not replayed but
 * asked for again, in words.
 */
@QuarkusTest
@TestProfile(ShortTokensProfile.class)
class ExpiredSessionE2eTest extends E2eTestBase {

    /** alice in a folder with a sub-folder, her session ended on the server, its tokens expired. */
    Browser endedSessionIn(String dir) throws InterruptedException {
        mkdir("alice", "/alice/" + dir);
        mkdir("alice", "/alice/" + dir + "/sub");
        Browser b = loggedIn("alice");
        b.open(folder(dir));
        b.waitForRow("sub");
        assertTrue(KeycloakAdmin.endSessions("alice", ShortTokensProfile.CLIENT_ID) > 0, "a session to end");
        Thread.sleep((ShortTokensProfile.TOKEN_SECONDS + 2) * 1000L); // the ID token expires: a refresh is due
        return b;
    }

    static String folder(String dir) {
        return "/storage/vault/list/alice/" + enc(dir);
    }

    /** Keycloak's form again (its single sign-on session was ended too), filled in. */
    static void logInAgain(Browser b) {
        b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        b.fillIn("Username or email", "alice");
        b.fillIn("Password", "alice-pw");
        b.button("Sign In").click();
    }

    @Test
    void openingAFolderAfterTheSessionEndedLogsInAndOpensThatFolder() throws Exception {
        String dir = unique("t-ended");
        Browser b = endedSessionIn(dir);
        b.waitForRow("sub").findElement(By.linkText("sub")).click();
        logInAgain(b);
        b.wait.until(d -> b.path().equals(folder(dir) + "/sub"));
        assertEquals("alice", b.driver().findElement(By.cssSelector(".account .who")).getText());
        assertFalse(b.driver().getPageSource().contains("Permission denied"), "not a permission problem");
    }

    @Test
    void aFormSentAfterTheSessionEndedComesBackToTheFolderAndAsksToRepeatIt() throws Exception {
        String dir = unique("t-ended-form");
        Browser b = endedSessionIn(dir);
        b.fillIn("New folder name", "made-too-late");
        b.button("+ Folder").click();
        logInAgain(b);
        b.wait.until(d -> b.path().equals(folder(dir)));
        String flash = b.flash("Your session had expired");
        assertEquals("Your session had expired, so your last action was not carried out. You are logged in again:"
                + " please repeat it.", flash.strip());
        assertEquals("alice", b.driver().findElement(By.cssSelector(".account .who")).getText());
        assertEquals(404, as("alice").get(BASE + "/nodes/alice/" + dir + "/made-too-late").statusCode(),
                "the form is not replayed");
        // the words are said once
        b.open(folder(dir));
        b.waitForRow("sub");
        assertFalse(b.driver().findElement(By.id("flash")).getText().contains("session"), "a one-shot notice");
    }

    /**
     * The browser dropped the session cookie (its Max-Age is up): the next request arrives
     * anonymous. Opening the details of a row got "Permission denied: This is private" in the
     * flash, under a header still saying alice; now it is a login (Keycloak's single sign-on
     * session is alive, so no form) that ends on the same folder.
     */
    @Test
    void aSessionCookieTheBrowserDroppedIsALoginNotAPermissionProblem() {
        String dir = unique("t-dropped");
        mkdir("alice", "/alice/" + dir);
        mkdir("alice", "/alice/" + dir + "/sub");
        Browser b = loggedIn("alice");
        b.open(folder(dir));
        b.waitForRow("sub");
        for (String name : new String[] {"q_session_portal", "q_session_at_portal", "q_session_rt_portal"}) {
            b.driver().manage().deleteCookieNamed(name);
        }
        b.js("window.beforeTheLogin = true");
        b.link(b.waitForRow("sub"), "Details, permissions and sharing of sub").click();
        b.wait.until(d -> b.js("return window.beforeTheLogin") == null && b.path().equals(folder(dir)));
        b.waitForRow("sub");
        assertEquals("alice", b.driver().findElement(By.cssSelector(".account .who")).getText());
        assertFalse(b.driver().findElement(By.id("flash")).getText().contains("private"), "no permission words");
    }

    /** An upload after the session was lost goes through the login back to the folder; nothing is stored meanwhile. */
    @Test
    void anUploadAfterTheSessionCookieWasDroppedLogsInBackToTheFolder() {
        String dir = unique("t-dropped-upload");
        mkdir("alice", "/alice/" + dir);
        Browser b = loggedIn("alice");
        b.open(folder(dir));
        b.wait.until(d -> !d.findElements(By.id("rows")).isEmpty());
        for (String name : new String[] {"q_session_portal", "q_session_at_portal", "q_session_rt_portal"}) {
            b.driver().manage().deleteCookieNamed(name);
        }
        b.js("window.beforeTheLogin = true");
        UploadConflictsE2eTest.drop(b, b.driver().findElement(By.id("rows")), java.util.Map.of("late.txt", "too late"));
        b.wait.until(d -> b.js("return window.beforeTheLogin") == null && b.path().equals(folder(dir)));
        assertEquals("alice", b.driver().findElement(By.cssSelector(".account .who")).getText());
        assertEquals(404, as("alice").get(BASE + "/nodes/alice/" + dir + "/late.txt").statusCode(), "not replayed");
    }
}
