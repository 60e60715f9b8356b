package org.vosportal.service.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vosportal.service.ServiceConfig;
import org.vosportal.service.cluster.Leases;
import org.vosportal.vospace.UwsJob;
import org.vosportal.vospace.UwsJob.Phase;

/**
 * The job store and the leases as two instances see them: two stores over one database (each
 * test gets a fresh migrated one from {@link #newDatabase}).
 */
abstract class JobStoreContract {

    protected abstract DataSource newDatabase() throws Exception;

    JdbcJobStore a;
    JdbcJobStore b;
    Leases leases;

    @BeforeEach
    void open() throws Exception {
        DataSource ds = newDatabase();
        a = new JdbcJobStore(ds);
        b = new JdbcJobStore(ds);
        leases = new Leases(ds);
    }

    static ServiceConfig.Jobs limits(int livePerUser, int storedPerUser) {
        return new ServiceConfig.Jobs() {
            public int maxLivePerUser() { return livePerUser; }
            public int maxLive() { return 2000; }
            public int maxStoredPerUser() { return storedPerUser; }
            public int maxStored() { return 20000; }
            public Duration pendingExpiry() { return Duration.ofHours(1); }
            public int maxJobInfoBytes() { return 16384; }
            public int maxMessageChars() { return 1024; }
            public int maxWaiters() { return 1000; }
            public int maxWaitersPerUser() { return 20; }
            public Duration waitPoll() { return Duration.ofMillis(250); }
            public Duration sweepEvery() { return Duration.ofMinutes(1); }
        };
    }

    static Job job(String owner, Phase phase) {
        return new Job(JobService.newId(), JobList.ASYNC_DELETE, JobKind.DELETE, owner, Set.of("team", "survey"),
                Instant.parse("2030-01-01T00:00:00Z"), "/" + owner + "/x", "<info/>", Instant.now(), phase, null, null,
                List.of(new UwsJob.Result("r", "http://x/r")), null, null, null);
    }

    static Job done(String owner) {
        return new Job(JobService.newId(), JobList.TRANSFERS, JobKind.NEGOTIATE, owner, Set.of(), null, "<t/>", null,
                Instant.now(), Phase.COMPLETED, Instant.now(), Instant.now(), List.of(), null, "<details/>", "instance:a");
    }

