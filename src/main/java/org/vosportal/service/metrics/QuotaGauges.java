package org.vosportal.service.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import org.vosportal.service.store.NodeOperations.QuotaUse;
import org.vosportal.service.store.NodeStore;

/**
 * Quota use of the homes as gauges: the bytes used and allowed in all, and how many homes are at
 * 90 % or more of their quota and how many are full (an alert before users lose uploads). One
 * query over the homes answers all four, at most once a minute however often they are scraped;
 * there is no gauge per home (one series per user would not scale).
 */
final class QuotaGauges {

    static final double NEAR_FULL = 0.9;
    private static final long FRESH_NANOS = 60_000_000_000L;

    private final NodeStore store;
    private QuotaUse last;
    private long readAt;

    QuotaGauges(NodeStore store) {
        this.store = store;
    }

    void register(MeterRegistry registry) {
        gauge(registry, "vospace.quota.used", "bytes", "bytes (and metadata cost) the homes use of their quotas",
                QuotaUse::usedBytes);
        gauge(registry, "vospace.quota.allowed", "bytes", "the homes' quotas added up", QuotaUse::quotaBytes);
        gauge(registry, "vospace.quota.homes.near.full", null, "homes using 90 % or more of their quota",
                QuotaUse::nearFull);
        gauge(registry, "vospace.quota.homes.full", null, "homes whose quota is used up", QuotaUse::full);
    }

    private void gauge(MeterRegistry registry, String name, String unit, String description,
            ToDoubleFunction<QuotaUse> value) {
        Gauge.Builder<QuotaGauges> b = Gauge.builder(name, this, g -> value.applyAsDouble(g.current()))
                .description(description);
        if (unit != null) {
            b.baseUnit(unit);
        }
        b.register(registry);
    }

    synchronized QuotaUse current() {
        long now = System.nanoTime();
        if (last == null || now - readAt > FRESH_NANOS) {
            last = store.quotaUse(NEAR_FULL);
            readAt = now;
        }
        return last;
    }
}
