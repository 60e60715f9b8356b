package org.vosportal.service;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Homes of 256 KiB in a database and data directory of their own (so no other test's files
 * count), and a blob store whose disk can be made to fill up ({@link FullDiskBlobs}).
 */
public class SmallQuotaProfile implements QuarkusTestProfile {

    public static final long QUOTA = 256 * 1024;
    public static final Path DATA = Path.of("target", "quota-test-data");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "vospace.service.home-quota", "256K",
                "vospace.service.home-quotas.bob", "256K",
                "vospace.service.data-dir", "./" + DATA,
                "quarkus.datasource.jdbc.url", "jdbc:h2:mem:quota-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(FullDiskBlobs.class);
    }
}
