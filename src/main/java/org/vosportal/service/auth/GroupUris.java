package org.vosportal.service.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Group URIs as they appear in {@code groupread}/{@code groupwrite}:
 * {@code ivo://authority/gms?name}. Membership is decided by the name after '?', so groups
 * written by {@code vchmod} (which hard-codes {@code ivo://cadc.nrc.ca/gms?}) still match.
 */
public final class GroupUris {

    private GroupUris() {
    }

    /** The plain group name of a URI (text after '?'), or the text itself when it has no '?'. */
    public static String nameOf(String groupUri) {
        int q = groupUri.indexOf('?');
        return q < 0 ? groupUri : groupUri.substring(q + 1);
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
            if (name.isEmpty() || !name.matches("[A-Za-z0-9_.~+=:@-]+")) {
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
