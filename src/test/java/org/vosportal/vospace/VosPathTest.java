package org.vosportal.vospace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VosPathTest {

    @Test
    void parsesAndEncodesNames() {
        VosPath p = UriCodec.parseRawPath("/alice/a%20b/%C3%A9t%C3%A9.fits");
        assertEquals("/alice/a b/été.fits", p.toString());
        assertEquals("/alice/a%20b/%C3%A9t%C3%A9.fits", p.toUrlPath());
        assertEquals("été.fits", p.name());
        assertEquals(VosPath.parse("/alice/a b"), p.parent());
        assertTrue(p.isWithin(VosPath.parse("/alice")));
        assertEquals(VosPath.ROOT, UriCodec.parseRawPath("/"));
        assertEquals(VosPath.parse("/a/b"), UriCodec.parseRawPath("//a///b/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a/../b", "/a/./b", "/a/%2e%2e/b", "/a/%2E%2E", "/a/b%2fc", "/a/b%5cc", "/a/%252e%252e/b",
        "/a/%252fetc", "/a/x%00y", "/a/x%0ay", "/a/%7f", "/a/%zz", "/a/%e9", "/a/x\\y"})
    void rejectsTraversalAndEncodingTricks(String raw) {
        assertThrows(InvalidNameException.class, () -> UriCodec.parseRawPath(raw));
    }

    @Test
    void rejectsOverlongNamesButAcceptsSpacesAndUnicode() {
        String ok = "x".repeat(255);
        assertEquals(ok, VosPath.checkName(ok));
        assertThrows(InvalidNameException.class, () -> VosPath.checkName("x".repeat(256)));
        // 128 two-byte characters = 256 bytes
        assertThrows(InvalidNameException.class, () -> VosPath.checkName("é".repeat(128)));
        assertEquals("a file (1).fits", VosPath.checkName("a file (1).fits"));
        assertThrows(InvalidNameException.class, () -> VosPath.checkName(""));
    }

    /** Invisible characters make names that look like others ("\u202Etxt.exe" shows as "exe.txt"). */
    @ParameterizedTest
    @ValueSource(strings = {"\u202Etxt.exe", "a\u200Bb", "\uFEFFbom", "soft\u00ADhyphen", "join\u200Der",
        "\u2066isolate\u2069", "tag\uDB40\uDC01", "c1\u0085", "lone\uD800surrogate"})
    void refusesInvisibleAndInvalidCharacters(String name) {
        assertThrows(InvalidNameException.class, () -> VosPath.checkName(name));
        assertThrows(InvalidNameException.class, () -> VosPath.parse("/alice/" + name));
    }

    @Test
    void nfcMakesUnicodeTwinsOneName() {
        VosPath nfd = VosPath.parse("/alice/e\u0301te\u0301/x");
        VosPath nfc = VosPath.parse("/alice/\u00e9t\u00e9/x");
        assertNotEquals(nfc, nfd, "parse keeps a name as given (the portal names other services' nodes exactly)");
        assertEquals(nfc, nfd.nfc());
        assertSame(nfc, nfc.nfc());
        assertEquals("\u00e9t\u00e9", VosPath.nfc("e\u0301te\u0301"));
        // letters of other scripts and emoji stay valid names
        assertEquals("\u65e5\u672c \ud83d\udd2d.fits", VosPath.checkName("\u65e5\u672c \ud83d\udd2d.fits"));
    }

    @Test
    void vosUriAcceptsBothAuthorityFormsAndDropsQuery() {
        VosUri a = VosUri.parse("vos://opencadc.org!vault/alice/x.txt");
        VosUri b = VosUri.parse("vos://opencadc.org~vault/alice/x.txt?cutout=[1]");
        assertEquals(a, b);
        assertEquals("vos://opencadc.org~vault/alice/x.txt", a.toString());
        assertEquals("vos://opencadc.org~vault", VosUri.parse("vos://opencadc.org~vault").toString());
        assertEquals("vos://opencadc.org~vault/a/b%20c", VosUri.parse("vos://opencadc.org~vault/a/b%20c").toString());
        assertThrows(InvalidNameException.class, () -> VosUri.parse("http://x/y"));
        assertThrows(InvalidNameException.class, () -> VosUri.parse("vos://a~b/x/%2e%2e/y"));
    }
}
