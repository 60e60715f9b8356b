package org.vosportal.vospace;

/** The three node types of VOSpace 2.1, with the literal xsi:type the clients compare against. */
public enum NodeType {
    CONTAINER("vos:ContainerNode", 'C'),
    DATA("vos:DataNode", 'D'),
    LINK("vos:LinkNode", 'L');

    private final String xsiType;
    private final char code;

    NodeType(String xsiType, char code) {
        this.xsiType = xsiType;
        this.code = code;
    }

    /** The attribute value written on output; the Python client compares it literally. */
    public String xsiType() {
        return xsiType;
    }

    /** One-letter code used by the database. */
    public char code() {
        return code;
    }

    public static NodeType fromCode(char c) {
        for (NodeType t : values()) {
            if (t.code == c) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown node type code " + c);
    }

    /**
     * Maps the local part of an xsi:type (prefix already stripped) to a type, or null if it is not
     * one we store. Structured/Unstructured data nodes are stored as plain DataNodes.
     */
    public static NodeType fromLocalName(String local) {
        return switch (local) {
            case "ContainerNode" -> CONTAINER;
            case "DataNode", "UnstructuredDataNode", "StructuredDataNode" -> DATA;
            case "LinkNode" -> LINK;
            default -> null;
        };
    }
}
