package org.vosportal.vospace;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The one place XML input is opened: DTDs and external entities are off, a DOCTYPE is refused
 * outright (XXE, billion laughs), and documents are size-bounded before parsing.
 */
public final class SafeXml {

    /** Default size limit for a request document (CADC uses 32 KiB for node documents). */
    public static final int DEFAULT_MAX_BYTES = 256 * 1024;

    private static final XMLInputFactory FACTORY = createFactory();

    private SafeXml() {
    }

    private static XMLInputFactory createFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** Reads at most {@code maxBytes} from the stream; more is a 413 fault, nothing is parsed. */
    public static byte[] readBounded(InputStream in, int maxBytes) throws IOException {
        byte[] data = in.readNBytes(maxBytes + 1);
        if (data.length > maxBytes) {
            throw new VosFault(Fault.RequestEntityTooLarge, "XML document larger than " + maxBytes + " bytes");
        }
        return data;
    }

    /** Opens a reader positioned before the root element; a DOCTYPE anywhere is refused. */
    public static XMLStreamReader open(byte[] doc) {
        if (doc == null || doc.length == 0) {
            throw new VosFault(Fault.InvalidArgument, "empty XML document");
        }
        try {
            return new DtdRefusingReader(FACTORY.createXMLStreamReader(new ByteArrayInputStream(doc)));
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
    }

    public static VosFault malformed(Exception e) {
        String msg = e.getMessage() == null ? "unreadable" : e.getMessage().replaceAll("\\s+", " ");
        return new VosFault(Fault.InvalidArgument, "malformed XML: " + VosUri.abbreviate(msg));
    }

    /** Wraps a reader so that a DTD event becomes a fault before any entity is declared. */
    private static final class DtdRefusingReader extends javax.xml.stream.util.StreamReaderDelegate {
        DtdRefusingReader(XMLStreamReader r) {
            super(r);
        }

        @Override
        public int next() throws XMLStreamException {
            int ev = super.next();
            if (ev == XMLStreamConstants.DTD || ev == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new VosFault(Fault.InvalidArgument, "DOCTYPE and entity references are not allowed");
            }
            return ev;
        }
    }
}
