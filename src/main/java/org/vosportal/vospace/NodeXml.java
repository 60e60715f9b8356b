package org.vosportal.vospace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads and writes VOSpace node documents. Output always binds the prefix {@code vos} on the root
 * and writes {@code xsi:type="vos:…"} literally (the Python client compares the raw string). Input
 * is matched by namespace and local name, never by prefix, and tolerates what the clients send:
 * default-namespace children, missing {@code busy}, accepts/provides on containers, no prolog.
 */
public final class NodeXml {

    private NodeXml() {
    }

    // ------------------------------------------------------------------ writing

    /** Writes a whole node document, children included. */
    public static String toXml(Node node) {
        StringBuilder sb = new StringBuilder(1024);
        write(node, sb);
        return sb.toString();
    }

    public static void write(Node node, Appendable out) {
        writeOpen(node, out);
        for (Node child : node.children()) {
            writeChild(child, out);
        }
        writeClose(node, out);
    }

    /** Writes the root element up to (and including) the opening {@code <vos:nodes>} of a container. */
    public static void writeOpen(Node node, Appendable out) {
        try {
            out.append(Xml.PROLOG);
            out.append("<vos:node xmlns:vos=\"").append(Xml.VOS_NS).append("\" xmlns:xsi=\"").append(Xml.XSI_NS)
                    .append("\"");
            appendHead(node, out);
            if (node.type() == NodeType.CONTAINER) {
                out.append("<vos:nodes>");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one child of a container (its own {@code <vos:nodes/>} is always empty). */
    public static void writeChild(Node child, Appendable out) {
        try {
            out.append("<vos:node");
            appendHead(child, out);
            if (child.type() == NodeType.CONTAINER) {
                out.append("<vos:nodes/>");
            }
            appendTail(child, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeClose(Node node, Appendable out) {
        try {
            if (node.type() == NodeType.CONTAINER) {
                out.append("</vos:nodes>");
            }
            appendTail(node, out);
            out.append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Attributes, properties, accepts/provides: everything before the nodes/target element. */
    private static void appendHead(Node node, Appendable out) throws IOException {
        out.append(" uri=\"").append(Xml.escape(node.uri().toString())).append("\" xsi:type=\"")
                .append(node.type().xsiType()).append('"');
        if (node.type() == NodeType.DATA) {
            out.append(" busy=\"").append(Boolean.toString(node.busy())).append('"');
        }
        out.append('>');
        if (!node.properties().isEmpty()) {
            out.append("<vos:properties>");
            for (Property p : node.properties()) {
                out.append("<vos:property uri=\"").append(Xml.escape(p.uri())).append('"');
                if (p.readOnly()) {
                    out.append(" readOnly=\"true\"");
                }
                if (p.nil()) {
                    out.append(" xsi:nil=\"true\"/>");
                } else {
                    out.append('>').append(Xml.escape(p.value())).append("</vos:property>");
                }
            }
            out.append("</vos:properties>");
        }
        if (node.type() != NodeType.LINK) {
            out.append("<vos:accepts/><vos:provides/>");
        }
    }

    private static void appendTail(Node node, Appendable out) throws IOException {
        if (node.type() == NodeType.LINK) {
            out.append("<vos:target>").append(Xml.escape(node.target())).append("</vos:target>");
        }
        out.append("</vos:node>");
    }

    // ------------------------------------------------------------------ reading

    /** Parses a node document (root {@code node}); children, if any, are parsed too. */
    public static Node read(byte[] doc) {
        XMLStreamReader r = SafeXml.open(doc);
        try {
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT) {
                    if (!"node".equals(r.getLocalName())) {
                        throw VosFault.invalid("expected a node document, found <" + r.getLocalName() + ">");
                    }
                    return readNode(r);
                }
            }
            throw VosFault.invalid("no node element in document");
        } catch (XMLStreamException e) {
            throw SafeXml.malformed(e);
        } finally {
            closeQuietly(r);
        }
    }

    static void closeQuietly(XMLStreamReader r) {
        try {
            r.close();
        } catch (XMLStreamException ignored) {
            // nothing to release for an in-memory document
        }
    }

    /** Reads the {@code node} element the reader is positioned on, through its end tag. */
    static Node readNode(XMLStreamReader r) throws XMLStreamException {
        String uriText = r.getAttributeValue(null, "uri");
        String xsiType = r.getAttributeValue(Xml.XSI_NS, "type");
        String busyAttr = r.getAttributeValue(null, "busy");
        if (uriText == null) {
            throw new VosFault(Fault.InvalidURI, "node element has no uri attribute");
        }
        VosUri uri = VosUri.parse(uriText);
        NodeType type = parseType(xsiType);
        List<Property> props = new ArrayList<>();
        List<Node> children = new ArrayList<>();
        String target = null;
        int depth = 1;
        while (depth > 0) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                String name = r.getLocalName();
                if (depth == 1 && "properties".equals(name)) {
                    readProperties(r, props);
                } else if (depth == 1 && "nodes".equals(name)) {
                    readChildren(r, children);
                } else if (depth == 1 && "target".equals(name)) {
                    target = r.getElementText().trim();
                } else {
                    skipElement(r);
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        if (type == NodeType.LINK && (target == null || target.isEmpty())) {
            throw VosFault.invalid("LinkNode without target");
        }
        return new Node(uri, type, props, children, target, "true".equalsIgnoreCase(busyAttr));
    }

    private static NodeType parseType(String xsiType) {
        if (xsiType == null || xsiType.isBlank()) {
            throw new VosFault(Fault.TypeNotSupported, "node has no xsi:type");
        }
        String local = xsiType.substring(xsiType.indexOf(':') + 1).trim();
        NodeType t = NodeType.fromLocalName(local);
        if (t == null) {
            throw new VosFault(Fault.TypeNotSupported, local);
        }
        return t;
    }

    private static void readProperties(XMLStreamReader r, List<Property> out) throws XMLStreamException {
        while (true) {
            int ev = r.next();
            if (ev == XMLStreamConstants.END_ELEMENT) {
                return;
            }
            if (ev == XMLStreamConstants.START_ELEMENT) {
                if (!"property".equals(r.getLocalName())) {
                    skipElement(r);
                    continue;
                }
                String puri = r.getAttributeValue(null, "uri");
                boolean readOnly = "true".equalsIgnoreCase(r.getAttributeValue(null, "readOnly"));
                boolean nil = "true".equalsIgnoreCase(r.getAttributeValue(Xml.XSI_NS, "nil"));
                String value = r.getElementText();
                if (puri == null || puri.isBlank()) {
                    throw VosFault.invalid("property without uri");
                }
                out.add(new Property(puri.trim(), nil ? null : value, readOnly, nil));
            }
        }
    }

    private static void readChildren(XMLStreamReader r, List<Node> out) throws XMLStreamException {
        while (true) {
            int ev = r.next();
            if (ev == XMLStreamConstants.END_ELEMENT) {
                return;
            }
            if (ev == XMLStreamConstants.START_ELEMENT) {
                if ("node".equals(r.getLocalName())) {
                    out.add(readNode(r));
                } else {
                    skipElement(r);
                }
            }
        }
    }

    /** Skips the element the reader is on, including its subtree. */
    static void skipElement(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }
}
