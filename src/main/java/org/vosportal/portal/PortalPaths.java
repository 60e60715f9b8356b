package org.vosportal.portal;

import org.vosportal.vospace.InvalidNameException;
import org.vosportal.vospace.UriCodec;
import org.vosportal.vospace.VosPath;

/**
 * The one way the portal reads a node path or a new name, from an address or a form field: the
 * service's rules (decoded once; no empty, "." or ".." names, separators, control characters or
 * still-encoded dots and slashes), plus one of the portal's own. It forwards names to services it
 * does not know, and servlet containers (Tomcat among them, under CADC's vault) drop what follows
 * a ';' in a path segment, so "..;x" would climb out of a folder there: such names are refused.
 */
public final class PortalPaths {

    private PortalPaths() {
    }

    /** Whether a request path is the portal's ({@code /storage} and below), not the service's. */
    public static boolean isPortal(String path) {
        return path != null && (path.equals("/storage") || path.startsWith("/storage/"));
    }

    /** A raw (still percent-encoded) URL path. */
    static VosPath fromUrl(String rawPath) {
        return checked(UriCodec.parseRawPath(rawPath));
    }

    /** A decoded path from a form field ({@code /alice/data}). */
    static VosPath fromForm(String decoded) {
        return checked(VosPath.parse(decoded == null ? "" : decoded));
    }

    /** {@code name} inside {@code folder}. */
    static VosPath child(VosPath folder, String name) {
        return checked(folder.child(name));
    }

    private static VosPath checked(VosPath p) {
        for (String n : p.names()) {
            int semi = n.indexOf(';');
            String bare = semi < 0 ? n : n.substring(0, semi);
            if (semi >= 0 && (bare.equals(".") || bare.equals(".."))) {
                throw new InvalidNameException("'" + n + "' would be read as '" + bare + "' by some servers");
            }
        }
        return p;
    }
}
