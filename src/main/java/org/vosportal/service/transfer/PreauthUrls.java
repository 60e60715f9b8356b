package org.vosportal.service.transfer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.vosportal.service.NodeResolver.Resolved;
import org.vosportal.service.ServiceConfig;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.auth.PreauthSigner;
import org.vosportal.service.auth.PreauthSigner.Direction;
import org.vosportal.service.auth.PreauthSigner.Grant;
import org.vosportal.vospace.UriCodec;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;

/**
 * Builds pre-authorised URLs: {@code {base}/preauth/{token}/{file name}}. The file name at the end
 * only makes {@code wget -i} and browsers name the download well; the token alone decides.
 */
@ApplicationScoped
public class PreauthUrls {

    @Inject
    ServiceConfig config;

    @Inject
    PreauthSigner signer;

    /** A download URL for the file {@code r} resolved to, valid for that node and its current bytes only. */
    public String download(Caller caller, Resolved r, Duration ttl) {
        return url(caller, r.path(), Direction.GET, ttl, r.node().id(), r.node().md5());
    }

    public String download(Caller caller, Resolved r) {
        return download(caller, r, config.preauthTtl());
    }

    /**
     * The URL of a share link from the registry: the same grant as {@link #download}, for the
     * link's node, bytes and expiry, naming the link's id so the byte endpoint can tell it was
     * revoked. Signing is deterministic, so the link's URL is the same every time it is listed.
     */
    public String share(org.vosportal.service.store.ShareLink link) {
        String token = signer.sign(new Grant(Direction.GET, link.path(), link.creator(), link.expires(), link.nodeId(),
                link.md5(), link.id()));
        return config.baseUrl() + "/preauth/" + token + "/" + UriCodec.encodeSegment(link.path().name());
    }

    /** An upload URL for a path (its node may not exist yet). */
    public String upload(Caller caller, VosPath path, Duration ttl) {
        return url(caller, path, Direction.PUT, ttl, 0, "");
    }

    /**
     * A URL living {@code ttl}; upload URLs never longer than {@code preauth-put-ttl} (a long-lived
     * write capability would outlive a revoked grant), download and share links up to
     * {@code preauth-max-ttl}.
     */
    private String url(Caller caller, VosPath path, Direction direction, Duration ttl, long nodeId, String md5) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(config.preauthMaxTtl()) > 0) {
            throw VosFault.invalid("link lifetime must be between 1 second and " + config.preauthMaxTtl());
        }
        Duration life = direction == Direction.PUT && ttl.compareTo(config.preauthPutTtl()) > 0
                ? config.preauthPutTtl() : ttl;
        Instant expires = Instant.now().plus(life);
        String token = signer.sign(new Grant(direction, path, caller.user(), expires, nodeId, md5));
        return config.baseUrl() + "/preauth/" + token + "/" + UriCodec.encodeSegment(path.name());
    }
}
