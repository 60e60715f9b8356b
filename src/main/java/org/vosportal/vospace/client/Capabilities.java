package org.vosportal.vospace.client;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.vosportal.vospace.SafeXml;

/** The endpoints a VOSpace service announces in its VOSI capabilities document. */
public record Capabilities(Map<String, String> accessUrls) {

    public static final String NODES = "ivo://ivoa.net/std/VOSpace/v2.0#nodes";
    public static final String FILES = "ivo://ivoa.net/std/VOSpace#files-proto";
    public static final String SYNC = "ivo://ivoa.net/std/VOSpace#sync-2.1";
    public static final String TRANSFERS = "ivo://ivoa.net/std/VOSpace/v2.0#transfers";
    public static final String ASYNC_DELETE = "ivo://ivoa.net/std/VOSpace#recursive-delete-proto";
    public static final String ASYNC_SETPROPS = "ivo://ivoa.net/std/VOSpace#recursive-nodeprops-proto";
    public static final String PACKAGE = "vos://cadc.nrc.ca~vospace/CADC/std/Pkg-1.0";
    /** The embedded service's share-link registry (not VOSpace; docs/ARCHITECTURE.md). */
    public static final String SHARES = "ivo://vosportal.org/std/share-links#1.0";
    /** The embedded service's "shared with me" (not VOSpace; docs/ARCHITECTURE.md). */
    public static final String SHARED_WITH_ME = "ivo://vosportal.org/std/shared-with-me#1.0";
    /** The embedded service's metadata search (not VOSpace; docs/ARCHITECTURE.md). */
    public static final String SEARCH = "ivo://vosportal.org/std/search#1.0";

    /** The embedded service's PNG previews on the byte URL ({@code PREVIEW=png}; docs/ARCHITECTURE.md). */
    public static final String PREVIEW = "ivo://vosportal.org/std/preview#png-1.0";

    public Capabilities {
        accessUrls = Map.copyOf(accessUrls);
    }

    /** The access URL of a capability, or null when the service does not offer it. */
    public String url(String standardId) {
        return accessUrls.get(standardId);
    }

    public boolean has(String standardId) {
        return accessUrls.containsKey(standardId);
    }

    /** Reads capabilities, keeping the first accessURL of each standardID. */
    public static Capabilities parse(byte[] doc) {
        Map<String, String> urls = new LinkedHashMap<>();
        XMLStreamReader r = SafeXml.open(doc);
        String current = null;
        try {
            while (r.hasNext()) {
                int ev = r.next();
                if (ev != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if ("capability".equals(r.getLocalName())) {
                    current = r.getAttributeValue(null, "standardID");
                } else if ("accessURL".equals(r.getLocalName()) && current != null) {
                    String url = r.getElementText().trim();
                    urls.putIfAbsent(current, url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
                }
            }
        } catch (XMLStreamException e) {
            throw SafeXml.malformed(e);
        }
        return new Capabilities(urls);
    }
}
