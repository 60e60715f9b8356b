package org.vosportal.portal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/** Configuration of the storage portal ({@code portal.*}). */
@ConfigMapping(prefix = "portal")
public interface PortalConfig {

    /** The service shown at {@code /storage}. */
    @WithDefault("vault")
    String defaultService();

    /** VOSpace services by the name used in URLs ({@code /storage/{name}/list}). */
    Map<String, Service> services();

    /** Rows rendered per page of a listing (more load as the user scrolls). */
    @WithDefault("100")
    int pageSize();

    /** Limits per user ({@code portal.limits.*}, docs/SECURITY.md "Bounded resources"). */
    Limits limits();

    interface Limits {
        /** Uploads and archives one user (anonymous: one address) may have running at once. */
        @WithDefault("4")
        int streamsPerUser();
    }

    interface Service {
        /** URL of the service's VOSI capabilities document; all endpoints are discovered from it. */
        String capabilities();

        /** Name shown in the service menu (defaults to the key). */
        Optional<String> title();

        /** Authority of the group URIs written in permissions ({@code ivo://cadc.nrc.ca/gms} for CANFAR). */
        @WithDefault("ivo://opencadc.org/gms")
        String groupAuthority();
    }
}
