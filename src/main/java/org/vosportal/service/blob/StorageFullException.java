package org.vosportal.service.blob;

import java.io.IOException;

/** The service's own disk is full (not the user's quota): nothing was kept, the upload may be retried later. */
public class StorageFullException extends IOException {
    public StorageFullException(IOException cause) {
        super("no space left on the service's storage", cause);
    }

    /** Whether a failed write means the file system (or its disk quota) is full. */
    public static boolean isStorageFull(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StorageFullException) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    /** {@code e} as a StorageFullException when it is one, else itself. */
    public static IOException classify(IOException e) {
        return e instanceof StorageFullException || !isStorageFull(e) ? e : new StorageFullException(e);
    }
}