    @Test
    void aJobReadsBackAsItWasStored() {
        Job j = job("alice", Phase.PENDING);
        a.insert(j, limits(10, 10), true, Instant.now());
        Job read = b.find(j.id()).orElseThrow();
        assertEquals("alice", read.owner());
        assertEquals(Set.of("team", "survey"), read.groups());
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), read.groupsValidUntil());
        assertEquals(JobKind.DELETE, read.kind());
        assertEquals(JobList.ASYNC_DELETE, read.list());
        assertEquals("/alice/x", read.spec());
        assertEquals(Phase.PENDING, read.phase());
        assertEquals("http://x/r", read.snapshot(null).result("r"));
    }

    @Test
    void exactlyOneRunnerClaimsAQueuedJob() throws Exception {
        for (int round = 0; round < 20; round++) {
            Job j = job("alice", Phase.PENDING);
            a.insert(j, limits(100, 100), true, Instant.now());
            assertTrue(a.queue(j.id(), Instant.now()));
            assertFalse(b.queue(j.id(), Instant.now()), "queued twice");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Boolean> fa = pool.submit(() -> a.claim(j.id(), "instance:a", Instant.now()));
                Future<Boolean> fb = pool.submit(() -> b.claim(j.id(), "instance:b", Instant.now()));
                assertTrue(fa.get() ^ fb.get(), "claimed by both or by none");
            } finally {
                pool.shutdown();
            }
            String runner = a.find(j.id()).orElseThrow().runner();
            String other = runner.equals("instance:a") ? "instance:b" : "instance:a";
            assertFalse(b.finish(j.id(), other, Job.Outcome.completed(List.of()), null, Instant.now()),
                    "a job finished by an instance that does not run it");
            assertTrue(b.finish(j.id(), runner, Job.Outcome.completed(List.of()), null, Instant.now()));
            assertEquals(Phase.COMPLETED, a.phase(j.id()));
        }
    }

    @Test
    void anAbortOnOneInstanceHoldsAgainstTheRunner() {
        Job j = job("alice", Phase.PENDING);
        a.insert(j, limits(10, 10), true, Instant.now());
        a.queue(j.id(), Instant.now());
        assertTrue(a.claim(j.id(), "instance:a", Instant.now()));
        assertTrue(b.abort(j.id(), Instant.now()));
        assertFalse(a.finish(j.id(), "instance:a", Job.Outcome.completed(List.of()), null, Instant.now()));
        assertEquals(Phase.ABORTED, b.phase(j.id()));
        assertFalse(b.abort(j.id(), Instant.now()), "a finished job was aborted again");
    }

    @Test
    void theJobsOfADeadRunnerEndInErrorInWords() {
        Job j = job("alice", Phase.PENDING);
        a.insert(j, limits(10, 10), true, Instant.now());
        a.queue(j.id(), Instant.now());
        a.claim(j.id(), "instance:dead", Instant.now());
        assertEquals(Set.of("instance:dead"), b.otherRunners("instance:b"));
        assertEquals(1, b.endForDeadRunner("instance:dead", JobService.RUNNER_GONE, Instant.now()));
        Job read = b.find(j.id()).orElseThrow();
        assertEquals(Phase.ERROR, read.phase());
        assertNotNull(read.ended());
        assertTrue(read.error().message().contains("stopped before the job finished"), read.error().message());
    }

    @Test
    void aJobQueuedAndNotClaimedIsFoundByAnotherInstance() {
        Job j = job("alice", Phase.PENDING);
        a.insert(j, limits(10, 10), true, Instant.now());
        a.queue(j.id(), Instant.now().minusSeconds(60));
        assertEquals(List.of(j.id()), b.waitingSince(Instant.now().minusSeconds(20), 10));
        assertTrue(b.claim(j.id(), "instance:b", Instant.now()));
        assertEquals(List.of(), b.waitingSince(Instant.now(), 10));
    }

    @Test
    void theCapsPerUserHoldAcrossInstances() {
        ServiceConfig.Jobs caps = limits(2, 3);
        a.insert(job("bob", Phase.PENDING), caps, true, Instant.now());
        b.insert(job("bob", Phase.PENDING), caps, true, Instant.now());
        JobLimitFault f = assertThrows(JobLimitFault.class, () -> a.insert(job("bob", Phase.PENDING), caps, true,
                Instant.now()));
        assertTrue(f.detail().contains("2 unfinished"), f.detail());
        // another user is not held back
        b.insert(job("carol", Phase.PENDING), caps, true, Instant.now());
        // finished jobs count towards the kept cap only, and the oldest finished goes first
        Job done1 = done("bob");
        a.insert(done1, caps, false, Instant.now());
        assertThrows(JobLimitFault.class, () -> b.insert(job("bob", Phase.PENDING), caps, true, Instant.now()));
        Job done2 = done("bob");
        b.insert(done2, caps, false, Instant.now());
        assertTrue(a.find(done1.id()).isEmpty(), "the oldest finished job was kept");
        assertTrue(a.find(done2.id()).isPresent());
    }

    @Test
    void aLeaseHasOneHolderUntilItRunsOut() throws Exception {
        Instant now = Instant.now();
        assertTrue(leases.take("task:purge", "instance:a", now, now.plusSeconds(30)));
        assertFalse(leases.take("task:purge", "instance:b", now.plusSeconds(10), now.plusSeconds(40)));
        assertTrue(leases.take("task:purge", "instance:a", now.plusSeconds(10), now.plusSeconds(40)), "renewal");
        assertEquals("instance:a", leases.holder("task:purge", now.plusSeconds(20)));
        assertTrue(leases.take("task:purge", "instance:b", now.plusSeconds(41), now.plusSeconds(70)));
        assertEquals("instance:b", leases.holder("task:purge", now.plusSeconds(50)));
        // a name never taken: of many taking it at once exactly one gets it
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> takers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String me = "instance:" + i;
                takers.add(() -> leases.take("task:fresh", me, Instant.now(), Instant.now().plusSeconds(30)));
            }
            long won = 0;
            for (Future<Boolean> f : pool.invokeAll(takers)) {
                won += f.get() ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            pool.shutdown();
        }
        assertEquals(1, leases.running("task:", "task:purge", Instant.now()), "task:fresh only");
    }
}
