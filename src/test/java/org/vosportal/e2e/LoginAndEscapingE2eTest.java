package org.vosportal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Issue 4, scenarios 1 (log in, log out) and 9 (a name made of markup stays text). */
@QuarkusTest
class LoginAndEscapingE2eTest extends E2eTestBase {

    @Test
    void aliceLogsInThroughKeycloakSeesHerHomeAndLogsOut() {
        Browser b = browser("alice");
        b.login("alice", "alice-pw");
        b.wait.until(ExpectedConditions.urlToBe(SERVER + "/storage/vault/list/alice"));
        WebElement crumbs = b.driver.findElement(By.cssSelector("nav[aria-label='Breadcrumbs']"));
        assertTrue(crumbs.getText().contains("alice"), crumbs.getText());
        assertTrue(b.driver.findElement(By.cssSelector(".quota")).getText().contains("of 200.0 MB"), "her quota");
        assertTrue(b.field("New folder name").isDisplayed(), "she can write here");

        b.button("Log out").click();
        // Keycloak ends its session and sends the browser back to the portal, logged out
        b.wait.until(d -> d.getCurrentUrl().startsWith(SERVER + "/storage"));
        b.link("Log in");
        b.open("/storage/vault/list/alice");
        WebElement h1 = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error-page h1")));
        assertTrue(h1.getText().toLowerCase().contains("permission") || h1.getText().toLowerCase().contains("log in"),
                h1.getText());
        assertTrue(b.driver.findElements(By.cssSelector(".account .who")).isEmpty(), "nobody is logged in");
        // and logging in again asks Keycloak for the password: the single sign-on session ended too
        b.link(b.driver.findElement(By.cssSelector(".error-page")), "Log in").click();
        assertTrue(b.field("Password").isDisplayed(), "Keycloak's login form again");
    }

    @Test
    void aNameMadeOfMarkupIsListedAsTextAndRunsNoScript() {
        String dir = freshFolder("alice");
        String evil = "<img src=x onerror=alert(1)>.txt";
        String encoded = "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E.txt";
        assertEquals(201, upload("alice", dir + "/" + encoded, "x".getBytes(StandardCharsets.UTF_8)).statusCode());

        Browser b = loggedIn("alice");
        b.open("/storage/vault/list" + dir);
        WebElement row = b.waitForRow(evil);
        assertEquals(evil, row.findElement(By.cssSelector("td.name > a")).getText().strip(), "the name, as text");
        assertNull(b.alertOrNull(), "no alert opened");
        List<WebElement> injected = b.driver.findElements(By.cssSelector("#listing img, img[src='x'], img[onerror]"));
        assertTrue(injected.isEmpty(), "no img element from the name: " + injected.size());
        // the details dialog shows it as text too
        WebElement dialog = b.details(evil);
        assertTrue(dialog.findElement(By.cssSelector(".info h1")).getText().endsWith(evil));
        assertNull(b.alertOrNull(), "no alert opened in the details dialog");
        assertTrue(b.driver.findElements(By.cssSelector("img[src='x'], img[onerror]")).isEmpty(), "no img element");
        assertEquals(0L, b.js("return document.querySelectorAll('img').length"));
    }
}
