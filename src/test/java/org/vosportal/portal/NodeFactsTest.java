package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The details page's sizes and dates in the words people use. */
class NodeFactsTest {

    @Test
    void sizesInBinaryUnitsWithOneDecimal() {
        assertEquals("1023", NodeFacts.binary(1023), "below 1 KiB the byte count alone says it");
        assertEquals("1.0 KiB", NodeFacts.binary(1024));
        assertEquals("11.2 KiB", NodeFacts.binary(11_468));
        assertEquals("300.0 MiB", NodeFacts.binary(300L << 20));
        assertEquals("2.5 GiB", NodeFacts.binary(5L << 29));
    }

    @Test
    void datesInUtcToTheSecond() {
        assertEquals("2026-12-03 12:23:17 UTC", NodeFacts.utc("2026-12-03T12:23:17.123"));
        assertEquals("2024-03-15 10:20:30 UTC", NodeFacts.utc("2024-03-15T10:20:30Z"));
        assertEquals("yesterday", NodeFacts.utc("yesterday"), "not a date: shown as given");
        assertNull(NodeFacts.utc(null));
    }
}
