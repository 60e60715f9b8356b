package org.vosportal.service.store;

import java.time.Instant;
import org.vosportal.vospace.VosPath;

/**
 * One share link as the registry holds it: a time-limited pre-authorised download of one file,
 * made by {@code creator}, that works at {@code path} for node {@code nodeId} with the bytes
 * {@code md5} until {@code expires}, unless revoked.
 *
 * @param id      random, URL-safe; the link's token names it
 * @param revoked when it was revoked, or null
 */
public record ShareLink(String id, long nodeId, VosPath path, String md5, String creator, Instant created,
        Instant expires, Instant revoked) {

    /** Neither revoked nor expired at {@code now}. */
    public boolean activeAt(Instant now) {
        return revoked == null && now.isBefore(expires);
    }
}
