package org.vosportal.service.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.time.Instant;
import org.vosportal.service.ServiceConfig;
import org.vosportal.vospace.Xml;

/**
 * VOSI capabilities and availability, and a registry file so the {@code vos} tools (cadcutils)
 * can find the service. The capabilities document follows the cadcutils parser's needs: the root
 * declares {@code xsi} itself and the capability elements are unqualified.
 */
@RequestScoped
@Path("/vault")
public class VosiResource {

    /** The service's resource ID as the vos client derives it from {@code vos://opencadc.org~vault}. */
    static String resourceId(ServiceConfig config) {
        return "ivo://" + config.authority().replace('~', '/').replace('!', '/');
    }

    private static final String[][] CAPABILITIES = {
        {"ivo://ivoa.net/std/VOSI#capabilities", "/capabilities"},
        {"ivo://ivoa.net/std/VOSI#availability", "/availability"},
        {"ivo://ivoa.net/std/VOSpace/v2.0#nodes", "/nodes"},
        {"ivo://ivoa.net/std/VOSpace#files-proto", "/files"},
        {"ivo://ivoa.net/std/VOSpace#sync-2.1", "/synctrans"},
        {"ivo://ivoa.net/std/VOSpace/v2.0#transfers", "/transfers"},
        {"ivo://ivoa.net/std/VOSpace#recursive-delete-proto", "/async-delete"},
        {"ivo://ivoa.net/std/VOSpace#recursive-nodeprops-proto", "/async-setprops"},
        {"vos://cadc.nrc.ca~vospace/CADC/std/Pkg-1.0", "/pkg"},
        // FITS views of a file's bytes: /files/{path}?META=true | SUB=[..] | CIRCLE=ra dec r (the
        // query rides the 303 onto the pre-authorised URL, where FitsViewResponse answers it)
        {"ivo://ivoa.net/std/SODA#sync-1.0", "/files"},
        // pictures of a file's bytes: /files/{path}?PREVIEW=png[&PREVIEW_SIZE=px] (PreviewResponse)
        {org.vosportal.vospace.client.Capabilities.PREVIEW, "/files"},
        // this service's own extensions (ShareResource); other clients ignore unknown capabilities
        {ShareResource.SHARES_CAPABILITY, "/shares"},
        {ShareResource.SHARED_WITH_ME_CAPABILITY, "/shared-with-me"},
        {SearchResource.CAPABILITY, "/search"},
    };

    private static final Instant UP_SINCE = Instant.now();

    @Inject
    ServiceConfig config;

    @GET
    @Path("capabilities")
    @Produces("text/xml")
    public String capabilities() {
        StringBuilder sb = new StringBuilder(Xml.PROLOG);
        sb.append("<vosi:capabilities xmlns:vosi=\"http://www.ivoa.net/xml/VOSICapabilities/v1.0\" ")
                .append("xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ")
                .append("xmlns:vs=\"http://www.ivoa.net/xml/VODataService/v1.1\">\n");
        for (String[] cap : CAPABILITIES) {
            boolean vosi = cap[0].contains("VOSI");
            sb.append("  <capability standardID=\"").append(Xml.escape(cap[0])).append("\">\n")
                    .append("    <interface xsi:type=\"vs:ParamHTTP\" role=\"std\">\n")
                    .append("      <accessURL use=\"base\">").append(Xml.escape(config.baseUrl() + cap[1]))
                    .append("</accessURL>\n")
                    .append("      <securityMethod/>\n");
            if (!vosi) {
                sb.append("      <securityMethod standardID=\"ivo://ivoa.net/sso#token\"/>\n")
                        .append("      <securityMethod standardID=\"ivo://ivoa.net/sso#cookie\"/>\n");
            }
            sb.append("    </interface>\n  </capability>\n");
        }
        sb.append("</vosi:capabilities>\n");
        return sb.toString();
    }

    @GET
    @Path("availability")
    @Produces("text/xml")
    public String availability() {
        return Xml.PROLOG + "<vosi:availability xmlns:vosi=\"http://www.ivoa.net/xml/VOSIAvailability/v1.0\">"
                + "<vosi:available>true</vosi:available><vosi:upSince>" + UP_SINCE + "</vosi:upSince>"
                + "<vosi:note>service is accepting requests</vosi:note></vosi:availability>\n";
    }

    /** Registry lines {@code resourceID = capabilitiesURL}, as cadcutils reads them. */
    @GET
    @Path("reg/resource-caps")
    @Produces("text/plain")
    public String resourceCaps() {
        return "# VOSpace services of this portal\n" + resourceId(config) + " = " + config.baseUrl()
                + "/capabilities\n";
    }
}
