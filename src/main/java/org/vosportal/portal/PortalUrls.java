package org.vosportal.portal;

import io.quarkus.qute.TemplateExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vosportal.vospace.UriCodec;
import org.vosportal.vospace.VosPath;

/**
 * Every URL the portal writes, in pages, fragments and redirects: path segments and query values
 * are percent-encoded here, once, so a node called {@code a?b}, {@code c#d} or {@code e%41f} is
 * addressed as itself. Templates call these as {@code {url:info(page.svc, page.folder, r.name)}};
 * nothing else concatenates portal paths.
 */
@TemplateExtension(namespace = "url")
public final class PortalUrls {

    static final String ROOT = "/storage";

    private PortalUrls() {
    }

    public static String home() {
        return ROOT;
    }

    public static String login() {
        return ROOT + "/login";
    }

    /** The login, coming back to {@code next} afterwards (only if it is a portal path, see {@link #sameSitePath}). */
    public static String loginThenBack(String next) {
        String back = sameSitePath(next);
        return back == null ? login() : login() + "?next=" + UriCodec.encodeQueryValue(back);
    }

    /** The login, coming back to this folder's listing (from the root, the landing page: to the user's home). */
    public static String loginBackTo(String svc, VosPath folder) {
        return folder.isRoot() ? login() : loginThenBack(list(svc, folder));
    }

    public static String logout() {
        return ROOT + "/logout";
    }

    /** {@code /storage/{svc}/{action}}: the actions that take their paths in the form. */
    static String action(String svc, String action) {
        return ROOT + "/" + UriCodec.encodeSegment(svc) + "/" + action;
    }

    /** {@code /storage/{svc}/{action}/{path}}: an action on the node at {@code path}. */
    static String action(String svc, String action, VosPath path) {
        return action(svc, action) + path.toUrlPath();
    }

    /** The node {@code name} inside {@code folder} (a name as the service sent it, not re-validated). */
    static String action(String svc, String action, VosPath folder, String name) {
        return action(svc, action) + folder.toUrlPath() + "/" + UriCodec.encodeSegment(name);
    }

    public static String service(String svc) {
        return action(svc, "list");
    }

    public static String list(String svc, VosPath path) {
        return action(svc, "list", path);
    }

    public static String listChild(String svc, VosPath folder, String name) {
        return action(svc, "list", folder, name);
    }

    public static String download(String svc, VosPath path) {
        return action(svc, "download", path);
    }

    /** The FITS headers of a file, as a fragment for its details (FitsController). */
    /** Where "Index FITS headers" posts. */
    public static String fitsIndex(String svc, VosPath path) {
        return action(svc, "fits-index", path);
    }

    public static String fitsHeader(String svc, VosPath path) {
        return action(svc, "fits-header", path);
    }

    /** Where a FITS file's images lie on the sky, as a fragment beside the cutout form (FitsController). */
    public static String fitsFootprint(String svc, VosPath path) {
        return action(svc, "fits-footprint", path);
    }

    /** A cutout of a FITS file, downloaded through the service (FitsController). */
    public static String cutout(String svc, VosPath path) {
        return action(svc, "cutout", path);
    }

    /** The PNG preview of a file (PreviewController), the size the details show. */
    public static String preview(String svc, VosPath path) {
        return action(svc, "preview", path);
    }

    /** A grid thumbnail of the file {@code name} in {@code folder}. */
    public static String thumbnail(String svc, VosPath folder, String name) {
        return action(svc, "preview", folder, name) + "?size=" + PreviewController.THUMB_SIZE;
    }

    /** The first lines of a text file, as a fragment for its details (PreviewController). */
    public static String textPreview(String svc, VosPath path) {
        return action(svc, "text-preview", path);
    }

    public static String info(String svc, VosPath path) {
        return action(svc, "info", path);
    }

    public static String infoChild(String svc, VosPath folder, String name) {
        return action(svc, "info", folder, name);
    }

    public static String folders(String svc, VosPath path) {
        return action(svc, "folders", path);
    }

    public static String properties(String svc, VosPath path) {
        return action(svc, "properties", path);
    }

    public static String permissions(String svc, VosPath path) {
        return action(svc, "permissions", path);
    }

    public static String share(String svc, VosPath path) {
        return action(svc, "share", path);
    }

    /** The Shares page: the user's share links and what was shared with them. */
    /** The search below a folder (the service's search extension). */
    public static String search(String svc, VosPath folder) {
        return action(svc, "search", folder);
    }

    public static String shares(String svc) {
        return action(svc, "shares");
    }

    /** Where a share link's Revoke posts (the link's id in the form). */
    public static String revokeShare(String svc) {
        return action(svc, "shares") + "/revoke";
    }

    /** The details page's fix: opens the folders above the node that keep its audience out. */
    public static String openPath(String svc, VosPath path) {
        return action(svc, "open-path", path);
    }

    public static String mkdir(String svc) {
        return action(svc, "mkdir");
    }

    public static String link(String svc) {
        return action(svc, "link");
    }

    public static String delete(String svc) {
        return action(svc, "delete");
    }

