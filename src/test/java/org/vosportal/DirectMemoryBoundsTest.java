package org.vosportal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Surefire runs the tests with the launchers' settings; each must take effect. */
class DirectMemoryBoundsTest {

    @Test
    void theTestJvmRunsWithTheBoundAndTheProbeSeesIt() {
        assertEquals("262144", System.getProperty(DirectMemoryBounds.PROPERTY), "surefire's argLine passes " + DirectMemoryBounds.FLAG);
        assertTrue(DirectMemoryBounds.bounded());
    }

    @Test
    void nettyBuildsItsPoolWithoutThreadCaches() {
        assertEquals(0, DirectMemoryBounds.nettyCaches(), "surefire's argLine sets what applyBeforeStart sets");
    }
}
