package org.vosportal.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.vosportal.service.PermissionCases;
import org.vosportal.vospace.Props;

/**
 * Issue 10, "deep links survive login": bob opens a link alice sent him (a folder, a file's
 * details, a file's download) without being logged in, gets "Permission denied", logs in, and is
 * where the link pointed, not on his home. Only ever a path of the portal.
 */
@QuarkusTest
class DeepLinkLoginE2eTest extends E2eTestBase {

    static final byte[] REPORT = "ra,dec\n10.68,41.27\n".getBytes(StandardCharsets.UTF_8);

    String homeGroups;
    String shared;

    /** /alice/dl-…/shared for survey-team (bob), with report.csv; the folders above readable for the team. */
    @BeforeEach
    void aliceSharesAFolderWithTheTeam() {
        homeGroups = getNode("alice", "/alice?limit=0").value(Props.GROUP_READ);
        setHome(prop(Props.GROUP_READ, PermissionCases.GROUP));
        String dir = "/alice/t-dl-" + UUID.randomUUID().toString().substring(0, 8);
        shared = dir + "/shared";
        for (String path : new String[] {dir, shared, shared + "/report.csv"}) {
            as("alice").body(PermissionCases.nodeDoc(path, path.endsWith(".csv") ? "vos:DataNode" : "vos:ContainerNode",
                    prop(Props.GROUP_READ, PermissionCases.GROUP))).put(BASE + "/nodes" + path).then().statusCode(201);
        }
        assertEquals(201, upload("alice", shared + "/report.csv", REPORT).statusCode());
    }

    @AfterEach
    void restoreTheHome() {
        setHome(homeGroups == null ? nilProp(Props.GROUP_READ) : prop(Props.GROUP_READ, homeGroups));
    }

    static void setHome(String props) {
        PermissionCases.setProps("alice", "/alice", "vos:ContainerNode", props);
    }

    /** A fresh browser opens the link: "Permission denied", with a Log in button that leads to Keycloak's form. */
    static Browser deniedThenLoggedIn(String link) {
        Browser bob = browser("bob");
        bob.open(link);
        WebElement h1 = bob.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error-page h1")));
        assertEquals("Permission denied", h1.getText());
        bob.link(bob.driver().findElement(By.cssSelector(".error-page")), "Log in").click();
        bob.fillIn("Username or email", "bob");
        bob.fillIn("Password", "bob-pw");
        bob.button("Sign In").click();
        return bob;
    }

    @Test
    void aFolderLinkLandsOnThatFolder() {
        String link = "/storage/vault/list" + shared;
        Browser bob = deniedThenLoggedIn(link);
        bob.wait.until(d -> bob.path().equals(link));
        bob.waitForRow("report.csv");
        assertEquals("bob", bob.driver().findElement(By.cssSelector(".account .who")).getText());
    }

    @Test
    void aDetailsLinkLandsOnTheDetails() {
        String link = "/storage/vault/info" + shared + "/report.csv";
        Browser bob = deniedThenLoggedIn(link);
        bob.wait.until(d -> bob.path().equals(link));
        WebElement h1 = bob.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".info h1")));
        assertEquals("File: report.csv", h1.getText());
    }

    @Test
    void aDownloadLinkDownloadsTheFile() throws Exception {
        Browser bob = deniedThenLoggedIn("/storage/vault/download" + shared + "/report.csv");
        assertArrayEquals(REPORT, Files.readAllBytes(bob.downloaded("report.csv")));
    }

    /** A return address to another site is not followed: the login ends on the user's home. */
    @Test
    void aLoginNeverReturnsToAnotherSite() {
        Browser bob = browser("bob");
        bob.open("/storage/login?next=%2F%2Fevil.example%2Fstorage");
        bob.fillIn("Username or email", "bob");
        bob.fillIn("Password", "bob-pw");
        bob.button("Sign In").click();
        bob.wait.until(ExpectedConditions.urlToBe(SERVER + "/storage/vault/list/bob"));
    }
}
