package org.vosportal.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubParserTest {

    @Test
    void extensionAndRanges() {
        Cut c = SubParser.parse("[1][10:20,30:40]");
        assertEquals(1, c.hdu().index());
        assertEquals(List.of(new PixelRange(10, 20), new PixelRange(30, 40)), c.ranges());
        assertEquals("[1][10:20,30:40]", c.toString());
    }

    @Test
    void rangesAloneMeanTheDefaultImage() {
        Cut c = SubParser.parse("[100:200,*]");
        assertTrue(c.hdu().isDefault());
        assertEquals(List.of(new PixelRange(100, 200), PixelRange.ALL), c.ranges());
    }

    @Test
    void aSingleNumberAloneIsAnExtensionAndInsideRangesAPixel() {
        assertEquals(2, SubParser.parse("[2]").hdu().index());
        assertTrue(SubParser.parse("[2]").ranges().isEmpty());
        assertEquals(List.of(new PixelRange(1, 5), new PixelRange(7, 7)), SubParser.parse("[1:5,7]").ranges());
    }

    @Test
    void namedExtensionsWithAndWithoutVersion() {
        Cut sci = SubParser.parse("[sci][*,1:5]");
        assertEquals("SCI", sci.hdu().name());
        assertNull(sci.hdu().version());
        Cut sci2 = SubParser.parse("[SCI,2]");
        assertEquals("SCI", sci2.hdu().name());
        assertEquals(2, sci2.hdu().version());
    }

    @Test
    void flippedRangesAreKept() {
        PixelRange r = SubParser.parse("[20:10]").ranges().get(0);
        assertTrue(r.flipped());
        assertEquals(11, r.length());
    }

    @Test
    void malformedValuesAreRefusedInWords() {
        for (String bad : new String[] {"", "10:20", "[1][2][3]", "[0:5]", "[a:b]", "[1:2:3]", "[1]x[2]", "[-1:5]", "[1;rm]"}) {
            FitsRefusal e = assertThrows(FitsRefusal.class, () -> SubParser.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("invalid SUB"), e.getMessage());
        }
    }

    @Test
    void rangesOutsideTheAxisAreRefused() {
        FitsRefusal e = assertThrows(FitsRefusal.class, () -> new PixelRange(5, 120).on(100, 1));
        assertEquals("pixel range 5:120 is outside axis 1, which has pixels 1 to 100", e.getMessage());
        assertEquals(new PixelRange(1, 100), PixelRange.ALL.on(100, 1));
    }

    @Test
    void cutoutSuffixesOnNodeNames() {
        assertEquals("img.fits", CutoutSuffix.base("img.fits[1][101:110,201:205]"));
        assertEquals("img.fits", CutoutSuffix.base("img.fits[SCI,2]"));
        assertEquals("wcs.fits", CutoutSuffix.base("wcs.fits(210.81,54.36,0.01)"));
        assertNull(CutoutSuffix.base("img.fits"));
        assertNull(CutoutSuffix.base("notes (1).txt"));
        assertNull(CutoutSuffix.base("[1]"));
    }
}
