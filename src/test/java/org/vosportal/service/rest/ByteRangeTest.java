package org.vosportal.service.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void parsesTheUsualForms() {
        assertEquals(new ByteRange(10, 99), ByteRange.parse("bytes=10-", 100));
        assertEquals(new ByteRange(0, 9), ByteRange.parse("bytes=0-9", 100));
        assertEquals(new ByteRange(90, 99), ByteRange.parse("bytes=-10", 100));
        assertEquals(new ByteRange(5, 99), ByteRange.parse("bytes=5-1000", 100));
        assertEquals(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=100-", 100));
        assertEquals(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=9-3", 100));
        assertNull(ByteRange.parse("bytes=0-1,5-6", 100));
        assertNull(ByteRange.parse("items=0-1", 100));
        assertNull(ByteRange.parse(null, 100));
    }
}
