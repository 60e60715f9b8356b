package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The script modules: all reachable from main.js, all versioned by the import map the CSP allows, none spelling a URL. */
class PortalAssetsTest {

    static final Path SOURCES = Path.of("src/main/resources/META-INF/resources/portal/js");

    static Set<String> files() throws Exception {
        try (Stream<Path> all = Files.list(SOURCES)) {
            return all.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".js"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void everyModuleIsImportedAndVersioned() throws Exception {
        assertEquals(files(), PortalAssets.MODULES.keySet(), "a module main.js does not reach is dead code");
        JsonObject imports = new JsonObject(PortalAssets.IMPORT_MAP).getJsonObject("imports");
        assertEquals(files().size(), imports.size());
        for (String name : files()) {
            assertEquals("/portal/js/" + name + "?v=" + TemplateGlobals.assetVersion, imports.getString("/portal/js/" + name), name);
        }
    }

    @Test
    void theCspAllowsTheImportMapAndTheThemeLineByTheirHashesAndNoOtherInlineScript() throws Exception {
        String scriptSrc = SecurityHeaders.CSP.replaceAll(".*script-src ([^;]*);.*", "$1");
        String theme = Files.readString(Path.of("src/main/resources/META-INF/resources/portal/theme-first.js")).strip();
        assertEquals("'self' 'sha256-" + sha256(PortalAssets.IMPORT_MAP) + "' 'sha256-" + sha256(theme) + "'", scriptSrc);
        assertEquals(theme, TemplateGlobals.themeScript, "the page writes exactly the text that is hashed");
    }

    static String sha256(String text) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** URLs come from what the server wrote (PortalUrls): a path spelled in a module would drift from it. */
    @Test
    void noModuleSpellsAPortalUrl() throws Exception {
        for (String name : files()) {
            String source = Files.readString(SOURCES.resolve(name));
            assertFalse(source.contains("/storage") || source.contains("/vault"), name + " spells a URL");
        }
    }

    @Test
    void theModuleGraphIsFollowedFromTheEntry() {
        Set<String> fromUploads = PortalAssets.reachableFrom("uploads.js");
        assertTrue(fromUploads.containsAll(Set.of("uploads.js", "conflicts.js", "resumable-upload.js", "xhr.js")), fromUploads.toString());
        assertFalse(fromUploads.contains("main.js"));
    }
}
