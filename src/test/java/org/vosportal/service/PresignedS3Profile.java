package org.vosportal.service;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import org.vosportal.testsupport.S3ProxyServer;

/** The bytes in S3 (s3proxy) and downloads redirected to presigned S3 URLs ({@link PresignedDownloadsTest}). */
public class PresignedS3Profile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        S3ProxyServer.ensureRunning();
        return Map.of(
                "vospace.service.blob.backend", "s3",
                "vospace.service.blob.s3.endpoint", S3ProxyServer.endpoint(),
                "vospace.service.blob.s3.access-key", S3ProxyServer.ACCESS_KEY,
                "vospace.service.blob.s3.secret-key", S3ProxyServer.SECRET_KEY,
                "vospace.service.blob.s3.bucket", "vospace-presigned",
                "vospace.service.blob.s3.presigned-downloads", "true");
    }
}
