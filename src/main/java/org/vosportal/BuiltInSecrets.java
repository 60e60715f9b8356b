package org.vosportal;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Refuses to run a production instance with a secret that is published in this repository: the
 * demo realm's portal client secret, the {@code change-me-…} session and state keys of
 * {@code application.properties}, or such a value as the pre-authorisation key. Anyone who read
 * the repository could forge session cookies, sign share links or pose as the portal.
 * {@code deploy/run.sh} is the demo: it sets {@code VOSPACE_DEMO=true} and gets a warning
 * instead. Dev and test modes run against the demo realm and are not checked.
 */
@ApplicationScoped
public class BuiltInSecrets {

    private static final Logger LOG = Logger.getLogger(BuiltInSecrets.class);

    /** The portal client's secret in deploy/realm/vospace-realm.json. */
    static final String DEMO_CLIENT_SECRET = "vospace-portal-secret";
    /** Every placeholder key in application.properties starts with this. */
    static final String PLACEHOLDER_PREFIX = "change-me";
    static final int MIN_KEY_LENGTH = 32;

    static final String CLIENT_SECRET = "quarkus.oidc.portal.credentials.secret";
    static final String SESSION_SECRET = "quarkus.oidc.portal.token-state-manager.encryption-secret";
    static final String STATE_SECRET = "quarkus.oidc.portal.authentication.state-secret";
    static final String PREAUTH_SECRET = "vospace.service.preauth-secret";

    /** The settings checked, with the environment variable an operator sets for each. */
    static final Map<String, String> VARIABLES = Map.of(CLIENT_SECRET, "PORTAL_CLIENT_SECRET",
            SESSION_SECRET, "PORTAL_SESSION_SECRET", STATE_SECRET, "PORTAL_STATE_SECRET",
            PREAUTH_SECRET, "VOSPACE_SERVICE_PREAUTH_SECRET");

    void onStart(@Observes StartupEvent event, Config config) {
        if (LaunchMode.current() != LaunchMode.NORMAL
                || System.getProperty(org.vosportal.service.check.ServiceMain.COMMAND_PROPERTY) != null) {
            return; // a command such as 'check' opens no port and holds no session: no secret is used
        }
        List<String> problems = problems(key -> config.getOptionalValue(key, String.class));
        if (problems.isEmpty()) {
            return;
        }
        if (config.getOptionalValue("vospace.demo", Boolean.class).orElse(false)) {
            LOG.warnf("Demo mode (VOSPACE_DEMO=true): running with the repository's built-in secrets (%s)."
                    + " Never expose this instance beyond this machine.", String.join("; ", problems));
            return;
        }
        String message = "Refusing to start: " + String.join("; ", problems)
                + ". These values are published in the repository; set your own (see docs/SECURITY.md,"
                + " 'Identity and deployment settings'), or run the demo with deploy/run.sh.";
        LOG.error(message);
        throw new IllegalStateException(message);
    }

    /** What is wrong with the configured secrets (empty when nothing is), read through {@code setting}. */
    static List<String> problems(Function<String, Optional<String>> setting) {
        List<String> problems = new ArrayList<>();
        String client = setting.apply(CLIENT_SECRET).orElse("");
        if (isBuiltIn(client)) {
            problems.add(named(CLIENT_SECRET) + " is the demo realm's secret");
        }
        for (String key : List.of(SESSION_SECRET, STATE_SECRET)) {
            Optional<String> value = setting.apply(key);
            if (value.isPresent() && isBuiltIn(value.get())) {
                problems.add(named(key) + " is a placeholder");
            } else if (value.isPresent() && value.get().length() < MIN_KEY_LENGTH) {
                problems.add(named(key) + " is shorter than " + MIN_KEY_LENGTH + " characters");
            }
        }
        Optional<String> preauth = setting.apply(PREAUTH_SECRET).filter(v -> !v.isBlank());
        if (preauth.isPresent() && isBuiltIn(preauth.get())) {
            problems.add(named(PREAUTH_SECRET) + " is a published value");
        }
        return problems;
    }

    /** A value shipped in the repository (the demo client secret or a change-me placeholder). */
    static boolean isBuiltIn(String value) {
        String v = value.strip();
        return v.equals(DEMO_CLIENT_SECRET) || v.toLowerCase(java.util.Locale.ROOT).startsWith(PLACEHOLDER_PREFIX);
    }

    private static String named(String key) {
        return key + " (" + VARIABLES.get(key) + ")";
    }
}
