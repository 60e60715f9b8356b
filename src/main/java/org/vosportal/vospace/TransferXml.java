package org.vosportal.vospace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads and writes {@code <vos:transfer>} documents, leniently on input (several targets allowed). */
public final class TransferXml {

    private TransferXml() {
    }

    public static Transfer read(byte[] doc) {
        XMLStreamReader r = SafeXml.open(doc);
        try {
            while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
                // advance to the root element
            }
            if (!r.isStartElement() || !"transfer".equals(r.getLocalName())) {
                throw VosFault.invalid("expected a transfer document");
            }
            String version = r.getAttributeValue(null, "version");
            List<String> targets = new ArrayList<>();
            List<Transfer.Protocol> protocols = new ArrayList<>();
            String direction = null;
            Transfer.View view = null;
            Boolean keepBytes = null;
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                int ev = r.next();
                if (ev == XMLStreamConstants.END_ELEMENT) {
                    break;
                }
                if (ev != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (r.getLocalName()) {
                    case "target" -> targets.add(r.getElementText().trim());
                    case "direction" -> direction = r.getElementText().trim();
                    case "keepBytes" -> keepBytes = Boolean.parseBoolean(r.getElementText().trim());
                    case "view" -> view = readView(r);
                    case "protocol" -> protocols.add(readProtocol(r));
                    case "param" -> {
                        String uri = r.getAttributeValue(null, "uri");
                        String value = r.getElementText().trim();
                        if (uri != null) {
                            params.put(uri, value);
                        }
                    }
                    default -> NodeXml.skipElement(r);
                }
            }
            if (targets.isEmpty()) {
                throw VosFault.invalid("transfer has no target");
            }
            if (direction == null || direction.isEmpty()) {
                throw VosFault.invalid("transfer has no direction");
            }
            return new Transfer(targets, direction, view, protocols, keepBytes, version, params);
        } catch (XMLStreamException e) {
            throw SafeXml.malformed(e);
        } finally {
            NodeXml.closeQuietly(r);
        }
    }

    private static Transfer.View readView(XMLStreamReader r) throws XMLStreamException {
        String uri = r.getAttributeValue(null, "uri");
        Map<String, String> params = new LinkedHashMap<>();
        while (true) {
            int ev = r.next();
            if (ev == XMLStreamConstants.END_ELEMENT) {
                break;
            }
            if (ev == XMLStreamConstants.START_ELEMENT) {
                if ("param".equals(r.getLocalName())) {
                    String puri = r.getAttributeValue(null, "uri");
                    params.put(puri == null ? "" : puri, r.getElementText().trim());
                } else {
                    NodeXml.skipElement(r);
                }
            }
        }
        return new Transfer.View(uri, params);
    }

    private static Transfer.Protocol readProtocol(XMLStreamReader r) throws XMLStreamException {
        String uri = r.getAttributeValue(null, "uri");
        String endpoint = null;
        List<String> methods = new ArrayList<>();
        while (true) {
            int ev = r.next();
            if (ev == XMLStreamConstants.END_ELEMENT) {
                break;
            }
            if (ev == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "endpoint" -> endpoint = r.getElementText().trim();
                    case "securityMethod" -> {
                        String m = r.getAttributeValue(null, "uri");
                        if (m != null) {
                            methods.add(m);
                        }
                        NodeXml.skipElement(r);
                    }
                    default -> NodeXml.skipElement(r);
                }
            }
        }
        return new Transfer.Protocol(uri, endpoint, methods);
    }

    public static String toXml(Transfer t) {
        StringBuilder sb = new StringBuilder(512);
        sb.append(Xml.PROLOG).append("<vos:transfer xmlns:vos=\"").append(Xml.VOS_NS).append("\" version=\"")
                .append(t.version() == null ? "2.1" : Xml.escape(t.version())).append("\">");
        for (String target : t.targets()) {
            sb.append("<vos:target>").append(Xml.escape(target)).append("</vos:target>");
        }
        sb.append("<vos:direction>").append(Xml.escape(t.direction())).append("</vos:direction>");
        if (t.view() != null) {
            sb.append("<vos:view uri=\"").append(Xml.escape(t.view().uri())).append("\">");
            t.view().params().forEach((k, v) -> sb.append("<vos:param uri=\"").append(Xml.escape(k)).append("\">")
                    .append(Xml.escape(v)).append("</vos:param>"));
            sb.append("</vos:view>");
        }
        for (Transfer.Protocol p : t.protocols()) {
            sb.append("<vos:protocol uri=\"").append(Xml.escape(p.uri())).append("\">");
            if (p.endpoint() != null) {
                sb.append("<vos:endpoint>").append(Xml.escape(p.endpoint())).append("</vos:endpoint>");
            }
            for (String m : p.securityMethods()) {
                sb.append("<vos:securityMethod uri=\"").append(Xml.escape(m)).append("\"/>");
            }
            sb.append("</vos:protocol>");
        }
        if (t.keepBytes() != null) {
            sb.append("<vos:keepBytes>").append(t.keepBytes()).append("</vos:keepBytes>");
        }
        t.params().forEach((k, v) -> sb.append("<vos:param uri=\"").append(Xml.escape(k)).append("\">")
                .append(Xml.escape(v)).append("</vos:param>"));
        sb.append("</vos:transfer>\n");
        return sb.toString();
    }
}
