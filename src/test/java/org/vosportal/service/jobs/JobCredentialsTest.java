package org.vosportal.service.jobs;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.vosportal.service.auth.Caller;
import org.vosportal.vospace.UwsJob.Phase;

/**
 * A queued job runs with its owner's group memberships only while the token that vouched for
 * them is valid: a membership revoked at Keycloak ends with that token, not with the job.
 */
@QuarkusTest
@Tag("servers") // the application (and with it Keycloak): the full suite, not the fast lane
class JobCredentialsTest {

    @Inject
    JobService jobs;

    private Job runToEnd(Caller owner, AtomicBoolean ran) throws InterruptedException {
        Job job = jobs.create(JobList.ASYNC_SETPROPS, owner, null, j -> {
            ran.set(true);
            return Job.Outcome.completed(List.of());
        }, Phase.PENDING);
        jobs.run(job);
        for (int i = 0; i < 100 && !job.phase().isFinal(); i++) {
            Thread.sleep(50);
        }
        return job;
    }

    @Test
    void aJobWhoseOwnersGroupsExpiredBeforeItRanDoesNothing() throws InterruptedException {
        AtomicBoolean ran = new AtomicBoolean();
        Job job = runToEnd(new Caller("alice", Set.of("survey-team"), false, Instant.now().minusSeconds(1)), ran);
        assertEquals(Phase.ERROR, job.phase());
        assertTrue(job.error().message().startsWith("PermissionDenied"), job.error().message());
        assertFalse(ran.get(), "the work must not start");
    }

    @Test
    void aJobRunsWhileTheGroupsAreVouchedFor() throws InterruptedException {
        AtomicBoolean ran = new AtomicBoolean();
        Job job = runToEnd(new Caller("alice", Set.of("survey-team"), false, Instant.now().plusSeconds(600)), ran);
        assertEquals(Phase.COMPLETED, job.phase());
        assertTrue(ran.get());
        // a caller without groups relies on none: an expired token changes nothing for it
        AtomicBoolean plain = new AtomicBoolean();
        Job alone = runToEnd(new Caller("carol", Set.of(), false, Instant.now().minusSeconds(1)), plain);
        assertEquals(Phase.COMPLETED, alone.phase());
    }
}
