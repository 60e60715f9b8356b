package org.vosportal.service.blob;

import java.nio.file.Path;

/** Capability: committed blobs are files on a local file system, so they can be sent zero-copy. */
public interface LocalFiles {

    /** The file of a committed blob (it may be missing if the store is damaged). */
    Path file(String blobId);
}
