package org.vosportal.portal;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vosportal.vospace.VosPath;

/**
 * Resumable uploads in progress: for each, the service's pre-authorised push URL and its PUT
 * transaction. Kept on the portal's side so the browser only ever holds an opaque id.
 */
@ApplicationScoped
public class UploadSessions {

    /** How long an idle resumable upload is kept (the push URL is negotiated for as long). */
    static final Duration LIFETIME = Duration.ofHours(24);

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
        volatile Instant touched = Instant.now();

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

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public Session open(String svc, String user, VosPath path, String endpoint, String txnId, long size,
            boolean mayReplace) {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        Session s = new Session(Base64.getUrlEncoder().withoutPadding().encodeToString(b), svc, user, path, endpoint,
                txnId, size, mayReplace);
        sessions.put(s.id, s);
        return s;
    }

    /** The session, if it exists and belongs to this user of this service; else a 404 in plain words. */
    public Session get(String id, String svc, String user) {
        Session s = id == null ? null : sessions.get(id);
        if (s == null || !s.svc.equals(svc) || user == null || !user.equals(s.user)) {
            throw new PortalException(404, Messages.get().unknownUpload());
        }
        s.touched = Instant.now();
        return s;
    }

    public void close(Session s) {
        sessions.remove(s.id);
    }

    @Scheduled(every = "1h")
    void dropIdle() {
        Instant limit = Instant.now().minus(LIFETIME);
        sessions.values().removeIf(s -> s.touched.isBefore(limit));
    }
}
