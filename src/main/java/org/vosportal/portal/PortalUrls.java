package org.vosportal.portal;

import java.util.ArrayList;
import java.util.List;
import org.vosportal.vospace.VosPath;

/** Builds the portal's own URLs; path segments are percent-encoded once, here. */
public final class PortalUrls {

    private PortalUrls() {
    }

    public static String list(String svc, VosPath path) {
        return "/storage/" + svc + "/list" + path.toUrlPath();
    }

    public static String download(String svc, VosPath path) {
        return "/storage/" + svc + "/download" + path.toUrlPath();
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
}
