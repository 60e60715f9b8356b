package org.vosportal.service.rest;

import jakarta.ws.rs.core.Response;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import org.vosportal.service.store.StoredNode;
import org.vosportal.service.transfer.ContentTypes;
import org.vosportal.vospace.UriCodec;

/** Headers that describe a file's bytes (HEAD of /files, GET of a pre-authorised URL). */
public final class DownloadHeaders {

    private DownloadHeaders() {
    }

    /** {@code md5=<base64 of the raw digest>}, the RFC 3230 form cadcutils checks. */
    public static String digest(String md5Hex) {
        return "md5=" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(md5Hex));
    }

    /** Reads the MD5 (hex) from a {@code Digest} request header; null if it carries none. */
    public static String md5FromDigest(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(",")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "md5=", 0, 4)) {
                try {
                    byte[] raw = Base64.getDecoder().decode(p.substring(4).trim());
                    if (raw.length == 16) {
                        return HexFormat.of().formatHex(raw);
                    }
                } catch (IllegalArgumentException e) {
                    // fall through: treated as a malformed digest
                }
                throw org.vosportal.vospace.VosFault.invalid("malformed md5 digest header");
            }
        }
        return null;
    }

    /** {@code attachment; filename="x"; filename*=UTF-8''x} with the name made header-safe. */
    public static String disposition(String kind, String name) {
        String ascii = name.replaceAll("[^\\x20-\\x7e]", "_").replace("\\", "_").replace("\"", "_");
        return kind + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + UriCodec.encodeQueryValue(name);
    }

    public static String contentType(StoredNode n) {
        return n.contentType() != null ? n.contentType() : ContentTypes.DEFAULT;
    }

    public static Response.ResponseBuilder describe(Response.ResponseBuilder b, StoredNode n, String disposition) {
        b.header("Content-Type", contentType(n))
                .header("Content-Disposition", disposition(disposition, n.name()))
                .header("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(n.modified().atZone(ZoneOffset.UTC)))
                .header("Accept-Ranges", "bytes")
                .header("X-Content-Type-Options", "nosniff");
        if (n.contentEncoding() != null) {
            b.header("Content-Encoding", n.contentEncoding());
        }
        if (n.md5() != null) {
            b.header("Digest", digest(n.md5()));
            b.header("ETag", "\"" + n.md5() + "\"");
        }
        return b;
    }
}
