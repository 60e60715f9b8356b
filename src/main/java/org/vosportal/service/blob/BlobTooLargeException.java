package org.vosportal.service.blob;

import java.io.IOException;

/** More bytes arrived than the caller allowed (quota); nothing was kept. */
public class BlobTooLargeException extends IOException {
    public BlobTooLargeException(long maxBytes) {
        super("more than " + maxBytes + " bytes");
    }
}
