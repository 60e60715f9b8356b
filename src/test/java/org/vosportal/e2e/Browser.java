package org.vosportal.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vosportal.testsupport.Chromium;

/**
 * One person's browser: finds controls by what a person reads (labels, button text, accessible
 * names), waits explicitly for what should appear, and can hand its cookies to a plain HTTP client
 * to fetch what a click would download.
 */
final class Browser {

    static final Duration WAIT = Duration.ofSeconds(20);

    final Chromium.Session session;
    final ChromeDriver driver;
    final String server;
    final WebDriverWait wait;

    Browser(Chromium.Session session, String server) {
        this.session = session;
        this.driver = session.driver();
        this.server = server;
        // htmx swaps rows while a condition reads them: a stale element means "look again"
        this.wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
        this.wait.ignoring(StaleElementReferenceException.class);
    }

    void open(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : server + pathOrUrl);
    }

    String path() {
        return URI.create(driver.getCurrentUrl()).getRawPath();
    }

    /** Goes to the portal, follows "Log in", fills Keycloak's form; back on the portal. */
    void login(String user, String password) {
        open("/storage");
        link("Log in").click();
        fillIn("Username or email", user);
        fillIn("Password", password);
        button("Sign In").click();
        wait.until(d -> URI.create(d.getCurrentUrl()).getPort() == URI.create(server).getPort()
                && d.getCurrentUrl().contains("/storage/"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".account .who"), user));
    }

    /** A phone's screen: a 390×844 mobile viewport (Chromium's device emulation). */
    void phone() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
    }

    // ---- the keyboard and the focus

    /** Types keys wherever the focus is, as a person does (not into a chosen element). */
    void keys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    boolean hasFocus(WebElement e) {
        return Boolean.TRUE.equals(js("return document.activeElement === arguments[0]", e));
    }

    boolean focusIsIn(WebElement e) {
        return Boolean.TRUE.equals(js("return arguments[0].contains(document.activeElement)", e));
    }

    boolean isOpen(WebElement dialog) {
        return Boolean.TRUE.equals(js("return arguments[0].open", dialog));
    }

    // ---- finding things as a person would

    static String literal(String s) {
        if (!s.contains("'")) {
            return "'" + s + "'";
        }
        if (!s.contains("\"")) {
            return "\"" + s + "\"";
        }
        return "concat('" + s.replace("'", "', \"'\", '") + "')";
    }

    /** A button (or submit input) by its text or accessible name, visible ones first. */
    WebElement button(String name) {
        return button(driver, name);
    }

    WebElement button(SearchContext scope, String name) {
        String n = literal(name);
        By by = By.xpath(".//button[normalize-space()=" + n + " or @aria-label=" + n + "]"
                + " | .//input[(@type='submit' or @type='button') and @value=" + n + "]");
        return wait.until(d -> visibleOne(scope, by));
    }

    WebElement link(String text) {
        return link(driver, text);
    }

    WebElement link(SearchContext scope, String text) {
        String n = literal(text);
        By by = By.xpath(".//a[normalize-space()=" + n + " or @aria-label=" + n + "]");
        return wait.until(d -> visibleOne(scope, by));
    }

    /** A form control by its label text (label[for], a wrapping label) or its aria-label. */
    WebElement field(String label) {
        return field(driver, label);
    }

    WebElement field(SearchContext scope, String label) {
        String n = literal(label);
        By by = By.xpath(".//*[(self::input or self::select or self::textarea) and @aria-label=" + n + "]"
                + " | .//input[@id=//label[normalize-space()=" + n + "]/@for]"
                + " | .//label[starts-with(normalize-space(), " + n + ")]//*[self::input or self::select or self::textarea]");
        return wait.until(d -> visibleOne(scope, by));
    }

    /** A control found even when hidden (a file input inside its label). */
    WebElement anyField(String ariaLabel) {
        return wait.until(d -> d.findElement(By.xpath("//input[@aria-label=" + literal(ariaLabel) + "]")));
    }

    private static WebElement visibleOne(SearchContext scope, By by) {
        List<WebElement> all = scope.findElements(by);
        for (WebElement e : all) {
            try {
                if (e.isDisplayed()) {
                    return e;
                }
            } catch (RuntimeException stale) {
                // swapped out by htmx while we looked
            }
        }
        return null;
    }

    void fillIn(String label, String value) {
        WebElement f = field(label);
        f.clear();
        f.sendKeys(value);
    }

    /** The listing's row for a child name ({@code tr.row[data-name]}). */
    By row(String name) {
        return By.xpath("//tbody[@id='rows']/tr[contains(@class,'row') and @data-name=" + literal(name) + "]");
    }

    WebElement waitForRow(String name) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(row(name)));
    }

    void waitForNoRow(String name) {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(row(name)));
    }

    /** Text of a cell of the row: 2 = name, 3 = size, 4 = date, 5 = owner … (1-based, as in the table). */
    String cell(String name, int column) {
        return wait.until(d -> waitForRow(name).findElement(By.xpath("./td[" + column + "]")).getText().strip());
    }

    void select(String name) {
        WebElement box = field(waitForRow(name), "Select " + name);
        if (!box.isSelected()) {
            box.click();
        }
    }

    /** Opens the details dialog of a row (its ⓘ link) and returns the dialog once loaded. */
    WebElement details(String name) {
        waitForRow(name);
        link(waitForRow(name), "Details, permissions and sharing of " + name).click();
        return waitForDialog(name);
    }

    WebElement waitForDialog(String name) {
        return wait.until(d -> {
            WebElement dialog = d.findElement(By.id("details"));
            if (dialog.getDomAttribute("open") == null && !Boolean.TRUE.equals(
                    ((JavascriptExecutor) d).executeScript("return arguments[0].open", dialog))) {
                return null;
            }
            List<WebElement> h1 = dialog.findElements(By.cssSelector(".info h1"));
            return !h1.isEmpty() && h1.get(0).getText().endsWith(": " + name) ? dialog : null;
        });
    }

    /** The flash region's text once it says something. */
    String flash(String contains) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), contains));
        return driver.findElement(By.id("flash")).getText();
    }

    Alert alertOrNull() {
        try {
            return driver.switchTo().alert();
        } catch (NoAlertPresentException e) {
            return null;
        }
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    // ---- downloads

    /** The browser's cookies for the portal, as one Cookie header. */
    String cookieHeader() {
        return driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
    }

    /** GET with this browser's cookies, no redirects followed. */
    HttpResponse<byte[]> fetchWithCookies(String url) {
        return send(HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : server + url))
                .header("Cookie", cookieHeader()).timeout(Duration.ofSeconds(60)).GET().build());
    }

    /** Follows a download link like the browser does: with its cookies to the 303, then to the bytes. */
    byte[] download(String href) {
        HttpResponse<byte[]> r = fetchWithCookies(href);
        for (int i = 0; i < 5 && r.statusCode() / 100 == 3; i++) {
            URI next = r.uri().resolve(r.headers().firstValue("Location").orElseThrow());
            r = plain(next.toString());
        }
        if (r.statusCode() != 200) {
            throw new AssertionError("download of " + href + " answered " + r.statusCode() + ": " + new String(r.body()));
        }
        return r.body();
    }

    static HttpResponse<byte[]> plain(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build());
    }

    static HttpResponse<byte[]> send(HttpRequest req) {
        try {
            return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                    .send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + req.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + req.uri(), e);
        }
    }

    /** Waits until the browser finished downloading a file into its download folder; returns it. */
    Path downloaded(String fileName) {
        Path file = session.downloads().resolve(fileName);
        new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(100)).until(d -> {
            try (Stream<Path> files = Files.list(session.downloads())) {
                boolean partial = files.anyMatch(p -> p.getFileName().toString().endsWith(".crdownload"));
                return !partial && Files.isRegularFile(file);
            } catch (IOException e) {
                return false;
            }
        });
        return file;
    }

    /** Waits for a finished download whose name ends with the suffix; returns its name. */
    String waitForDownload(String suffix) {
        return new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(100)).until(d -> {
            List<String> names = downloads();
            if (names.stream().anyMatch(n -> n.endsWith(".crdownload"))) {
                return null;
            }
            return names.stream().filter(n -> n.endsWith(suffix)).findFirst().orElse(null);
        });
    }

    /** Files in the download folder (names only). */
    List<String> downloads() {
        try (Stream<Path> files = Files.list(session.downloads())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    WebDriver driver() {
        return driver;
    }
}
