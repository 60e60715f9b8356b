package org.vosportal.portal;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Service jobs the portal started for a user and shows the progress of (recursive delete,
 * recursive permissions). The browser only holds an opaque id.
 */
@ApplicationScoped
public class PortalJobs {

    static final Duration KEEP = Duration.ofHours(6);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the browser's id stands for. */
    public record Tracked(String svc, String user, String jobUrl, String what, Instant started) {
    }

    private final Map<String, Tracked> jobs = new ConcurrentHashMap<>();

    public String track(String svc, String user, String jobUrl, String what) {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        jobs.put(id, new Tracked(svc, user, jobUrl, what, Instant.now()));
        return id;
    }

    public Tracked get(String id, String svc, String user) {
        Tracked t = id == null ? null : jobs.get(id);
        if (t == null || !t.svc().equals(svc) || user == null || !user.equals(t.user())) {
            throw new PortalException(404, Messages.get().unknownJob());
        }
        return t;
    }

    @Scheduled(every = "1h")
    void forget() {
        Instant limit = Instant.now().minus(KEEP);
        jobs.values().removeIf(t -> t.started().isBefore(limit));
    }
}
