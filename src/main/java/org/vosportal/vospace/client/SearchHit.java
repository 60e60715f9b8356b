package org.vosportal.vospace.client;

import java.time.Instant;
import java.util.List;
import org.vosportal.vospace.VosPath;

/** A node the service's search found ({@link VosSession#search}): where it is, its kind, size and date. */
public record SearchHit(VosPath path, boolean container, long size, Instant date) {

    /** One page of hits and the cursor of the next page, null when there is none. */
    public record Page(List<SearchHit> hits, String next) {
    }
}
