package org.vosportal.service.rest;

import java.io.IOException;

/** A request body that arrived slower than the minimum rate; answered 408 (see RateLimits). */
public class SlowBodyException extends IOException {

    public SlowBodyException(long bytes, long windowMillis) {
        super("the client sent " + bytes + " bytes in " + windowMillis / 1000.0 + " s, less than the minimum rate");
    }
}
