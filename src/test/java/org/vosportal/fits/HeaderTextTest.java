package org.vosportal.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vosportal.fits.FitsTestSupport.meta;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosportal.fits.FitsTestSupport.Answer;

class HeaderTextTest {

    @TempDir
    Path dir;

    @Test
    void everyHduHeaderAsEightyCharacterCardsWithoutTheData() throws Exception {
        Path mef = FitsFixtures.multiExtension(dir, "mef.fits");
        Answer a = meta(mef);
        assertEquals("text/plain; charset=US-ASCII", a.contentType());
        List<String> lines = Arrays.asList(a.text().split("\n", -1));
        assertTrue(lines.get(0).startsWith("SIMPLE  =                    T"), lines.get(0));
        long ends = lines.stream().filter(l -> l.startsWith("END ")).count();
        assertEquals(5, ends, "primary, three images and a table");
        assertEquals(5, lines.stream().filter(l -> l.startsWith("XTENSION= 'IMAGE   '")).count()
                + lines.stream().filter(l -> l.startsWith("SIMPLE  =")).count()
                + lines.stream().filter(l -> l.startsWith("XTENSION= 'BINTABLE'")).count());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("EXTNAME = 'ERR     '")));
        for (String l : lines) {
            assertTrue(l.isEmpty() || l.length() == 80, "a card image: '" + l + "'");
        }
    }

    @Test
    void theHeadersOfALargeImageCostAFewBlocks() throws Exception {
        Path big = FitsFixtures.image(dir, "big.fits", 2000, 2000);
        Answer a = meta(big);
        assertTrue(a.text().contains("OBJECT  = 'NGC5457 '"), a.text());
        assertTrue(a.bytesRead() <= 4 * FitsLayout.BLOCK, "read " + a.bytesRead() + " of " + Files.size(big));
    }

    @Test
    void notFitsIsRefusedInWords() throws Exception {
        Path text = Files.writeString(dir.resolve("a.txt"), "hello\n".repeat(1000));
        FitsRefusal e = assertThrows(FitsRefusal.class, () -> meta(text));
        assertEquals("not a FITS file (it does not begin with SIMPLE =)", e.getMessage());
        Path tiny = Files.writeString(dir.resolve("t.fits"), "SIMPLE  =");
        assertTrue(assertThrows(FitsRefusal.class, () -> meta(tiny)).getMessage().contains("shorter than one"));
        Path truncatedHeader = dir.resolve("th.fits");
        Files.write(truncatedHeader, Arrays.copyOf(Files.readAllBytes(FitsFixtures.multiExtension(dir, "m.fits")), 2880 + 500));
        assertTrue(assertThrows(FitsRefusal.class, () -> meta(truncatedHeader)).getMessage().contains("truncated"));
        // whole blocks of cards and never an END card (was a NullPointerException, a 500)
        Path noEnd = Files.writeString(dir.resolve("noend.fits"), "SIMPLE  =                    T".repeat(400));
        assertTrue(assertThrows(FitsRefusal.class, () -> meta(noEnd)).getMessage().contains("truncated"));
    }

    @Test
    void onlyOneViewAtATimeAndOnlyMetaTrue() {
        assertTrue(assertThrows(FitsRefusal.class, () -> FitsRequest.of("true", List.of("[1]"), null)).getMessage()
                .contains("one of META, SUB or CIRCLE"));
        assertTrue(assertThrows(FitsRefusal.class, () -> FitsRequest.of("yes", List.of(), null)).getMessage()
                .contains("only META=true"));
        assertEquals(null, FitsRequest.of(null, List.of(), null));
    }
}
