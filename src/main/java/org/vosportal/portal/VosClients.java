package org.vosportal.portal;

import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.vosportal.vospace.client.VosClient;

/**
 * One {@link VosClient} per configured service, sharing one pooled Vert.x Web Client, and a
 * second client with its own pool for the bytes piped to the services (uploads): however many
 * uploads are in flight, listings and pages always find a connection.
 */
@ApplicationScoped
@Named("services") // templates: {inject:services.names}, the header's service switch
public class VosClients {

    private final Map<String, VosClient> clients = new LinkedHashMap<>();
    private final WebClient web;
    private final WebClient bytes;

    @Inject
    public VosClients(Vertx vertx, PortalConfig config,
            @ConfigProperty(name = "vospace.service.base-url") String embeddedBaseUrl) {
        this.web = WebClient.create(vertx, options());
        this.bytes = WebClient.create(vertx, options());
        config.services().forEach((name, svc) -> clients.put(name,
                new VosClient(web, name, svc.capabilities(), sendsToken(svc, embeddedBaseUrl),
                        VosClient.sameOrigin(svc.capabilities(), embeddedBaseUrl))));
    }

    /** {@code send-token} when set; else only the embedded service (same origin as its base URL) gets the token. */
    static boolean sendsToken(PortalConfig.Service svc, String embeddedBaseUrl) {
        return svc.sendToken().orElseGet(() -> VosClient.sameOrigin(svc.capabilities(), embeddedBaseUrl));
    }

    /** The client for a service name, or null when no such service is configured. */
    public VosClient get(String name) {
        return clients.get(name);
    }

    public Set<String> names() {
        return clients.keySet();
    }

    private static WebClientOptions options() {
        return new WebClientOptions().setFollowRedirects(false).setKeepAlive(true).setMaxPoolSize(64)
                .setProtocolVersion(HttpVersion.HTTP_1_1).setUserAgent("vospace-portal");
    }

    public WebClient web() {
        return web;
    }

    /** The client for piped upload bodies (its own connection pool). */
    public WebClient bytes() {
        return bytes;
    }

    @PreDestroy
    void close() {
        web.close();
        bytes.close();
    }
}
