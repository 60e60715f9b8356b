package org.vosportal.service.auth;

import java.time.Instant;
import java.util.Set;

/**
 * Who is asking: a user name with plain group names, or anonymous (user null). A
 * {@code preauthorized} caller acts through a signed URL whose grant was checked when it was
 * issued, so permission checks pass for the one path the URL names (locks and quota still apply).
 * {@code groupsValidUntil} is when the credential that vouched for the groups expires (a token's
 * {@code exp}); null when nothing vouches for any (anonymous, pre-authorised). Work done later in
 * this caller's name (a queued job) must not rely on the groups after that.
 */
public record Caller(String user, Set<String> groups, boolean preauthorized, Instant groupsValidUntil) {

    public static final Caller ANONYMOUS = new Caller(null, Set.of(), false, null);

    public Caller {
        groups = Set.copyOf(groups);
    }

    public Caller(String user, Set<String> groups) {
        this(user, groups, false, null);
    }

    /** The caller a pre-authorised URL acts for. */
    public static Caller preauthorized(String user) {
        return new Caller(user, Set.of(), true, null);
    }

    public boolean isAnonymous() {
        return user == null;
    }

    @Override
    public String toString() {
        return isAnonymous() ? "anonymous" : user;
    }
}
