package org.vosportal.service.blob;

import java.net.URI;
import java.time.Duration;

/**
 * Capability: clients can fetch a blob's bytes straight from the backend through a signed URL,
 * so downloads need not pass through this service (an S3 presigned GET).
 */
public interface PresignedDownloads {

    /**
     * A URL valid for {@code ttl} that answers the blob's bytes (and ranges of them) with these
     * response headers.
     */
    URI presignGet(String blobId, Duration ttl, String contentType, String contentDisposition);
}
