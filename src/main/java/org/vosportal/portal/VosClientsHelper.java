package org.vosportal.portal;

import java.net.URI;
import java.util.Objects;
import org.vosportal.vospace.client.Capabilities;
import org.vosportal.vospace.client.VosClient;

/** Decides whether a URL belongs to a service's own host, so the user's token may go there. */
final class VosClientsHelper {

    private VosClientsHelper() {
    }

    static boolean sameOrigin(String url, VosClient client) {
        URI a = URI.create(url);
        URI b = URI.create(client.capabilities().url(Capabilities.NODES));
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && a.getPort() == b.getPort();
    }
}
