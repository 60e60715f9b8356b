package org.vosportal.service.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import org.vosportal.service.blob.BlobStore;
import java.util.List;
import org.vosportal.fits.CountingChannel;
import org.vosportal.fits.FitsRefusal;
import org.vosportal.fits.FitsRequest;
import org.vosportal.fits.FitsViews;
import org.vosportal.service.store.StoredNode;
import org.vosportal.vospace.VosFault;

/**
 * The byte endpoint's FITS views ({@code META=true}, {@code SUB}, {@code CIRCLE}): the request
 * read from the query, checked against the file before any byte is sent, then streamed. No
 * {@code Digest}: the answer is not the file's bytes.
 */
final class FitsViewResponse {

    private FitsViewResponse() {
    }

    /** The view this request asks for, or null for the plain bytes; 400 when it is malformed. */
    static FitsRequest asked(HttpServerRequest request) {
        try {
            List<String> subs = request.params().getAll("SUB");
            return FitsRequest.of(request.getParam("META"), subs, request.getParam("CIRCLE"));
        } catch (FitsRefusal e) {
            throw VosFault.invalid(e.getMessage());
        }
    }

    static Response answer(StoredNode n, BlobStore blobs, FitsRequest view) {
        if (n.blobId() == null || n.length() == 0) {
            throw VosFault.invalid("this file is empty: there is no FITS header to read or cut");
        }
        SeekableByteChannel ch = null;
        try {
            try {
                ch = blobs.channel(n.blobId());
            } catch (java.nio.file.NoSuchFileException e) {
                throw new VosFault(org.vosportal.vospace.Fault.InternalFault,
                        "the bytes of this file are missing from the storage");
            }
            CountingChannel in = new CountingChannel(ch);
            FitsViews.Prepared answer = FitsViews.prepare(in, view, n.name());
            SeekableByteChannel open = ch;
            StreamingOutput body = out -> {
                try (open) {
                    answer.write(org.vosportal.PacedOutput.around(out));
                }
            };
            ch = null; // the body closes it
            return Response.ok(body)
                    .header("Content-Type", answer.contentType())
                    .header("Content-Disposition", DownloadHeaders.disposition(view.meta() ? "inline" : "attachment",
                            view.meta() ? n.name() + ".txt" : n.name()))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", "sandbox; default-src 'none'")
                    .build();
        } catch (FitsRefusal e) {
            throw VosFault.invalid(e.getMessage());
        } catch (IOException e) {
            throw new VosFault(org.vosportal.vospace.Fault.InternalFault, "could not read this file: " + e.getMessage());
        } finally {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // nothing was sent; the refusal above says what went wrong
                }
            }
        }
    }
}
