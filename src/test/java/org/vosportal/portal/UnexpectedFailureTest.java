package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.vosportal.service.ServiceTestBase;

/**
 * A bug (an unexpected RuntimeException) under /storage is the portal's error page, or an error
 * fragment for htmx, in plain words with an error id, status 500 and no stack trace; the trace
 * is in the log under that id. Under /vault the same bug stays a VOSpace InternalFault.
 * ({@code testsupport.FailingResource} provides the failing endpoints.)
 */
@QuarkusTest
class UnexpectedFailureTest extends ServiceTestBase {

    private static final Pattern ERROR_ID = Pattern.compile("Error id: <code>([0-9a-z]+)</code>");

    @Test
    void aBugUnderStorageIsThePortalsErrorPageWithAnIdAndNoStackTrace() throws Exception {
        HttpResponse<String> page = PortalTest.alice().get("/storage/test-bug");
        assertEquals(500, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String body = page.body();
        assertTrue(body.contains("Something went wrong") && body.contains("<html"), body);
        assertNoInternals(body);
        Matcher id = ERROR_ID.matcher(body);
        assertTrue(id.find(), "the page shows the error id: " + body);
        String log = Files.readString(Path.of("target/quarkus-test.log"));
        int logged = log.indexOf("error id " + id.group(1));
        assertTrue(logged >= 0, "the failure is logged under that id");
        assertTrue(log.indexOf("IllegalStateException", logged) > 0, "with its stack trace");
    }

    @Test
    void aBugDuringAnHtmxRequestIsAnErrorFragmentForTheFlashRegion() {
        HttpResponse<String> r = new PortalSession(SERVER).htmx("/storage/test-bug");
        assertEquals(500, r.statusCode());
        assertEquals("#flash", r.headers().firstValue("HX-Retarget").orElse(null));
        assertFalse(r.body().contains("<html"), "a fragment, not a page");
        assertTrue(r.body().contains("role=\"alert\"") && r.body().matches("(?s).*\\(error id [0-9a-z]+\\).*"),
                r.body());
        assertNoInternals(r.body());
    }

    @Test
    void aBugUnderVaultStaysAVospaceInternalFault() {
        io.restassured.response.Response r = anonymous().get(BASE + "/test-bug");
        assertEquals(500, r.statusCode());
        assertTrue(r.contentType().startsWith("text/plain"), r.contentType());
        assertTrue(r.asString().startsWith("InternalFault"), r.asString());
        assertNoInternals(r.asString());
    }

    private static void assertNoInternals(String body) {
        assertFalse(body.contains("IllegalStateException"), "no exception class");
        assertFalse(body.contains("7f3a"), "no exception message");
        assertFalse(body.matches("(?s).*\\bat [a-z]+\\.[a-zA-Z.$]+\\(.*"), "no stack frame");
        assertFalse(body.contains("Exception"), body);
    }
}
