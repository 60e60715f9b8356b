package org.vosportal.service.jobs;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vosportal.service.HomeProvisioner;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.store.NodeStore;
import org.vosportal.vospace.Property;
import org.vosportal.vospace.UwsJob.Phase;

/**
 * A queued job runs with its owner's group memberships only while the token that vouched for
 * them is valid: a membership revoked at Keycloak ends with that token, not with the job. The
 * groups and their expiry are stored with the job, so this holds on whichever instance runs it.
 */
@QuarkusTest
@Tag("servers") // the application (and with it Keycloak): the full suite, not the fast lane
class JobCredentialsTest {

    static final String DESCRIPTION = "ivo://ivoa.net/vospace/core#description";

    @Inject
    JobService jobs;

    @Inject
    HomeProvisioner homes;

    @Inject
    NodeStore store;

    /** A recursive-properties job on the owner's home setting a fresh description; returns it ended. */
    private Job runToEnd(Caller owner, String description) throws InterruptedException {
        homes.ensureHome(owner);
        Job job = jobs.create(JobList.ASYNC_SETPROPS, JobKind.SET_PROPS, owner, null,
                JobKind.propertiesSpec("/" + owner.user(), List.of(Property.of(DESCRIPTION, description))),
                Phase.PENDING);
        jobs.run(job);
        for (int i = 0; i < 100 && !job.phase().isFinal(); i++) {
            Thread.sleep(50);
            job = jobs.get(JobList.ASYNC_SETPROPS, job.id(), owner);
        }
        return job;
    }

    private String description(String user) {
        return store.findChild(store.root().id(), user).orElseThrow().properties().get(DESCRIPTION);
    }

    @Test
    void aJobWhoseOwnersGroupsExpiredBeforeItRanDoesNothing() throws InterruptedException {
        String d = UUID.randomUUID().toString();
        Job job = runToEnd(new Caller("alice", Set.of("survey-team"), false, Instant.now().minusSeconds(1)), d);
        assertEquals(Phase.ERROR, job.phase());
        assertTrue(job.error().message().startsWith("PermissionDenied"), job.error().message());
        assertNotEquals(d, description("alice"), "the work must not start");
    }

    @Test
    void aJobRunsWhileTheGroupsAreVouchedFor() throws InterruptedException {
        String d = UUID.randomUUID().toString();
        Job job = runToEnd(new Caller("alice", Set.of("survey-team"), false, Instant.now().plusSeconds(600)), d);
        assertEquals(Phase.COMPLETED, job.phase());
        assertEquals(d, description("alice"));
        // a caller without groups relies on none: an expired token changes nothing for it
        String plain = UUID.randomUUID().toString();
        Job alone = runToEnd(new Caller("carol", Set.of(), false, Instant.now().minusSeconds(1)), plain);
        assertEquals(Phase.COMPLETED, alone.phase());
        assertEquals(plain, description("carol"));
    }
}
