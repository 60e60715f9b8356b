package org.vosportal.portal;

import java.util.List;
import org.vosportal.vospace.VosPath;
import org.vosportal.vospace.client.ShareLinkInfo;

/**
 * One share link as the Shares page and the details dialog show it: where it leads, until when,
 * its URL (with a copy button) and who made it.
 *
 * @param mine  true if the user made it (the file's owner also sees, and may revoke, others')
 * @param works false once the file was moved away or replaced (the link then answers "not found")
 */
public record ShareRow(String svc, String id, VosPath path, String url, String expires, String creator,
        boolean mine, boolean works) {

    static List<ShareRow> of(String svc, List<ShareLinkInfo> links, String user) {
        return links.stream().map(l -> new ShareRow(svc, l.id(), l.path(), l.url(),
                InfoResource.EXPIRY.format(l.expires()), l.creator(), l.creator() != null && l.creator().equals(user),
                l.works()))
                .toList();
    }

    /** The details page of the link's file. */
    public String infoUrl() {
        return PortalUrls.info(svc, path);
    }

    public String pathText() {
        return path.toString();
    }

    /** The id of the field that holds the URL (the copy button names it). */
    public String fieldId() {
        return "share-link-" + id;
    }
}