    /** The confirmation's words for deleting the {@code path} query values (JSON; js/confirm.js adds the paths). */
    public static String deleteQuestion(String svc) {
        return action(svc, "delete-question");
    }

    /** The user's trash on this service, and its actions (each takes the item's {@code name} in the form). */
    public static String trash(String svc) {
        return action(svc, "trash");
    }

    /** A later page of the trash: the items after the item {@code after} (null: the first page). */
    public static String trash(String svc, String after) {
        return withQuery(trash(svc), "after", after);
    }

    public static String trashRestore(String svc) {
        return action(svc, "trash") + "/restore";
    }

    public static String trashDelete(String svc) {
        return action(svc, "trash") + "/delete";
    }

    public static String trashEmpty(String svc) {
        return action(svc, "trash") + "/empty";
    }

    public static String selection(String svc) {
        return action(svc, "selection");
    }

    /** Where the ZIP and TAR buttons post: the service's package stream, or the portal's own assembly. */
    public static String archive(String svc, boolean servicePackages) {
        return action(svc, "selection") + (servicePackages ? "/archive" : "/assemble");
    }

    /** Prefix of a streamed upload; the upload script appends the encoded path of the file. */
    public static String upload(String svc) {
        return action(svc, "upload");
    }

    /** Prefix of a folder's child names (JSON); the upload script appends the encoded folder path. */
    public static String names(String svc) {
        return action(svc, "names");
    }

    /** Resumable upload sessions. */
    public static String uploads(String svc) {
        return action(svc, "uploads");
    }

    public static String job(String svc, String id) {
        return action(svc, "jobs") + "/" + UriCodec.encodeSegment(id);
    }

    /**
     * What a row's name links to: a folder's listing, a file's download, a link's web target
     * (http and https only: never {@code javascript:} or {@code data:}) or else the portal's
     * follow route.
     */
    public static String row(String svc, VosPath folder, Row r) {
        if (r.isContainer()) {
            return action(svc, "list", folder, r.name());
        }
        if (r.isLink()) {
            String web = webTarget(r.linkTarget());
            return web != null ? web : action(svc, "follow", folder, r.name());
        }
        return action(svc, "download", folder, r.name());
    }

    /** A link target the browser may open directly: an absolute http(s) URL, or null. */
    static String webTarget(String target) {
        if (target == null) {
            return null;
        }
        String lower = target.toLowerCase(Locale.ROOT);
        boolean web = (lower.startsWith("http://") || lower.startsWith("https://")) && target.length() > 8
                && target.chars().noneMatch(c -> c <= 0x20 || c == 0x7f || c == '\\' || c == '"' || c == '<' || c == '>');
        return web ? target : null;
    }

    /** Column header link: sorts by {@code key}, toggling the order when already sorted by it. */
    public static String sort(String svc, VosPath folder, String key, String current, boolean descending) {
        boolean flip = key.equals(current) && !descending;
        // ascending name order is the default (no query); every column toggles between the two orders
        return key.equals("name") && !flip ? list(svc, folder)
                : withQuery(list(svc, folder), "sort", key, "order", flip ? "desc" : "asc");
    }

    /** {@code url?k1=v1&k2=v2}, values encoded; pairs whose value is null are left out. */
    static String withQuery(String url, String... keysAndValues) {
        StringBuilder sb = new StringBuilder(url);
        char sep = url.indexOf('?') < 0 ? '?' : '&';
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                sb.append(sep).append(keysAndValues[i]).append('=').append(UriCodec.encodeQueryValue(keysAndValues[i + 1]));
                sep = '&';
            }
        }
        return sb.toString();
    }

    public static List<Crumb> crumbs(String svc, VosPath path) {
        List<Crumb> out = new ArrayList<>();
        out.add(new Crumb(svc, list(svc, VosPath.ROOT)));
        for (int i = 1; i <= path.depth(); i++) {
            VosPath p = path.prefix(i);
            out.add(new Crumb(p.name(), list(svc, p)));
        }
        return out;
    }

    /**
     * {@code candidate} if it is a path of this portal that a redirect may go to, else null: it
     * starts with a single {@code /} (not {@code //} or {@code /\}, which browsers read as another
     * host), has no scheme, no control characters or backslashes anywhere, and lies under
     * {@code /storage}, with no dot segments (even encoded) to climb out of it.
     */
    static String sameSitePath(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > 2000 || candidate.charAt(0) != '/') {
            return null;
        }
        if (candidate.length() > 1 && (candidate.charAt(1) == '/' || candidate.charAt(1) == '\\')) {
            return null;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '\\' || c > 0x7e) {
                return null; // raw spaces, tabs, CR/LF, non-ASCII: a real portal URL has them encoded
            }
        }
        int q = candidate.indexOf('?');
        String path = (q < 0 ? candidate : candidate.substring(0, q)).toLowerCase(Locale.ROOT);
        if (!(path.equals(ROOT) || path.startsWith(ROOT + "/")) || path.contains("%2e") || path.contains("%2f")
                || path.contains("%5c") || path.contains("%00") || path.contains("/./") || path.contains("/../")
                || path.endsWith("/.") || path.endsWith("/..") || path.contains("#")) {
            return null;
        }
        return candidate;
    }
}
