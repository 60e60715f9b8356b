package org.vosportal.service.blob;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreTest extends BlobStoreContract {

    @TempDir
    Path dir;

    @Override
    protected BlobStore store() throws IOException {
        return new LocalBlobStore(dir);
    }
}
