package org.vosportal.service.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.vosportal.service.blob.BlobStore;
import org.vosportal.fits.FitsPreview;
import org.vosportal.fits.FitsRefusal;
import org.vosportal.service.preview.PreviewCache;
import org.vosportal.service.store.StoredNode;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.VosFault;

/**
 * The byte endpoint's picture view: {@code PREVIEW=png} (optionally {@code PREVIEW_SIZE=16..2048},
 * the long side in pixels, 1024 by default) answers a PNG of a FITS image (zscale, decimated
 * read), or of a PNG or JPEG scaled down, from {@link PreviewCache}. Anything else is a 400 in words.
 */
final class PreviewResponse {

    private PreviewResponse() {
    }

    /** The long side asked for, or -1 when no preview is asked; 400 when the parameters are wrong. */
    static int asked(HttpServerRequest request) {
        String p = request.getParam("PREVIEW");
        String size = request.getParam("PREVIEW_SIZE");
        if (p == null) {
            if (size != null) {
                throw VosFault.invalid("PREVIEW_SIZE goes with PREVIEW=png");
            }
            return -1;
        }
        if (!p.strip().equalsIgnoreCase("png")) {
            throw VosFault.invalid("invalid PREVIEW '" + p + "': only PREVIEW=png is supported");
        }
        if (request.getParam("META") != null || request.getParam("SUB") != null || request.getParam("CIRCLE") != null) {
            throw VosFault.invalid("ask for one of META, SUB, CIRCLE or PREVIEW at a time");
        }
        if (size == null) {
            return FitsPreview.DEFAULT_SIZE;
        }
        try {
            int n = Integer.parseInt(size.strip());
            if (n >= FitsPreview.MIN_SIZE && n <= FitsPreview.MAX_SIZE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw VosFault.invalid("invalid PREVIEW_SIZE '" + size + "': a number of pixels from "
                + FitsPreview.MIN_SIZE + " to " + FitsPreview.MAX_SIZE);
    }

    static Response answer(PreviewCache cache, StoredNode n, BlobStore blobs, int size) {
        if (n.blobId() == null || n.length() == 0) {
            throw VosFault.invalid("this file is empty: there is nothing to preview");
        }
        try {
            PreviewCache.Entry e = cache.get(n, () -> blobs.channel(n.blobId()), size);
            return Response.ok(e.file().toFile())
                    .header("Content-Type", "image/png")
                    .header("Content-Disposition", DownloadHeaders.disposition("inline", n.name() + ".png"))
                    .header("X-Preview-Cache", e.hit() ? "hit" : "miss")
                    .header("X-Preview-Bytes-Read", Long.toString(e.bytesRead()))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Cache-Control", "private, max-age=3600")
                    .header("Content-Security-Policy", "sandbox; default-src 'none'")
                    .build();
        } catch (FitsRefusal e) {
            throw VosFault.invalid(e.getMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new VosFault(Fault.InternalFault, "the bytes of this file are missing from the storage");
        } catch (IOException e) {
            throw new VosFault(Fault.InternalFault, "could not make a preview of this file: " + e.getMessage());
        }
    }
}
