package org.vosportal.service;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Small limits and short windows, so the resource-limit tests reach every limit in seconds
 * ({@link ResourceLimitsTest}, {@code portal.PortalLimitsTest}).
 */
public class LimitsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("vospace.service.jobs.max-live-per-user", "5"),
                Map.entry("vospace.service.jobs.max-live", "8"),
                Map.entry("vospace.service.jobs.pending-expiry", "PT3S"),
                Map.entry("vospace.service.jobs.max-job-info-bytes", "2048"),
                Map.entry("vospace.service.jobs.max-message-chars", "80"),
                Map.entry("vospace.service.jobs.max-waiters-per-user", "40"),
                Map.entry("vospace.service.rates.upload-min-bytes", "65536"),
                Map.entry("vospace.service.rates.window", "PT2S"),
                // few workers: a WAIT that held one would soon starve every other request
                Map.entry("quarkus.thread-pool.max-threads", "16"),
                Map.entry("portal.limits.streams-per-user", "2"));
    }
}
