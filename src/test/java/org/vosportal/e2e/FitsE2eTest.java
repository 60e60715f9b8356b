package org.vosportal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.vosportal.fits.FitsFixtures;

/** Issue 12 in a real browser: a FITS file's headers (searchable), its footprint and a cutout from the details. */
@QuarkusTest
class FitsE2eTest extends E2eTestBase {

    @TempDir
    Path dir;

    @Test
    void theDetailsShowSearchableHeadersTheFootprintAndCutTheImage() throws Exception {
        String folder = freshFolder("alice");
        Path img = FitsFixtures.image(dir, "img.fits", 60, 40);
        assertEquals(201, upload("alice", folder + "/img.fits", Files.readAllBytes(img)).statusCode());

        Browser alice = loggedIn("alice");
        alice.open("/storage/vault/list" + folder);
        WebElement dialog = alice.details("img.fits");
        // the footprint loads by itself beside the cutout form
        alice.wait.until(d -> dialog.findElement(By.id("fits-footprint-slot")).getText().contains("60 × 40 pixels centred on RA"));

        alice.link(dialog, "Show the headers").click();
        WebElement filter = alice.field(dialog, "Search the headers");
        List<WebElement> wcsCards = dialog.findElements(By.cssSelector(".fits-cards .card.wcs"));
        assertFalse(wcsCards.isEmpty(), "WCS cards are marked");
        filter.sendKeys("crval");
        alice.wait.until(d -> dialog.findElements(By.cssSelector(".fits-cards .card")).stream()
                .filter(WebElement::isDisplayed).count() == 2);
        assertTrue(dialog.findElements(By.cssSelector(".fits-cards .card")).stream().filter(WebElement::isDisplayed)
                .allMatch(c -> c.getText().startsWith("CRVAL")), "only the CRVALn cards stay");
        filter.sendKeys("nothing-like-this");
        alice.wait.until(d -> dialog.findElement(By.cssSelector("[data-fits-nomatch]")).isDisplayed());

        WebElement pixels = alice.field(dialog, "Pixels, as in vcp");
        pixels.sendKeys("[5:9,3:4]");
        alice.button(dialog, "Download the cutout").click();
        Path cut = alice.downloaded("img-cutout.fits");
        try (Fits fits = new Fits(cut.toFile())) {
            BasicHDU<?> hdu = fits.read()[0];
            int[][] px = (int[][]) hdu.getKernel();
            assertEquals(2, px.length, "rows 3 and 4");
            assertEquals(5, px[0].length, "columns 5 to 9");
            assertEquals(5 + 1000 * 3, px[0][0]);
            assertEquals(9 + 1000 * 4, px[1][4]);
        }
    }

    @Test
    void aCutoutOffTheImageSaysSoInWords() throws Exception {
        String folder = freshFolder("alice");
        Path img = FitsFixtures.image(dir, "img.fits", 60, 40);
        assertEquals(201, upload("alice", folder + "/off.fits", Files.readAllBytes(img)).statusCode());
        Browser alice = loggedIn("alice");
        alice.open("/storage/vault/list" + folder);
        WebElement dialog = alice.details("off.fits");
        alice.field(dialog, "RA").sendKeys("10");
        alice.field(dialog, "Dec").sendKeys("-30");
        alice.field(dialog, "Radius").sendKeys("0.01");
        alice.button(dialog, "Download the cutout").click();
        alice.wait.until(d -> d.findElement(By.tagName("main")).getText().contains("no overlap"));
        assertTrue(alice.driver.findElement(By.tagName("main")).getText().contains("This cutout cannot be made"));
        assertFalse(alice.driver.getPageSource().contains("Exception"));
    }
}
