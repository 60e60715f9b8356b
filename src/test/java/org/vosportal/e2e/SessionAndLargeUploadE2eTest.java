package org.vosportal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vosportal.testsupport.Chromium;
import org.vosportal.vospace.Props;

/**
 * Issue 4, scenarios 10 (an expired session during an htmx action) and 11 (a 300 MB upload with
 * progress, cut off and resumed). The README's screenshots are LookE2eTest's.
 */
@QuarkusTest
class SessionAndLargeUploadE2eTest extends E2eTestBase {

    @Test
    void anExpiredSessionDuringAnHtmxActionGoesToTheLoginForm() {
        Browser b = loggedIn("alice");
        String dir = unique("expiry");
        mkdir("alice", "/alice/" + dir);
        uploadOk("alice", "/alice/" + dir + "/f.txt", "f");
        b.open("/storage/vault/list/alice/" + enc(dir));
        b.waitForRow("f.txt");
        // the session cookie stops being valid (as after expiry or a server-side revocation)
        b.driver().manage().deleteCookieNamed("q_session_portal");
        b.driver().manage().addCookie(new Cookie("q_session_portal", "expired-or-damaged", "/"));
        b.link(b.waitForRow("f.txt"), "Details, permissions and sharing of f.txt").click();
        // the whole page goes through the login: Keycloak's form, or (its single sign-on session
        // still alive) straight back, logged in afresh, on the page it was on
        new WebDriverWait(b.driver(), Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("password")).isEmpty()
                || d.getCurrentUrl().endsWith("/storage/vault/list/alice/" + enc(dir)));
        assertTrue(b.driver().findElements(By.cssSelector("dialog#details[open]")).isEmpty(),
                "nothing was swapped into the dialog");
        if (b.driver().findElements(By.id("password")).isEmpty()) {
            assertEquals("alice", b.driver().findElement(By.cssSelector(".account .who")).getText());
            assertFalse(b.driver().getPageSource().contains("NotAuthenticated"), "no error text");
        }
    }

    @Test
    void aLargeUploadShowsProgressAndResumesAfterTheConnectionIsCut() throws Exception {
        String dir = unique("large");
        mkdir("bob", "/bob/" + dir);
        Path file = Chromium.ROOT.resolve(dir + "-300MB.bin");
        Files.createDirectories(file.getParent());
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        byte[] chunk = new byte[1 << 20];
        Random random = new Random(42);
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), md5)) {
            for (int i = 0; i < 300; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        String expected = HexFormat.of().formatHex(md5.digest());
        try {
            Browser b = loggedIn("bob");
            String listing = "/storage/vault/list/bob/" + enc(dir);
            b.open(listing);
            b.anyField("Upload files").sendKeys(file.toString());
            WebDriverWait wait = new WebDriverWait(b.driver(), Duration.ofSeconds(120), Duration.ofMillis(50));
            WebElement bar = wait.until(d -> d.findElement(By.cssSelector("progress[aria-label='Progress of "
                    + file.getFileName() + "']")));
            // the progress indicator advances
            double first = wait.until(d -> {
                double v = Double.parseDouble(bar.getDomProperty("value"));
                return v > 0 ? v : null;
            });
            wait.until(d -> Double.parseDouble(bar.getDomProperty("value")) > first);
            // wait until a good part went up, then cut the connection by leaving the page
            wait.until(d -> Double.parseDouble(bar.getDomProperty("value")) > 100L * 1024 * 1024);
            b.open(listing);
            assertEquals(404, as("bob").get(BASE + "/nodes/bob/" + dir + "/" + file.getFileName()).statusCode(),
                    "nothing visible before the upload completes");
            Object pending = b.js("return Object.keys(localStorage).filter(k => k.startsWith('upload:')).length");
            assertEquals(1L, pending, "the browser remembers the unfinished upload");
            // choose the same file again: it continues where the service is
            b.anyField("Upload files").sendKeys(file.toString());
            WebElement bar2 = wait.until(d -> d.findElement(By.cssSelector("progress[aria-label='Progress of "
                    + file.getFileName() + "']")));
            double resumedAt = wait.until(d -> {
                double v = Double.parseDouble(bar2.getDomProperty("value"));
                return v > 0 ? v : null;
            });
            assertTrue(resumedAt >= 64L * 1024 * 1024, "resumed from the service's offset, not from 0: " + resumedAt);
            wait.until(d -> d.findElement(By.id("transfers")).getText().contains("done ✓"));
            b.waitForRow(file.getFileName().toString());
            assertEquals(expected, getNode("bob", "/bob/" + dir + "/" + file.getFileName()).value(Props.MD5));
            assertEquals(0L, b.js("return Object.keys(localStorage).filter(k => k.startsWith('upload:')).length"));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
