package org.vosportal.service.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.vosportal.service.blob.BlobStore;

/**
 * Ready while the blob store can take bytes: its directories writable (or its bucket answering)
 * and more than {@code vospace.health.min-free-bytes} left, so a load balancer stops sending
 * uploads to an instance whose disk is full instead of having each one fail with 507.
 */
@Readiness
@ApplicationScoped
public class BlobStoreReadiness implements HealthCheck {

    @Inject
    BlobStore blobs;

    @ConfigProperty(name = "vospace.health.min-free-bytes", defaultValue = "104857600")
    long minFree;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("blob store");
        try {
            long free = blobs.probe();
            b.withData("freeBytes", free);
            if (free >= 0 && free < minFree) {
                return b.down().withData("reason", "less than " + minFree + " bytes free").build();
            }
            return b.up().build();
        } catch (IOException | RuntimeException e) {
            return b.down().withData("reason", String.valueOf(e.getMessage())).build();
        }
    }
}
