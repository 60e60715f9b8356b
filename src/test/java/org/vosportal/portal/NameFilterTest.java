package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NameFilterTest {

    @Test
    void plainTextIsAPartOfTheNameInAnyCase() {
        NameFilter f = NameFilter.of(" Cal ");
        assertTrue(f.matches("calibration.fits"));
        assertTrue(f.matches("M31-CAL.fits"));
        assertFalse(f.matches("science.fits"));
    }

    @Test
    void aGlobMatchesWholeNames() {
        NameFilter f = NameFilter.of("*.FITS");
        assertTrue(f.matches("m31.fits"));
        assertFalse(f.matches("m31.fits.gz"), "anchored at the end");
        assertTrue(NameFilter.of("img_??.fits").matches("img_07.fits"));
        assertFalse(NameFilter.of("img_??.fits").matches("img_7.fits"));
    }

    @Test
    void regexCharactersAreLiteral() {
        assertTrue(NameFilter.of("a+b(1)*").matches("a+b(1) copy"));
        assertFalse(NameFilter.of("a.b*").matches("axb"));
        assertTrue(NameFilter.of("[x]").matches("data[x].txt"));
    }

    @Test
    void nothingTypedIsNoFilter() {
        assertNull(NameFilter.of(null));
        assertNull(NameFilter.of("  "));
    }
}
