package org.vosportal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.vosportal.testsupport.Chromium;
import org.vosportal.vospace.Props;

/**
 * How the portal looks: the header's toggle switches to the dark scheme and a reload keeps it
 * (the inline line the CSP allows by its hash applies it before the first paint, error pages
 * included); and the screenshots the README shows, taken on every run into
 * target/e2e-screenshots/ and written to docs/ with -Dscreenshots.update=true.
 */
@QuarkusTest
class LookE2eTest extends E2eTestBase {

    private static final Pattern RGB = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)");

    /** The relative luminance (0 black … 1 white) of the page's computed background. */
    static double background(Browser b) {
        String css = (String) b.js("return getComputedStyle(document.body).backgroundColor");
        Matcher m = RGB.matcher(css);
        assertTrue(m.find(), css);
        return (0.2126 * Integer.parseInt(m.group(1)) + 0.7152 * Integer.parseInt(m.group(2))
                + 0.0722 * Integer.parseInt(m.group(3))) / 255;
    }

    static WebElement toggle(Browser b) {
        return b.button("Dark theme");
    }

    @Test
    void theToggleSwitchesToDarkAndAReloadOrAnotherPageKeepsIt() throws Exception {
        Browser b = loggedIn("alice");
        b.open("/storage/vault/list/alice");
        assertTrue(background(b) > 0.9, "light first (the headless browser prefers light)");
        assertEquals("false", toggle(b).getDomAttribute("aria-pressed"));
        // opening the link form next to them makes no other control grow
        WebElement folder = b.button("+ Folder");
        WebElement upload = b.driver.findElement(By.cssSelector("label.upload"));
        int folderHeight = folder.getRect().height;
        int uploadHeight = upload.getRect().height;
        b.driver.findElement(By.cssSelector(".linkform > summary")).click();
        assertTrue(b.field("Link target").isDisplayed());
        assertEquals(folderHeight, folder.getRect().height, "+ Folder keeps its height");
        assertEquals(uploadHeight, upload.getRect().height, "Upload files keeps its height");
        assertEquals(folderHeight, b.button("Create link").getRect().height, "one control height");
        toggle(b).click();
        b.wait.until(d -> background(b) < 0.15);
        assertEquals("true", toggle(b).getDomAttribute("aria-pressed"));
        assertEquals("dark", b.js("return localStorage.getItem('theme')"));

        b.driver.navigate().refresh();
        b.wait.until(d -> !d.findElements(By.id("rows")).isEmpty());
        assertEquals("dark", b.js("return document.documentElement.dataset.theme"), "set by the inline line");
        assertTrue(background(b) < 0.15, "still dark after the reload");
        assertEquals("true", toggle(b).getDomAttribute("aria-pressed"));

        // an error page keeps the header (and the scheme)
        b.open("/storage/vault/list/alice/" + unique("missing"));
        assertTrue(b.driver.findElement(By.cssSelector(".error-page h1")).isDisplayed());
        assertTrue(b.driver.findElement(By.cssSelector("header.topbar .brand")).isDisplayed());
        assertTrue(background(b) < 0.15, "dark on the error page too");
        b.wait.until(d -> (Boolean) b.js("return document.fonts.status === 'loaded'"));
        Files.write(Files.createDirectories(Chromium.SCREENSHOTS).resolve("error-dark.png"), b.driver.getScreenshotAs(OutputType.BYTES));
        toggle(b).click();
        b.wait.until(d -> background(b) > 0.9);
        assertEquals("light", b.js("return localStorage.getItem('theme')"));
    }

    /** The README's pictures: the listing in both schemes, the details dialog, a phone. */
    @Test
    void screenshotsOfTheMainPages() throws Exception {
        String dir = unique("survey");
        mkdir("alice", "/alice/" + dir);
        as("alice").body(containerDoc("/alice/" + dir).replace("<vos:properties/>", "<vos:properties>"
                + prop(Props.GROUP_READ, "ivo://opencadc.org/gms?survey-team") + prop(Props.IS_PUBLIC, "true")
                + "</vos:properties>")).post(BASE + "/nodes/alice/" + dir).then().statusCode(200);
        mkdir("alice", "/alice/" + dir + "/raw");
        mkdir("alice", "/alice/" + dir + "/reduced");
        uploadOk("alice", "/alice/" + dir + "/ngc1365.fits", "SIMPLE  =                    T".repeat(400));
        uploadOk("alice", "/alice/" + dir + "/catalog.csv", "ra,dec\n".repeat(1700));
        uploadOk("alice", "/alice/" + dir + "/notes.txt", "observing log\n".repeat(90));
        as("alice").body(containerDoc("/alice/" + dir + "/raw").replace("<vos:properties/>", "<vos:properties>"
                + prop(Props.GROUP_WRITE, "ivo://opencadc.org/gms?survey-team") + prop(Props.IS_PUBLIC, "true")
                + "</vos:properties>")).post(BASE + "/nodes/alice/" + dir + "/raw").then().statusCode(200);
        Browser b = loggedIn("alice");
        b.open("/storage/vault/list/alice/" + enc(dir));
        b.waitForRow("reduced");
        b.select("ngc1365.fits");
        shoot(b, "listing");

        toggle(b).click();
        b.wait.until(d -> background(b) < 0.15);
        shoot(b, "listing-dark");
        toggle(b).click();
        b.wait.until(d -> background(b) > 0.9);

        WebElement dialog = b.details("ngc1365.fits");
        assertTrue(dialog.findElement(By.cssSelector("table.facts")).isDisplayed());
        shoot(b, "details");
        b.keys(org.openqa.selenium.Keys.ESCAPE);
        b.wait.until(d -> !b.isOpen(dialog));

        b.phone();
        b.driver.navigate().refresh();
        b.waitForRow("reduced");
        shoot(b, "phone");
        assertFalse(b.driver.findElement(By.cssSelector("th.date")).isDisplayed(), "the phone layout");
    }

    /** Into target/e2e-screenshots/{name}.png always; to docs/screenshot-{name}.png with -Dscreenshots.update=true. */
    static void shoot(Browser b, String name) throws Exception {
        byte[] png = b.driver.getScreenshotAs(OutputType.BYTES);
        Path target = Chromium.SCREENSHOTS.resolve(name + ".png");
        Files.createDirectories(target.getParent());
        Files.write(target, png);
        assertTrue(png.length > 10_000, "a real picture: " + name);
        if (Boolean.getBoolean("screenshots.update")) {
            Files.write(Path.of("docs", "screenshot-" + name + ".png"), png);
        }
    }
}
