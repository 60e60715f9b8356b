package org.vosportal.portal;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Locale;
import org.vosportal.vospace.VosPath;

/**
 * Previews in the details dialog and the listing's grid: the PNG the service makes of a FITS
 * image, a PNG or a JPEG ({@code PREVIEW=png} on the file's pre-authorised URL, streamed through
 * like a cutout), and the first lines of a text file (a {@code Range} request for its first
 * {@link #TEXT_BYTES} bytes; CSV and TSV as a table). Both read the stream with blocking copies,
 * so they stay {@code @Blocking} and wait for the service's calls (each has its own timeout).
 */
@RequestScoped
@Path("/storage/{svc}")
public class PreviewController extends PortalController {

    /** How much of a text file its preview reads. */
    static final int TEXT_BYTES = 64 * 1024;
    /** The long side of a preview in the details, and of a grid thumbnail. */
    public static final int DETAILS_SIZE = 1024;
    public static final int THUMB_SIZE = 256;

    @Inject
    UpstreamStreams streams;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance text(TextPreview text, String name);
    }

    @GET
    @Path("preview{path: (/.*)?}")
    @Blocking
    public Response preview(@PathParam("svc") String svc, @QueryParam("size") String size) {
        VosPath path = pathAfter(svc, "preview");
        int px = DETAILS_SIZE;
        if (size != null) {
            try {
                px = Integer.parseInt(size.strip());
            } catch (NumberFormatException e) {
                px = -1;
            }
            if (px < 16 || px > 2048) {
                throw new PortalException(400, msg.previewSizeInvalid(size));
            }
        }
        String url = session(svc).flatMap(vos -> {
            if (!vos.client().offersPreviews()) {
                throw new PortalException(404, msg.previewsNotOffered(svc));
            }
            return vos.downloadUrl(path);
        }).await().indefinitely();
        String previewUrl = url + (url.contains("?") ? "&" : "?") + "PREVIEW=png&PREVIEW_SIZE=" + px;
        HttpClientResponse resp = streams.await(streams.open(previewUrl, null, svc + " (" + path.name() + ")"));
        String type = resp.getHeader("Content-Type");
        if (type == null || !type.startsWith("image/png")) {
            UpstreamStreams.reset(resp);
            throw new PortalException(502, msg.previewsNotOffered(svc));
        }
        StreamingOutput body = out -> UpstreamStreams.copy(resp, org.vosportal.PacedOutput.around(out));
        Response.ResponseBuilder b = Response.ok(body, "image/png")
                .header("Cache-Control", "private, max-age=60")
                .header("X-Content-Type-Options", "nosniff");
        String length = resp.getHeader("Content-Length");
        return length == null ? b.build() : b.header("Content-Length", length).build();
    }

    @GET
    @Path("text-preview{path: (/.*)?}")
    @Blocking
    public TemplateInstance text(@PathParam("svc") String svc) {
        VosPath path = pathAfter(svc, "text-preview");
        String url = session(svc).flatMap(vos -> vos.downloadUrl(path)).await().indefinitely();
        HttpClientResponse resp = streams.await(streams.openStart(url, TEXT_BYTES, svc + " (" + path.name() + ")"));
        boolean[] more = new boolean[1];
        byte[] bytes = UpstreamStreams.readAtMost(resp, TEXT_BYTES, more);
        String range = resp.getHeader("Content-Range");
        if (range != null && range.contains("/")) {
            try {
                more[0] |= Long.parseLong(range.substring(range.lastIndexOf('/') + 1).strip()) > bytes.length;
            } catch (NumberFormatException e) {
                // "*": the total is not known; what was read is what is shown
            }
        }
        return Templates.text(TextPreview.of(bytes, more[0], delimiter(path.name())), path.name());
    }

    static char delimiter(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") ? ',' : n.endsWith(".tsv") ? '\t' : 0;
    }
}
