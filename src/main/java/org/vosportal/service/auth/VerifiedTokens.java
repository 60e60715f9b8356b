package org.vosportal.service.auth;

import io.quarkus.security.identity.SecurityIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Bearer tokens already verified, with the identity each gave, until the token's {@code exp} (and
 * never longer than {@code maxAgeMillis} after it was verified): a client sending the same token
 * with every request (a {@code vsync} of a thousand files sends it some 8,000 times) pays the
 * signature check and the JSON parsing once. At most {@code maxEntries} tokens are kept (the least
 * recently used goes first). Keyed by the SHA-256 of the token and the OIDC tenant that verified
 * it, so a token is only ever found by the very same string, in the tenant that accepted it.
 * An entry past its expiry is never handed out: it is dropped and the token goes through the full
 * check again (which refuses it once it has expired).
 */
public final class VerifiedTokens {

    private record Entry(SecurityIdentity identity, long untilMillis) {
    }

    private final int maxEntries;
    private final long maxAgeMillis;
    private final LongSupplier clock;
    private final LinkedHashMap<String, Entry> entries;
    private final java.util.concurrent.atomic.AtomicLong hits = new java.util.concurrent.atomic.AtomicLong();

    public VerifiedTokens(int maxEntries, long maxAgeMillis, LongSupplier clock) {
        this.maxEntries = maxEntries;
        this.maxAgeMillis = maxAgeMillis;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > VerifiedTokens.this.maxEntries;
            }
        };
    }

    /** The cache key of {@code token} verified by {@code tenant}. */
    public static String key(String tenant, String token) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return tenant + ' ' + Base64.getEncoder().encodeToString(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean enabled() {
        return maxEntries > 0 && maxAgeMillis > 0;
    }

    /** The identity {@code key} was verified as, or null when not known or expired. */
    public SecurityIdentity get(String key) {
        long now = clock.getAsLong();
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e == null) {
                return null;
            }
            if (now >= e.untilMillis()) {
                entries.remove(key);
                return null;
            }
            hits.incrementAndGet();
            return e.identity();
        }
    }

    /** How many times a token was answered from here. */
    public long hits() {
        return hits.get();
    }

    /**
     * Keeps {@code identity} for {@code key} until {@code expSeconds} (the token's {@code exp},
     * seconds since the epoch); a token without an expiry, or already expired, is not kept.
     */
    public void put(String key, SecurityIdentity identity, long expSeconds) {
        if (!enabled() || expSeconds <= 0) {
            return;
        }
        long now = clock.getAsLong();
        long until = Math.min(Math.multiplyExact(expSeconds, 1000L), now + maxAgeMillis);
        if (until <= now) {
            return;
        }
        synchronized (entries) {
            entries.put(key, new Entry(identity, until));
        }
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }
}
