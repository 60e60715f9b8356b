package org.vosportal.testsupport;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * Test-only endpoints that fail the way a bug does (an unchecked exception with internals in its
 * message), one in the portal's space and one in the service's, to check who answers how. Each
 * is its own root resource: JAX-RS picks the class by the longest literal path and never falls
 * back to another, so a method under a "/" class would lose to the portal controllers' "/storage".
 */
public final class FailingResource {

    static final String SECRET = "internal detail 7f3a that must stay in the log";

    private FailingResource() {
    }

    @Path("/storage/test-bug")
    public static class InThePortal {
        @GET
        public String fail() {
            throw new IllegalStateException(SECRET);
        }
    }

    @Path("/vault/test-bug")
    public static class InTheService {
        @GET
        public String fail() {
            throw new IllegalStateException(SECRET);
        }
    }
}
