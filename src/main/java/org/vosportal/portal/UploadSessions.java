package org.vosportal.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.vosportal.vospace.InvalidNameException;
import org.vosportal.vospace.VosPath;

/**
 * Resumable uploads in progress: for each, the service's pre-authorised push URL and its PUT
 * transaction. The browser only ever holds an opaque id, the record sealed in it
 * ({@link SealedIds}): any instance of the portal continues the upload, none keeps it in memory.
 * The service's PUT transaction is what ends (commit, abort) or expires it.
 */
@ApplicationScoped
public class UploadSessions {

    /** How long a resumable upload can go on (the push URL is negotiated for as long). */
    static final Duration LIFETIME = Duration.ofHours(24);
    private static final String PURPOSE = "portal-upload";

    @Inject
    SealedIds sealed;

    /** One resumable upload: who may use it, where its bytes go, and how many there are. */
    public static final class Session {
        final String id;
        final String svc;
        final String user;
        final VosPath path;
        final String endpoint;
        final String txnId;
        final long size;
        /** False: the person did not choose Replace, so the commit may only create the file. */
        final boolean mayReplace;

        Session(String id, String svc, String user, VosPath path, String endpoint, String txnId, long size,
                boolean mayReplace) {
            this.id = id;
            this.svc = svc;
            this.user = user;
            this.path = path;
            this.endpoint = endpoint;
            this.txnId = txnId;
            this.size = size;
            this.mayReplace = mayReplace;
        }
    }

    public Session open(String svc, String user, VosPath path, String endpoint, String txnId, long size,
            boolean mayReplace) {
        String id = sealed.seal(PURPOSE, List.of(svc, user, path.toString(), endpoint, txnId, Long.toString(size),
                Boolean.toString(mayReplace), Long.toString(Instant.now().toEpochMilli())));
        return new Session(id, svc, user, path, endpoint, txnId, size, mayReplace);
    }

    /** The session, if it is one and belongs to this user of this service; else a 404 in plain words. */
    public Session get(String id, String svc, String user) {
        List<String> f = sealed.open(PURPOSE, id);
        Session s = null;
        if (f != null && f.size() == 8
                && Instant.ofEpochMilli(Long.parseLong(f.get(7))).plus(LIFETIME).isAfter(Instant.now())) {
            try {
                s = new Session(id, f.get(0), f.get(1), VosPath.parse(f.get(2)), f.get(3), f.get(4),
                        Long.parseLong(f.get(5)), Boolean.parseBoolean(f.get(6)));
            } catch (InvalidNameException e) {
                s = null;
            }
        }
        if (s == null || !s.svc.equals(svc) || user == null || !user.equals(s.user)) {
            throw new PortalException(404, Messages.get().unknownUpload());
        }
        return s;
    }

    /** Nothing to forget: the service's transaction has ended, and with it what the id names. */
    public void close(Session s) {
        // the id stays readable, but the transaction it names is gone
    }
}
