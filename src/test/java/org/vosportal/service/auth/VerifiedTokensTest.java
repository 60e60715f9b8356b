package org.vosportal.service.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The cache of verified bearer tokens: never past a token's expiry, bounded, exact keys. */
class VerifiedTokensTest {

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);

    private VerifiedTokens cache(int max, long maxAgeMillis) {
        return new VerifiedTokens(max, maxAgeMillis, now::get);
    }

    private static SecurityIdentity identity(String user) {
        return QuarkusSecurityIdentity.builder().setPrincipal(() -> user).build();
    }

    private long inSeconds(long s) {
        return now.get() / 1000 + s;
    }

    @Test
    void aCachedTokenIsRefusedOnceItsExpiryHasPassed() {
        VerifiedTokens c = cache(10, 3_600_000);
        SecurityIdentity alice = identity("alice");
        String k = VerifiedTokens.key("Default", "token-a");
        c.put(k, alice, inSeconds(60));
        assertSame(alice, c.get(k));
        now.addAndGet(59_999);
        assertSame(alice, c.get(k), "still valid a millisecond before exp");
        now.addAndGet(1);
        assertNull(c.get(k), "at exp the token is no longer answered from the cache");
        assertEquals(0, c.size(), "and it is dropped");
    }

    @Test
    void neverKeptLongerThanTheMaximumAgeEvenIfTheTokenLivesLonger() {
        VerifiedTokens c = cache(10, 1_000);
        String k = VerifiedTokens.key("Default", "token-a");
        c.put(k, identity("alice"), inSeconds(3600));
        now.addAndGet(999);
        assertTrue(c.get(k) != null);
        now.addAndGet(1);
        assertNull(c.get(k));
    }

    @Test
    void anExpiredOrUnexpiringTokenIsNotKeptAtAll() {
        VerifiedTokens c = cache(10, 3_600_000);
        c.put(VerifiedTokens.key("Default", "old"), identity("alice"), inSeconds(0));
        c.put(VerifiedTokens.key("Default", "older"), identity("alice"), inSeconds(-10));
        c.put(VerifiedTokens.key("Default", "no-exp"), identity("alice"), 0);
        assertEquals(0, c.size());
    }

    @Test
    void boundedTheLeastRecentlyUsedGoesFirst() {
        VerifiedTokens c = cache(3, 3_600_000);
        for (int i = 0; i < 3; i++) {
            c.put(VerifiedTokens.key("Default", "t" + i), identity("u" + i), inSeconds(600));
        }
        c.get(VerifiedTokens.key("Default", "t0")); // t1 is now the least recently used
        c.put(VerifiedTokens.key("Default", "t3"), identity("u3"), inSeconds(600));
        assertEquals(3, c.size());
        assertNull(c.get(VerifiedTokens.key("Default", "t1")));
        assertTrue(c.get(VerifiedTokens.key("Default", "t0")) != null);
        assertTrue(c.get(VerifiedTokens.key("Default", "t3")) != null);
        for (int i = 0; i < 1000; i++) {
            c.put(VerifiedTokens.key("Default", "many" + i), identity("m"), inSeconds(600));
        }
        assertEquals(3, c.size());
    }

    @Test
    void keysAreExactPerTokenAndPerTenantAndHoldNoToken() {
        String k = VerifiedTokens.key("Default", "header.payload.signature");
        assertEquals(k, VerifiedTokens.key("Default", "header.payload.signature"));
        assertNotEquals(k, VerifiedTokens.key("Default", "header.payload.signaturX"));
        assertNotEquals(k, VerifiedTokens.key("portal", "header.payload.signature"));
        assertFalse(k.contains("payload"), k);
        VerifiedTokens c = cache(10, 3_600_000);
        c.put(k, identity("alice"), inSeconds(60));
        assertNull(c.get(VerifiedTokens.key("portal", "header.payload.signature")));
    }

    @Test
    void zeroEntriesTurnsItOff() {
        VerifiedTokens c = cache(0, 3_600_000);
        assertFalse(c.enabled());
        c.put(VerifiedTokens.key("Default", "t"), identity("alice"), inSeconds(60));
        assertEquals(0, c.size());
    }
}
