package org.vosportal.service.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.vosportal.IdentityProviderDown;

/**
 * Whether Keycloak's realm answers (the probe the login start uses, cached a few seconds). Reported
 * in readiness, but DOWN only with {@code vospace.health.require-identity-provider=true}: every
 * instance shares the one Keycloak, and without it they still serve public data and the tokens
 * and sessions they can already check (docs/SECURITY.md, "Identity provider away"), which taking
 * them all out of the load balancer would stop.
 */
@Readiness
@ApplicationScoped
public class IdentityProviderReadiness implements AsyncHealthCheck {

    @Inject
    IdentityProviderDown idp;

    @ConfigProperty(name = "vospace.health.require-identity-provider", defaultValue = "false")
    boolean required;

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().completionStage(idp.reachable().toCompletionStage())
                .onFailure().recoverWithItem(false)
                .map(up -> HealthCheckResponse.named("identity provider").status(up || !required)
                        .withData("reachable", up).build());
    }
}
