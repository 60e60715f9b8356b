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

    /**
     * The portal's public address ({@code https://storage.example.org}), used for every absolute
     * link it writes (public links, the return from the identity provider's logout) and as the
     * only origin whose unsafe requests are accepted. Unset, the request's own scheme and host
     * are used: fine on a developer's machine, but then the links follow the Host header.
     */
    Optional<String> publicUrl();

    /** Rows rendered per page of a listing (more load as the user scrolls). */
    @WithDefault("100")
    int pageSize();

    /** Children asked of the service per request when the upload script asks for a folder's names. */
    @WithDefault("1000")
    int namesPageSize();

    /** Limits per user ({@code portal.limits.*}, docs/SECURITY.md "Bounded resources"). */
    Limits limits();

    /** The trash ({@code portal.trash.*}, docs/ARCHITECTURE.md "Trash"). */
    Trash trash();

    interface Trash {
        /**
         * How long an item stays restorable after a delete through the portal ({@code 30d});
         * the embedded service's scheduled purge reads the same key.
         */
        @WithDefault("30d")
        java.time.Duration retention();

        /** Items per page of the trash page (a link shows the next). */
        @WithDefault("1000")
        int pageSize();

        /** How often the embedded service's purge runs ({@code org.vosportal.service.TrashPurge}, reads this key). */
        @WithDefault("1h")
        String purgeEvery();

        /** How long after start-up its first run waits. */
        @WithDefault("5m")
        String purgeDelay();
    }

    interface Limits {
        /** Uploads and archives one user (anonymous: one address) may have running at once. */
        @WithDefault("4")
        int streamsPerUser();
    }

    interface Service {
        /** URL of the service's VOSI capabilities document; all endpoints are discovered from it. */
        String capabilities();

        /**
         * Where a user's home is on this service, {@code {user}} standing for the user name: the
         * trash lives in it ({@code /{user}/.trash}); CANFAR's vault has {@code /home/{user}}.
         */
        @WithDefault("/{user}")
        String home();

        /** Name shown in the service menu (defaults to the key). */
        Optional<String> title();

        /** Authority of the group URIs written in permissions ({@code ivo://cadc.nrc.ca/gms} for CANFAR). */
        @WithDefault("ivo://opencadc.org/gms")
        String groupAuthority();

        /**
         * Whether the user's access token goes to this service ({@code send-token}). Set it to true
         * only for a service that accepts tokens of the portal's realm; one that does not is called
         * anonymously. Unset: true for the embedded service (on the origin of
         * {@code vospace.service.base-url}), false for any other.
         */
        Optional<Boolean> sendToken();
    }
}
