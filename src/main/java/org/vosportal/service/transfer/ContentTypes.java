package org.vosportal.service.transfer;

import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;

/** Guesses a MIME type from a file name, knowing the formats astronomers store. */
public final class ContentTypes {

    public static final String DEFAULT = "application/octet-stream";

    private static final Map<String, String> ASTRO = Map.ofEntries(
            Map.entry("fits", "application/fits"), Map.entry("fit", "application/fits"),
            Map.entry("fts", "application/fits"), Map.entry("fz", "application/fits"),
            Map.entry("vot", "application/x-votable+xml"), Map.entry("votable", "application/x-votable+xml"),
            Map.entry("hdf5", "application/x-hdf5"), Map.entry("h5", "application/x-hdf5"),
            Map.entry("csv", "text/csv"), Map.entry("txt", "text/plain"), Map.entry("md", "text/markdown"),
            Map.entry("json", "application/json"), Map.entry("xml", "text/xml"), Map.entry("gz", "application/gzip"),
            Map.entry("tar", "application/x-tar"), Map.entry("zip", "application/zip"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("pdf", "application/pdf"), Map.entry("py", "text/x-python"), Map.entry("ipynb",
                    "application/x-ipynb+json"), Map.entry("ecsv", "text/plain"));

    private ContentTypes() {
    }

    /** The MIME type for a name, or null when nothing better than octet-stream is known. */
    public static String guess(String name) {
        int dot = name.lastIndexOf('.');
        if (dot >= 0 && dot < name.length() - 1) {
            String t = ASTRO.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
            if (t != null) {
                return t;
            }
        }
        return URLConnection.guessContentTypeFromName(name);
    }
}
