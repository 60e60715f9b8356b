package org.vosportal.portal;

import java.util.List;
import org.vosportal.vospace.VosPath;

/**
 * The details page of one node: its facts in plain words ({@link NodeFacts}), permissions, custom
 * metadata, sharing, and every raw property ({@code advanced}) for those who want the URIs.
 */
public record InfoPage(String svc, VosPath path, String name, String kind, List<Crumb> crumbs, List<PropRow> props,
        List<PropRow> custom, boolean isPublic, String readGroups, String writeGroups, boolean inherit,
        boolean isContainer, boolean isFile, boolean canWrite, List<String> userGroups, String publicLink,
        String shareLink, String shareExpires, String flash, AccessView access,
        boolean shareLinksListed, List<ShareRow> shareLinks, NodeFacts facts, List<PropRow> advanced,
        boolean servicePreviews) {

    /** One property row; {@code label} is the short name people know (e.g. "length"). */
    public record PropRow(String uri, String label, String value, boolean readOnly) {
    }

    /** This page's own address (where a login comes back to). */
    public String selfUrl() {
        return PortalUrls.info(svc, path);
    }

    public String pathText() {
        return path.toString();
    }

    /** The folder this node is in (the root for the root). */
    public VosPath folder() {
        return path.isRoot() ? path : path.parent();
    }

    /** A FITS file: by its type, or by its name when the service gave none. */
    public boolean isFits() {
        String type = facts == null ? null : facts.contentType();
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return isFile && (type != null && type.toLowerCase(java.util.Locale.ROOT).contains("fits")
                || n.endsWith(".fits") || n.endsWith(".fit") || n.endsWith(".fts"));
    }

    /** A PNG or JPEG file: by its type, or by its name. */
    public boolean isImage() {
        String type = facts == null || facts.contentType() == null ? "" : facts.contentType().toLowerCase(java.util.Locale.ROOT);
        return isFile && (type.startsWith("image/png") || type.startsWith("image/jpeg") || Row.hasPicture(name));
    }

    /** A picture of it is shown: a FITS file or an image, on a service that makes previews. */
    public boolean hasPreview() {
        return servicePreviews && (isFits() || isImage());
    }

    /** Its first lines are shown: text by its type or name (CSV and TSV as a table). */
    public boolean hasTextPreview() {
        String type = facts == null || facts.contentType() == null ? "" : facts.contentType().toLowerCase(java.util.Locale.ROOT);
        return isFile && !isFits() && !isImage() && (type.startsWith("text/") || type.contains("csv")
                || Row.isText(name));
    }
}
