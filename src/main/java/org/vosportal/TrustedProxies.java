package org.vosportal;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses a {@code quarkus.http.proxy.trusted-proxies} entry that Quarkus would misread. Quarkus
 * reads an entry without {@code /} as {@code host:port}, so a bare IPv6 address such as
 * {@code ::1} or {@code 0:0:0:0:0:0:0:1} becomes an unresolvable host name: each request then
 * waits for a DNS lookup of it whenever the cached answer expires (5 s stalls every second or
 * so on a loaded instance, with nothing in the logs). IPv6 addresses are written as CIDR
 * ({@code ::1/128}), which Quarkus parses as an address.
 */
@ApplicationScoped
public class TrustedProxies {

    static final String KEY = "quarkus.http.proxy.trusted-proxies";

    void onStart(@Observes StartupEvent event, Config config) {
        List<String> bad = misread(config.getOptionalValues(KEY, String.class).orElse(List.of()));
        if (!bad.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + KEY + " (PORTAL_TRUSTED_PROXIES) lists "
                    + String.join(", ", bad) + ": write an IPv6 address as CIDR, e.g. ::1/128"
                    + " (without a prefix length it is read as host:port and looked up in DNS on requests).");
        }
    }

    /** The entries that are IPv6 addresses without a prefix length. */
    static List<String> misread(List<String> entries) {
        List<String> bad = new ArrayList<>();
        for (String entry : entries) {
            String e = entry.trim();
            if (!e.contains("/") && e.indexOf(':') != e.lastIndexOf(':')) {
                bad.add(e);
            }
        }
        return bad;
    }
}
