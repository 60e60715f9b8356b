package org.vosportal.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** MISSING.txt's text and name (no servers needed). */
class OmissionsTest {

    @Test
    void theTextNamesEachItemAndWhy() {
        Omissions o = new Omissions();
        assertTrue(o.isEmpty());
        o.add("survey/raw/", Omissions.Reason.NO_READ_ACCESS);
        o.add("latest", Omissions.Reason.LINK_NOT_FOLLOWED);
        assertEquals("Not in this archive (2 items of the selection):\n\n"
                + "survey/raw/: no read access\n"
                + "latest: a link: not followed (download its target itself)\n",
                new String(o.text(), StandardCharsets.UTF_8));
        Omissions one = new Omissions();
        one.add("gone.fits", Omissions.Reason.NOT_FOUND);
        assertTrue(new String(one.text(), StandardCharsets.UTF_8).startsWith("Not in this archive (1 item of"));
    }

    @Test
    void theEntryNeverTakesTheNameOfAUsersFile() {
        assertEquals("MISSING.txt", Omissions.entryName(Set.of("survey", "notes.txt")));
        assertEquals("MISSING (2).txt", Omissions.entryName(Set.of("MISSING.txt")));
        assertEquals("MISSING (3).txt", Omissions.entryName(Set.of("MISSING.txt", "MISSING (2).txt")));
    }
}
