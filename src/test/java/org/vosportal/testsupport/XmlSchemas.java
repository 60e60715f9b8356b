package org.vosportal.testsupport;

import java.io.StringReader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/**
 * Validates documents against the official IVOA schemas copied into the test resources
 * ({@code src/test/resources/schemas}, provenance in its README): bare node documents with
 * node-document.xsd, transfers with VOSpace-2.1.xsd, jobs with UWS.xsd.
 */
public final class XmlSchemas {

    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private XmlSchemas() {
    }

    private static Schema schema(String file) {
        return CACHE.computeIfAbsent(file, f -> {
            try {
                SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
                sf.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
                sf.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                java.net.URL url = XmlSchemas.class.getResource("/schemas/" + f);
                if (url == null) {
                    throw new IllegalStateException("schema " + f + " is not in the test resources");
                }
                return sf.newSchema(url); // its relative imports resolve beside it
            } catch (SAXException e) {
                throw new IllegalStateException("cannot load schema " + f, e);
            }
        });
    }

    private static void validate(String file, String xml) {
        try {
            var v = schema(file).newValidator();
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            v.validate(new StreamSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError("document does not validate against " + file + ": " + e.getMessage()
                    + "\n" + (xml.length() > 3000 ? xml.substring(0, 3000) + "…" : xml), e);
        }
    }

    public static void assertNodeDocument(String xml) {
        validate("node-document.xsd", xml);
    }

    public static void assertTransfer(String xml) {
        validate("VOSpace-2.1.xsd", xml);
    }

    public static void assertJob(String xml) {
        validate("UWS.xsd", xml);
    }
}
