package org.vosportal.service.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A body cut for being too slow: 408, in the fault format the clients read. */
public class RateFaults {

    @ServerExceptionMapper
    public Response slowBody(SlowBodyException e) {
        return Response.status(408).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .header("Connection", "close").entity("TransferFailed: " + e.getMessage() + "; nothing was stored\n")
                .build();
    }
}
