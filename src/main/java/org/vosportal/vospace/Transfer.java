package org.vosportal.vospace;

import java.util.List;
import java.util.Map;

/**
 * A transfer document: the request a client sends to /synctrans or /transfers, or the negotiated
 * reply. Several targets are allowed (package requests); {@code direction} is either
 * {@code pushToVoSpace}/{@code pullFromVoSpace} or a destination vos URI (move/copy).
 */
public record Transfer(List<String> targets, String direction, View view, List<Protocol> protocols,
        Boolean keepBytes, String version) {

    public static final String PUSH_TO = "pushToVoSpace";
    public static final String PULL_FROM = "pullFromVoSpace";

    public Transfer {
        targets = List.copyOf(targets);
        protocols = List.copyOf(protocols);
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
