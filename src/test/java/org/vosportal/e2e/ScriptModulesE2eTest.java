package org.vosportal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The script is ES modules: each one is fetched with this start's ?v= (through the import map the
 * CSP allows by its hash: were it blocked, the modules would load without it), and they run.
 */
@QuarkusTest
class ScriptModulesE2eTest extends E2eTestBase {

    @Test
    void everyModuleIsFetchedWithTheVersionOfThisStartAndRuns() {
        Browser b = loggedIn("alice");
        b.wait.until(d -> !d.findElements(By.cssSelector(".toolbar-menu > .menu-toggle")).isEmpty()); // menus.js ran
        @SuppressWarnings("unchecked")
        Map<String, String> imports = (Map<String, String>) b.js(
                "return JSON.parse(document.querySelector('script[type=importmap]').textContent).imports");
        String version = b.driver.findElement(By.cssSelector("script[type=module]")).getDomAttribute("src").replaceAll(".*\\?v=", "");
        assertFalse(version.isEmpty());
        Set<String> expected = new TreeSet<>();
        imports.forEach((plain, versioned) -> {
            assertEquals(plain + "?v=" + version, versioned);
            expected.add(SERVER + versioned);
        });
        assertTrue(expected.size() > 10, "one module per behaviour: " + expected);
        @SuppressWarnings("unchecked")
        List<String> fetched = (List<String>) b.js("return performance.getEntriesByType('resource')"
                + ".map(e => e.name).filter(n => n.indexOf('/portal/js/') >= 0)");
        assertEquals(expected, new TreeSet<>(fetched), "every module fetched, each with ?v=" + version);
        assertTrue(b.driver.findElement(By.cssSelector("label.upload")).isDisplayed(), "the uploads, shown by script");
    }
}
