package org.vosportal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A page on another port of the same host is the same site to a browser: it gets the portal's
 * SameSite=Lax session cookie sent with its form posts, and it can set cookies the portal reads.
 * Such a page plants a CSRF cookie and posts a form echoing it; the real browser's request is
 * refused (Sec-Fetch-Site: same-site) and nothing is created.
 */
@QuarkusTest
class CrossSiteE2eTest extends E2eTestBase {

    @Test
    void aSameSitePageThatPlantsACookieCannotPostAForm() throws Exception {
        String dir = freshFolder("alice");
        String name = unique("planted");
        String planted = "p".repeat(43);
        String page = "<!DOCTYPE html><html><body><form id=f method=post action='" + SERVER + "/storage/vault/mkdir'>"
                + "<input name=parent value='" + dir + "'><input name=name value='" + name + "'>"
                + "<input name=csrf value='" + planted + "'></form><script>"
                + "document.cookie='portal-csrf=" + planted + "; path=/storage';"
                + "document.getElementById('f').submit();</script></body></html>";
        HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attacker.createContext("/", ex -> {
            byte[] b = page.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        attacker.start();
        try {
            Browser b = loggedIn("alice");
            b.open("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
            b.wait.until(d -> d.getCurrentUrl().startsWith(SERVER + "/storage/vault/mkdir"));
            String text = b.driver.findElement(By.cssSelector(".error-page")).getText();
            assertTrue(text.contains("came from another site"), text);
        } finally {
            attacker.stop(0);
        }
        assertEquals(404, as("alice").get(BASE + "/nodes" + dir + "/" + name).statusCode(), "nothing created");
    }
}
