package org.vosportal.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * When the suite runs on the S3 backend ({@code -Dvospace.service.blob.backend=s3}, the pom's
 * {@code s3-backend} lane), starts s3proxy and points the application at it; otherwise nothing.
 */
public class S3ProxyTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        if (Boolean.getBoolean("fast-lane") || !"s3".equals(System.getProperty("vospace.service.blob.backend"))) {
            return Map.of();
        }
        S3ProxyServer.ensureRunning();
        return Map.of(
                "vospace.service.blob.s3.endpoint", S3ProxyServer.endpoint(),
                "vospace.service.blob.s3.access-key", S3ProxyServer.ACCESS_KEY,
                "vospace.service.blob.s3.secret-key", S3ProxyServer.SECRET_KEY,
                "vospace.service.blob.s3.bucket", "vospace-suite",
                // S3's smallest part, so a few MiB already travel as multipart uploads
                "vospace.service.blob.s3.part-size", "5M");
    }

    @Override
    public void stop() {
        // s3proxy stays up for the next test run; deploy/s3proxy.sh stop ends it
    }
}
