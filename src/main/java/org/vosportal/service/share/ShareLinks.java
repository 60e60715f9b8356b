package org.vosportal.service.share;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.vosportal.service.NodeResolver;
import org.vosportal.service.NodeResolver.Resolved;
import org.vosportal.service.ServiceConfig;
import org.vosportal.service.auth.Authorizer;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.store.NodeStore;
import org.vosportal.service.store.ShareLink;
import org.vosportal.service.store.ShareStore;
import org.vosportal.service.store.StoredNode;
import org.vosportal.service.transfer.ContentService;
import org.vosportal.service.transfer.PreauthUrls;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;

/**
 * Share links: time-limited download links to one file, made by someone who may read it, that
 * work without logging in. Unlike the stateless URLs of plain transfers each one is a row in the
 * registry ({@link ShareStore}), so its maker and the file's owner can list and revoke it, and
 * the byte endpoint refuses it (410) on the very next request after that.
 */
@ApplicationScoped
public class ShareLinks {

    @jakarta.inject.Inject
    org.vosportal.service.cluster.ThisInstance instance;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "vospace.service.share-purge-every", defaultValue = "1h")
    java.time.Duration sharePurgeEvery;

    /** Active links one user may have at once: each is a row, and a list page shows them all. */
    public static final int MAX_ACTIVE = 500;

    /**
     * How long an expired link's row is kept, so that the link still says when it expired or was
     * revoked; then it is deleted (the registry does not grow forever) and the link says only that
     * it no longer works.
     */
    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(30);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Inject
    ShareStore shares;

    @Inject
    NodeStore nodes;

    @Inject
    ContentService content;

    @Inject
    NodeResolver resolver;

    @Inject
    Authorizer authorizer;

    @Inject
    PreauthUrls urls;

    @Inject
    ServiceConfig config;

    /**
     * A link with the URL that opens it; {@code works} is false once its file was moved away or
     * its bytes replaced (the link serves only what it was made for, at the path it was made for).
     */
    public record Issued(ShareLink link, String url, boolean works) {
    }

    /** A new link to the file at {@code path} for {@code ttl}: for a logged-in user who may read it. */
    public Issued create(Caller caller, VosPath path, Duration ttl) {
        requireUser(caller, "make share links");
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(config.preauthMaxTtl()) > 0) {
            throw VosFault.invalid("link lifetime must be between 1 second and " + config.preauthMaxTtl());
        }
        Resolved r = content.planPull(caller, path); // read access along the path; a file, links followed
        Instant now = Instant.now();
        if (shares.countActiveSharesBy(caller.user(), now) >= MAX_ACTIVE) {
            throw VosFault.denied("you have " + MAX_ACTIVE + " active share links; revoke some before making more");
        }
        // whole seconds: the token carries the expiry in seconds, the row must say the same
        Instant expires = now.plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        ShareLink link = new ShareLink(newId(), r.node().id(), r.path(), r.node().md5(), caller.user(),
                now, expires, null);
        shares.insertShare(link);
        return new Issued(link, urls.share(link), true);
    }

    /** The caller's own active links. */
    public List<Issued> mine(Caller caller) {
        requireUser(caller, "list share links");
        return issued(shares.activeSharesBy(caller.user(), Instant.now(), MAX_ACTIVE));
    }

    /**
     * The active links of the node at {@code path} the caller may revoke: all of them for its
     * owner, else the caller's own.
     */
    public List<Issued> of(Caller caller, VosPath path) {
        requireUser(caller, "list share links");
        Resolved r = resolver.resolve(caller, path);
        List<ShareLink> visible = new ArrayList<>();
        for (ShareLink l : shares.activeSharesOf(r.node().id(), Instant.now(), MAX_ACTIVE)) {
            if (authorizer.canRevokeShare(caller, l.creator(), r.chain())) {
                visible.add(l);
            }
        }
        return issued(visible);
    }

    /**
     * Revokes one link: its maker or the owner of its file. A link the caller may not revoke is
     * "not found" for them, so nobody learns about other people's links by guessing ids.
     */
    public ShareLink revoke(Caller caller, String id) {
        requireUser(caller, "revoke share links");
        ShareLink link = id == null ? null : shares.findShare(id).orElse(null);
        if (link == null || !authorizer.canRevokeShare(caller, link.creator(), nodes.ancestry(link.nodeId()))) {
            throw new VosFault(Fault.NodeNotFound, "no share link " + id + " of yours");
        }
        shares.revokeShare(id, Instant.now());
        return link;
    }

    /**
     * Refuses a share link that was revoked, has expired, or whose file was deleted (410 Gone, in
     * words for whoever opened it); asked by the byte endpoint on every use of a share link.
     */
    public void requireUsable(String id) {
        ShareLink link = shares.findShare(id).orElse(null);
        if (link == null) {
            throw new VosFault(Fault.Gone, "this share link no longer works: it expired or was revoked long ago,"
                    + " or the file it was made for was deleted; ask the person who sent it for a new one");
        }
        if (link.revoked() != null) {
            throw new VosFault(Fault.Gone, "this share link was revoked on " + WHEN.format(link.revoked())
                    + "; ask the person who sent it for a new one");
        }
        if (!link.activeAt(Instant.now())) {
            throw new VosFault(Fault.Gone, "this share link expired on " + WHEN.format(link.expires())
                    + "; ask the person who sent it for a new one");
        }
    }

    /** Forgets links that expired more than {@link #KEPT_AFTER_EXPIRY} ago. */
    @io.quarkus.scheduler.Scheduled(every = "${vospace.service.share-purge-every:1h}")
    void purgeExpired() {
        if (!instance.once("share-purge", sharePurgeEvery)) {
            return; // another instance purges in this period
        }
        shares.purgeShares(Instant.now().minus(KEPT_AFTER_EXPIRY));
    }

    private List<Issued> issued(List<ShareLink> links) {
        return links.stream().map(l -> new Issued(l, urls.share(l), stillThere(l))).toList();
    }

    /** The link's file is at the link's path with the link's bytes. */
    private boolean stillThere(ShareLink l) {
        List<StoredNode> chain = nodes.ancestry(l.nodeId());
        return !chain.isEmpty() && pathOf(chain).equals(l.path())
                && java.util.Objects.equals(chain.get(chain.size() - 1).md5(), l.md5());
    }

    private static void requireUser(Caller caller, String what) {
        if (caller.isAnonymous() || caller.preauthorized()) {
            throw VosFault.denied("log in to " + what);
        }
    }

    private static String newId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The current path of a stored node, from its ancestry. */
    static VosPath pathOf(List<StoredNode> chain) {
        VosPath p = VosPath.ROOT;
        for (StoredNode n : chain.subList(1, chain.size())) {
            p = p.child(n.name());
        }
        return p;
    }
}
