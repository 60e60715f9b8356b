package org.vosportal.service.auth;

import java.util.Set;

/**
 * Who is asking: a user name with plain group names, or anonymous (user null). A
 * {@code preauthorized} caller acts through a signed URL whose grant was checked when it was
 * issued, so permission checks pass for the one path the URL names (locks and quota still apply).
 */
public record Caller(String user, Set<String> groups, boolean preauthorized) {

    public static final Caller ANONYMOUS = new Caller(null, Set.of(), false);

    public Caller {
        groups = Set.copyOf(groups);
    }

    public Caller(String user, Set<String> groups) {
        this(user, groups, false);
    }

    /** The caller a pre-authorised URL acts for. */
    public static Caller preauthorized(String user) {
        return new Caller(user, Set.of(), true);
    }

    public boolean isAnonymous() {
        return user == null;
    }

    @Override
    public String toString() {
        return isAnonymous() ? "anonymous" : user;
    }
}
