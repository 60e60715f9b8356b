package org.vosportal.vospace;

import java.util.List;
import java.util.Map;

/**
 * A transfer document: the request a client sends to /synctrans or /transfers, or the negotiated
 * reply. Several targets are allowed (package requests); {@code direction} is either
 * {@code pushToVoSpace}/{@code pullFromVoSpace} or a destination vos URI (move/copy).
 */
public record Transfer(List<String> targets, String direction, View view, List<Protocol> protocols,
        Boolean keepBytes, String version, Map<String, String> params) {

    /** Transfer-level parameter: how long (ISO-8601 duration or seconds) the negotiated URLs stay valid. */
    public static final String LIFETIME = "ivo://opencadc.org/vospace/transfer#lifetime";

    /**
     * Move parameter ({@code true}): the node keeps its {@code core#date}. The portal's trash sends
     * it, so a file put in the trash and restored keeps its date; services that do not know it
     * ignore it (the date is then the move's).
     */
    public static final String KEEP_DATE = "ivo://vosportal.org/vospace/transfer#keepDate";

    public static final String PUSH_TO = "pushToVoSpace";
    public static final String PULL_FROM = "pullFromVoSpace";

    public Transfer {
        targets = List.copyOf(targets);
        protocols = List.copyOf(protocols);
        params = Map.copyOf(params);
    }

    public Transfer(List<String> targets, String direction, View view, List<Protocol> protocols, Boolean keepBytes,
            String version) {
        this(targets, direction, view, protocols, keepBytes, version, Map.of());
    }

    public String target() {
        return targets.isEmpty() ? null : targets.get(0);
    }

    public boolean isPush() {
        return PUSH_TO.equalsIgnoreCase(direction);
    }

    public boolean isPull() {
        return PULL_FROM.equalsIgnoreCase(direction);
    }

    /** A protocol offer or, in a reply, a negotiated endpoint. */
    public record Protocol(String uri, String endpoint, List<String> securityMethods) {
        public Protocol {
            securityMethods = List.copyOf(securityMethods);
        }
    }

    /** A requested view with its parameters (e.g. the Pkg-1.0 view with a format). */
    public record View(String uri, Map<String, String> params) {
        public View {
            params = Map.copyOf(params);
        }
    }
}
