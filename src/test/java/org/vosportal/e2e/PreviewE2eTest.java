package org.vosportal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import nom.tam.fits.Fits;
import nom.tam.util.FitsOutputStream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Previews in a real browser: the details of a FITS file show its picture (the PNG loads:
 * naturalWidth > 0), and the listing's list | grid toggle shows thumbnails and is remembered.
 */
@QuarkusTest
class PreviewE2eTest extends E2eTestBase {

    static byte[] fits(int nx, int ny) throws Exception {
        float[][] data = new float[ny][nx];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double r2 = Math.pow(x - nx / 2.0, 2) + Math.pow(y - ny / 2.0, 2);
                data[y][x] = (float) (100 + 5000 * Math.exp(-r2 / 200) + (x * 7 + y * 13) % 10);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Fits f = new Fits(); FitsOutputStream o = new FitsOutputStream(out)) {
            f.addHDU(Fits.makeHDU(data));
            f.write(o);
        }
        return out.toByteArray();
    }

    @Test
    void theDetailsOfAFitsFileShowItsPreviewAndTheGridShowsThumbnails() throws Exception {
        String folder = freshFolder("alice");
        assertEquals(201, upload("alice", folder + "/galaxy.fits", fits(120, 80)).statusCode());
        assertEquals(201, upload("alice", folder + "/readme.txt", "hello\n".getBytes(StandardCharsets.UTF_8)).statusCode());
        Browser b = loggedIn("alice");
        b.open("/storage/vault/list" + folder);
        WebElement dialog = b.details("galaxy.fits");
        WebElement img = b.wait.until(d -> dialog.findElement(By.cssSelector("figure.preview img")));
        b.wait.until(d -> ((Number) b.js("return arguments[0].complete ? arguments[0].naturalWidth : 0", img)).intValue() > 0);
        assertEquals(120L, ((Number) b.js("return arguments[0].naturalWidth", img)).longValue());
        assertEquals(80L, ((Number) b.js("return arguments[0].naturalHeight", img)).longValue());
        b.js("arguments[0].scrollIntoView()", img);
        java.nio.file.Files.write(java.nio.file.Files.createDirectories(org.vosportal.testsupport.Chromium.SCREENSHOTS)
                .resolve("details-preview.png"), b.driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        b.keys(org.openqa.selenium.Keys.ESCAPE);
        b.wait.until(d -> !b.isOpen(d.findElement(By.id("details"))));

        WebElement grid = b.driver.findElement(By.cssSelector("[data-view-toggle] button[data-view=grid]"));
        assertEquals("false", grid.getDomAttribute("aria-pressed"));
        WebElement thumb = b.waitForRow("galaxy.fits").findElement(By.cssSelector("img.thumb"));
        assertTrue(!thumb.isDisplayed(), "no thumbnail in the list");
        grid.click();
        assertEquals("grid", b.js("return document.documentElement.dataset.listingView"));
        assertEquals("grid", b.js("return localStorage.getItem('listing-view')"));
        b.wait.until(d -> thumb.isDisplayed());
        b.wait.until(d -> ((Number) b.js("return arguments[0].complete ? arguments[0].naturalWidth : 0", thumb)).intValue() > 0);
        java.nio.file.Files.write(java.nio.file.Files.createDirectories(org.vosportal.testsupport.Chromium.SCREENSHOTS)
                .resolve("grid.png"), b.driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        WebElement icon = b.waitForRow("readme.txt").findElement(By.cssSelector(".icon-text"));
        assertTrue(icon.isDisplayed() && icon.getRect().height > 40, "a large icon for a file without a picture");

        b.driver.navigate().refresh();
        b.waitForRow("galaxy.fits");
        assertEquals("grid", b.js("return document.documentElement.dataset.listingView"), "remembered");
        assertEquals("true", b.driver.findElement(By.cssSelector("[data-view-toggle] button[data-view=grid]")).getDomAttribute("aria-pressed"));
        b.driver.findElement(By.cssSelector("[data-view-toggle] button[data-view=list]")).click();
        assertEquals("list", b.js("return localStorage.getItem('listing-view')"));
        assertTrue(!b.waitForRow("galaxy.fits").findElement(By.cssSelector("img.thumb")).isDisplayed());
    }

    /** The first lines of a CSV file load into its details as a table, and the details stay. */
    @Test
    void theDetailsOfACsvFileShowItsFirstLinesAsATable() throws Exception {
        String folder = freshFolder("alice");
        assertEquals(201, upload("alice", folder + "/stars.csv",
                "name,ra,dec\nVega,279.23,38.78\n<b>x</b>,1,2\n".getBytes(StandardCharsets.UTF_8)).statusCode());
        Browser b = loggedIn("alice");
        b.open("/storage/vault/list" + folder);
        WebElement dialog = b.details("stars.csv");
        WebElement table = b.wait.until(d -> dialog.findElement(By.cssSelector("#text-preview-slot table")));
        assertTrue(table.getText().contains("Vega"), table.getText());
        assertTrue(table.getText().contains("<b>x</b>"), "markup shown as text: " + table.getText());
        // the fragment went into its slot, not over the dialog
        assertTrue(dialog.findElement(By.cssSelector(".info h1")).getText().endsWith(": stars.csv"));
    }
}
