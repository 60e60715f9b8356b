package org.vosportal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Surefire runs the tests with the launchers' flag; the probe must see it take effect. */
class NioBufferCacheTest {

    @Test
    void theTestJvmRunsWithTheBoundAndTheProbeSeesIt() {
        assertEquals("262144", System.getProperty(NioBufferCache.PROPERTY), "surefire's argLine passes " + NioBufferCache.FLAG);
        assertTrue(NioBufferCache.bounded());
    }
}
