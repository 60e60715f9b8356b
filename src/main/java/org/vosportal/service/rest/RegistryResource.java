package org.vosportal.service.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** {@code /reg/resource-caps} at the server root, where cadcutils looks for a registry. */
@Path("/reg")
public class RegistryResource {

    @Inject
    VosiResource vosi;

    @GET
    @Path("resource-caps")
    @Produces("text/plain")
    public String resourceCaps() {
        return vosi.resourceCaps();
    }
}
