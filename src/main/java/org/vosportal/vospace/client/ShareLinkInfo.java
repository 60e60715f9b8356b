package org.vosportal.vospace.client;

import java.time.Instant;
import org.vosportal.vospace.VosPath;

/**
 * A share link as a service's share-link extension describes it ({@link VosClient#shareLinks});
 * {@code works} is false once its file was moved away or replaced.
 */
public record ShareLinkInfo(String id, VosPath path, String url, String creator, Instant created, Instant expires,
        boolean works) {
}
