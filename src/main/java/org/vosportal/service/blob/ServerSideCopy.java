package org.vosportal.service.blob;

import java.io.IOException;

/** Capability: the backend copies a blob itself (a hard link, an S3 CopyObject), no byte passes through here. */
public interface ServerSideCopy {

    /** A new blob id with the same bytes. */
    String copy(String blobId) throws IOException;
}
