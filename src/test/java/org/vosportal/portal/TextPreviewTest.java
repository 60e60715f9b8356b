package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first lines of a text file: cut lines and characters at the end of a partial read, CSV cells, not text. */
class TextPreviewTest {

    @Test
    void aPartialReadDropsItsCutLastLineAndCutCharacter() {
        byte[] b = "one\ntwo\nthré".getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(b, b.length - 1); // half of the é
        TextPreview t = TextPreview.of(cut, true, (char) 0);
        assertTrue(t.text());
        assertEquals(List.of("one", "two"), t.lines());
        assertTrue(t.truncated());
    }

    @Test
    void csvCellsKeepQuotedDelimitersQuotesAndNewlines() {
        TextPreview t = TextPreview.of("a,\"b,c\",\"say \"\"x\"\"\"\n1,\"two\nlines\",3\r\n".getBytes(StandardCharsets.UTF_8),
                false, ',');
        assertEquals(List.of("a", "b,c", "say \"x\""), t.head());
        assertEquals(List.of(List.of("1", "two\nlines", "3")), t.body());
        assertFalse(t.truncated());
    }

    @Test
    void tabSeparatedAndBinary() {
        assertEquals(List.of("x", "y z"), TextPreview.of("x\ty z\n".getBytes(StandardCharsets.UTF_8), false, '\t').head());
        assertFalse(TextPreview.of(new byte[] {'S', 'I', 0, 1}, false, (char) 0).text(), "NUL: not text");
        assertFalse(TextPreview.of(new byte[] {'a', (byte) 0xff, 'b'}, false, (char) 0).text(), "not UTF-8");
    }
}
