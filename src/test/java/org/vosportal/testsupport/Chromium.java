package org.vosportal.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Real headless Chromium for the browser tests: Debian's {@code chromium} and {@code
 * chromium-driver} (installed by {@code deploy/chromium.sh} when missing), one fresh profile and
 * download folder per browser under {@code target/e2e-browsers/}. Every browser opened is
 * remembered until {@link #quitAll()}, so a failing test can be photographed first
 * ({@link #screenshotAll(String)}, into {@code target/e2e-screenshots/}).
 *
 * <pre>
 *   Chromium.Session s = Chromium.open("alice");
 *   s.driver().get(url);
 *   ...
 *   Chromium.quitAll();   // in @AfterEach
 * </pre>
 */
public final class Chromium {

    public static final String BINARY = DeployScript.setting("chromium.binary", "CHROMIUM_BIN", "/usr/bin/chromium");
    public static final String DRIVER = DeployScript.setting("chromium.driver", "CHROMEDRIVER_BIN", "/usr/bin/chromedriver");
    public static final Path ROOT = Path.of("target", "e2e-browsers").toAbsolutePath();
    public static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots").toAbsolutePath();

    private static final List<Session> OPEN = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;

    /** One browser: its driver, its download folder, its profile. */
    public record Session(String label, ChromeDriver driver, ChromeDriverService service, Path downloads, Path profile) {
    }

    private Chromium() {
    }

    /** Runs {@code deploy/chromium.sh} once per JVM (apt-get install when chromium is missing). */
    public static synchronized void ensureInstalled() {
        if (installed) {
            return;
        }
        if (!new File(BINARY).canExecute() || !new File(DRIVER).canExecute()) {
            DeployScript.run("chromium.sh", Map.of("CHROMIUM_BIN", BINARY, "CHROMEDRIVER_BIN", DRIVER), 900);
        }
        installed = true;
    }

    /** A fresh browser with no cookies; {@code label} names its screenshots. */
    public static Session open(String label) {
        return open(label, true);
    }

    /** The same, with JavaScript switched off when {@code javascript} is false. */
    public static Session open(String label, boolean javascript) {
        ensureInstalled();
        Path dir = ROOT.resolve(label + "-" + UUID.randomUUID().toString().substring(0, 8));
        Path downloads = dir.resolve("downloads");
        Path profile = dir.resolve("profile");
        try {
            Files.createDirectories(downloads);
            Files.createDirectories(profile);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir, e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("safebrowsing.enabled", false);
        if (!javascript) {
            prefs.put("profile.managed_default_content_settings.javascript", 2);
        }
        options.setExperimentalOption("prefs", prefs);
        // an unexpected alert() stays open, so a test can see it (rather than it being dismissed)
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        options.setPageLoadTimeout(Duration.ofSeconds(30));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString(), "eventsEnabled", false));
        Session s = new Session(label, driver, service, downloads, profile);
        OPEN.add(s);
        return s;
    }

    /** Saves a PNG of every open browser as {@code <test>-<label>.png}; never throws. */
    public static List<Path> screenshotAll(String testName) {
        List<Path> saved = new ArrayList<>();
        for (Session s : OPEN) {
            try {
                Files.createDirectories(SCREENSHOTS);
                Path png = SCREENSHOTS.resolve((testName + "-" + s.label()).replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
                try {
                    // an open alert blocks screenshots: record it and close it first
                    String text = s.driver().switchTo().alert().getText();
                    s.driver().switchTo().alert().dismiss();
                    Files.writeString(png.resolveSibling(png.getFileName() + ".alert.txt"), text);
                } catch (RuntimeException noAlert) {
                    // the usual case
                }
                Files.write(png, s.driver().getScreenshotAs(OutputType.BYTES));
                Files.writeString(png.resolveSibling(png.getFileName().toString().replace(".png", ".html")),
                        s.driver().getCurrentUrl() + "\n" + s.driver().getPageSource());
                saved.add(png);
            } catch (RuntimeException | IOException e) {
                System.err.println("screenshot of " + s.label() + " failed: " + e);
            }
        }
        return saved;
    }

    /** Quits every open browser (and its chromedriver), removing the profiles. */
    public static void quitAll() {
        for (Session s : OPEN) {
            OPEN.remove(s);
            try {
                s.driver().quit();
            } catch (RuntimeException e) {
                System.err.println("quitting " + s.label() + ": " + e);
            }
            try {
                s.service().stop();
            } catch (RuntimeException e) {
                // already gone with the driver
            }
            deleteTree(s.profile());
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: target/ is cleaned by mvn clean anyway
        }
    }

}
