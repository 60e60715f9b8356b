package org.vosportal.service.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Group URIs as they appear in {@code groupread}/{@code groupwrite}:
 * {@code ivo://authority/gms?name}. A URI grants membership only when its authority (the part
 * before '?') is one the service accepts (its own, and the one {@code vchmod} hard-codes,
 * {@code ivo://cadc.nrc.ca/gms}) and its name equals one of the caller's group names exactly:
 * {@code team/sub} is not {@code sub}.
 */
public final class GroupUris {

    /** The authority {@code vchmod} writes whatever the service (cadcutils hard-codes it). */
    public static final String CADC_AUTHORITY = "ivo://cadc.nrc.ca/gms";

    private GroupUris() {
    }

    /** The plain group name of a URI (text after '?'), or the text itself when it has no '?'. */
    public static String nameOf(String groupUri) {
        int q = groupUri.indexOf('?');
        return q < 0 ? groupUri : groupUri.substring(q + 1);
    }

    /** The authority of a URI (text before '?'), or null when it has none. */
    public static String authorityOf(String groupUri) {
        int q = groupUri.indexOf('?');
        return q < 0 ? null : groupUri.substring(0, q);
    }

    /** True if {@code groupUri} names a group of an accepted authority whose name is in {@code names}. */
    public static boolean matches(String groupUri, Collection<String> names, Collection<String> authorities) {
        String authority = authorityOf(groupUri);
        if (authority == null || !names.contains(nameOf(groupUri))) {
            return false;
        }
        String a = canonical(authority);
        for (String accepted : authorities) {
            if (canonical(accepted).equals(a)) {
                return true;
            }
        }
        return false;
    }

    /** IVOA identifiers compare case-insensitively; a trailing '/' does not make another authority. */
    private static String canonical(String authority) {
        String a = authority.trim().toLowerCase(Locale.ROOT);
        return a.endsWith("/") ? a.substring(0, a.length() - 1) : a;
    }

    /**
     * A group name as the identity provider sends it: Keycloak's full paths ({@code /team/sub})
     * lose their leading '/', so top-level groups read as before ({@code /survey-team} is
     * {@code survey-team}) and sub-groups keep their parent ({@code team/sub}).
     */
    public static String claimName(String claim) {
        return claim.startsWith("/") ? claim.substring(1) : claim;
    }

    /** Splits a space-separated property value into URIs; bare names get the given authority. */
    public static List<String> parse(String value, String authority) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String token : value.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            String uri = token.contains("?") || token.contains("://") ? token : authority + "?" + token;
            String name = nameOf(uri);
            // '/' separates sub-groups (team/sub), never at either end or twice in a row
            if (name.isEmpty() || !name.matches("[A-Za-z0-9_.~+=:@-]+(/[A-Za-z0-9_.~+=:@-]+)*")) {
                throw new IllegalArgumentException("invalid group '" + token + "'");
            }
            if (!out.contains(uri)) {
                out.add(uri);
            }
        }
        return out;
    }

    public static String format(Collection<String> uris) {
        return String.join(" ", uris);
    }
}
