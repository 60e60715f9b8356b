package org.vosportal.vospace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node as it travels in XML: the protocol view shared by the service (writer) and the portal's
 * client (reader). {@code children} is only meaningful for containers; {@code target} only for links.
 */
public final class Node {

    private final VosUri uri;
    private final NodeType type;
    private final List<Property> properties;
    private final List<Node> children;
    private final String target;
    private final boolean busy;

    public Node(VosUri uri, NodeType type, List<Property> properties, List<Node> children, String target, boolean busy) {
        this.uri = uri;
        this.type = type;
        this.properties = List.copyOf(properties);
        this.children = List.copyOf(children);
        this.target = target;
        this.busy = busy;
    }

    public VosUri uri() {
        return uri;
    }

    public VosPath path() {
        return uri.path();
    }

    public String name() {
        return uri.path().name();
    }

    public NodeType type() {
        return type;
    }

    public List<Property> properties() {
        return properties;
    }

    public List<Node> children() {
        return children;
    }

    /** Link target URI (LinkNode only), else null. */
    public String target() {
        return target;
    }

    public boolean busy() {
        return busy;
    }

    public Optional<Property> property(String propUri) {
        for (Property p : properties) {
            if (p.uri().equals(propUri)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The value of a property, or null when absent or nil. */
    public String value(String propUri) {
        return property(propUri).filter(p -> !p.nil()).map(Property::value).orElse(null);
    }

    public Node withChildren(List<Node> newChildren) {
        return new Node(uri, type, properties, newChildren, target, busy);
    }

    public Node withProperties(List<Property> props) {
        return new Node(uri, type, props, children, target, busy);
    }

    public static Builder builder(VosUri uri, NodeType type) {
        return new Builder(uri, type);
    }

    /** Small builder so callers add properties one by one. */
    public static final class Builder {
        private final VosUri uri;
        private final NodeType type;
        private final List<Property> properties = new ArrayList<>();
        private final List<Node> children = new ArrayList<>();
        private String target;
        private boolean busy;

        private Builder(VosUri uri, NodeType type) {
            this.uri = uri;
            this.type = type;
        }

        public Builder property(Property p) {
            properties.add(p);
            return this;
        }

        public Builder property(String uri, String value) {
            return property(Property.of(uri, value));
        }

        public Builder readOnly(String uri, String value) {
            return property(Property.readOnly(uri, value));
        }

        public Builder child(Node n) {
            children.add(n);
            return this;
        }

        public Builder target(String t) {
            this.target = t;
            return this;
        }

        public Builder busy(boolean b) {
            this.busy = b;
            return this;
        }

        public Node build() {
            return new Node(uri, type, properties, children, target, busy);
        }
    }
}
