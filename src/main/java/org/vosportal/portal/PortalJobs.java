package org.vosportal.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Service jobs the portal started for a user and shows the progress of (recursive delete,
 * recursive permissions). The browser only holds an opaque id: the record sealed
 * ({@link SealedIds}), so any instance of the portal can follow the job and none keeps it.
 */
@ApplicationScoped
public class PortalJobs {

    static final Duration KEEP = Duration.ofHours(6);
    private static final String PURPOSE = "portal-job";

    @Inject
    SealedIds sealed;

    /** What the browser's id stands for. */
    public record Tracked(String svc, String user, String jobUrl, String what, Instant started) {
    }

    public String track(String svc, String user, String jobUrl, String what) {
        return sealed.seal(PURPOSE, List.of(svc, user, jobUrl, what, Long.toString(Instant.now().toEpochMilli())));
    }

    public Tracked get(String id, String svc, String user) {
        List<String> f = sealed.open(PURPOSE, id);
        Tracked t = f == null || f.size() != 5 ? null
                : new Tracked(f.get(0), f.get(1), f.get(2), f.get(3), Instant.ofEpochMilli(Long.parseLong(f.get(4))));
        if (t == null || !t.svc().equals(svc) || user == null || !user.equals(t.user())
                || t.started().isBefore(Instant.now().minus(KEEP))) {
            throw new PortalException(404, Messages.get().unknownJob());
        }
        return t;
    }
}
