package org.vosportal.portal;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.vosportal.fits.Cut;
import org.vosportal.fits.FitsRefusal;
import org.vosportal.fits.SkyCircle;
import org.vosportal.fits.SubParser;
import org.vosportal.vospace.NodeType;
import org.vosportal.vospace.Property;
import org.vosportal.vospace.UriCodec;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.client.UpstreamException;

/**
 * A FITS file's headers and cutouts in the details dialog. Both come from the service's views of
 * the file's pre-authorised URL ({@code META=true}, {@code SUB}, {@code CIRCLE}), streamed through
 * the portal so that a refusal ("no overlap") arrives as a page in words. The endpoints read those
 * streams with blocking copies, so they stay {@code @Blocking} and wait for the service's calls
 * (each of which has its own timeout).
 */
@RequestScoped
@Path("/storage/{svc}")
public class FitsController extends PortalController {

    /** Headers are a few kilobytes; more means the service sent the file itself. */
    static final int MAX_HEADER_BYTES = 2 * 1024 * 1024;

    @Inject
    UpstreamStreams streams;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance header(FitsHeaderView fits, String name);

        static native TemplateInstance footprint(FitsHeaderView fits);
    }

    @GET
    @Path("fits-header{path: (/.*)?}")
    @Blocking
    public TemplateInstance header(@PathParam("svc") String svc) {
        VosPath path = pathAfter(svc, "fits-header");
        return Templates.header(headers(svc, path), path.name());
    }

    /** Where the file's images lie on the sky, shown beside the cutout form (from the same headers). */
    @GET
    @Path("fits-footprint{path: (/.*)?}")
    @Blocking
    public TemplateInstance footprint(@PathParam("svc") String svc) {
        return Templates.footprint(headers(svc, pathAfter(svc, "fits-footprint")));
    }

    /**
     * "Index FITS headers": copies the keywords people search by (OBJECT, TELESCOP, INSTRUME,
     * DATE-OBS, FILTER, EXPTIME, RA, DEC; the first HDU that has each, the primary first) into the
     * file's properties {@code ivo://vosportal.org/fits#KEYWORD}, so the service's search finds
     * them ({@code OBJECT = NGC1365}, {@code EXPTIME > 300}). Back to the details page, which says
     * what was copied.
     */
    @POST
    @Path("fits-index{path: (/.*)?}")
    @Blocking
    @CsrfChecked
    public Response index(@PathParam("svc") String svc) {
        VosPath path = pathAfter(svc, "fits-index");
        List<Property> props = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (FitsHeaderView.Card c : headers(svc, path).highlights()) {
            if (c.value() != null && !c.value().isBlank()) {
                props.add(Property.of(FITS_PROPERTY + c.keyword(), c.value().strip()));
                names.add(c.keyword());
            }
        }
        if (props.isEmpty()) {
            return seeOther(PortalUrls.info(svc, path), msg.fitsNothingToIndex());
        }
        session(svc).flatMap(vos -> vos.setProperties(path, NodeType.DATA, props)).await().indefinitely();
        return seeOther(PortalUrls.info(svc, path), msg.fitsIndexed(String.join(", ", names)));
    }

    /** Where indexed FITS keywords go: this URI followed by the keyword ({@code ...#OBJECT}). */
    public static final String FITS_PROPERTY = "ivo://vosportal.org/fits#";

    private FitsHeaderView headers(String svc, VosPath path) {
        HttpClientResponse resp = open(svc, path, "META=true");
        String type = resp.getHeader("Content-Type");
        if (type == null || !type.startsWith("text/plain")) {
            UpstreamStreams.reset(resp);
            throw new PortalException(502, msg.fitsHeadersNotOffered(svc));
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try {
            UpstreamStreams.copy(resp, new Bounded(text, MAX_HEADER_BYTES));
        } catch (IOException e) {
            throw new PortalException(502, msg.fitsHeadersNotOffered(svc));
        }
        return FitsHeaderView.parse(text.toString(StandardCharsets.US_ASCII));
    }

    /**
     * {@code ?sub=[1][10:20,*]} or {@code ?ra=&dec=&radius=}: a FITS file of those pixels, checked
     * here first (400 in words), then cut by the service.
     */
    @GET
    @Path("cutout{path: (/.*)?}")
    @Blocking
    public Response cutout(@PathParam("svc") String svc, @QueryParam("sub") String sub, @QueryParam("ra") String ra,
            @QueryParam("dec") String dec, @QueryParam("radius") String radius) {
        VosPath path = pathAfter(svc, "cutout");
        String query;
        try {
            if (sub != null && !sub.isBlank()) {
                Cut cut = SubParser.parse(sub.strip());
                query = "SUB=" + UriCodec.encodeQueryValue(cut.toString());
            } else {
                SkyCircle c = SkyCircle.parse(String.join(" ", blank(ra), blank(dec), blank(radius)).strip());
                query = "CIRCLE=" + UriCodec.encodeQueryValue(c.ra() + " " + c.dec() + " " + c.radius());
            }
        } catch (FitsRefusal e) {
            throw new PortalException(400, msg.cutoutRefused(e.getMessage()));
        }
        HttpClientResponse resp;
        try {
            resp = open(svc, path, query);
        } catch (UpstreamException e) {
            if (e.status() == 400) { // the service's reason (no overlap, not FITS, compressed…) in the same words
                throw new PortalException(400, msg.cutoutRefused(e.detail()));
            }
            throw e;
        }
        String base = path.name().replaceFirst("(?i)\\.(fits|fit|fts)$", "");
        StreamingOutput body = out -> UpstreamStreams.copy(resp, org.vosportal.PacedOutput.around(out));
        return Response.ok(body, "application/fits")
                .header("Content-Disposition", "attachment; filename=\"" + base.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_")
                        + "-cutout.fits\"")
                .header("Cache-Control", "no-store").build();
    }

    private HttpClientResponse open(String svc, VosPath path, String query) {
        String url = session(svc).flatMap(vos -> vos.downloadUrl(path)).await().indefinitely();
        String viewUrl = url + (url.contains("?") ? "&" : "?") + query;
        // the pre-authorised URL carries the grant: no token goes with it
        return streams.await(streams.open(viewUrl, null, svc + " (" + path.name() + ")"));
    }

    private static String blank(String s) {
        return s == null ? "" : s.strip();
    }

    /** Refuses to hold more than {@code max} bytes. */
    private static final class Bounded extends OutputStream {
        private final ByteArrayOutputStream out;
        private final int max;

        Bounded(ByteArrayOutputStream out, int max) {
            this.out = out;
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (out.size() + len > max) {
                throw new IOException("more than " + max + " bytes of headers");
            }
            out.write(b, off, len);
        }
    }
}
