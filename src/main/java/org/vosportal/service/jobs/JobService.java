package org.vosportal.service.jobs;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.vosportal.service.ServiceConfig;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.store.ContainerNotEmpty;
import org.vosportal.service.store.NodeStoreException;
import org.vosportal.service.store.StoreFaults;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.InvalidNameException;
import org.vosportal.vospace.UwsJob.Phase;
import org.vosportal.vospace.VosFault;

/**
 * Keeps UWS jobs (in memory: they are short-lived and a restart ends them) and runs them on a
 * small bounded pool so that long recursive jobs never block request threads.
 *
 * <p>Memory is bounded: each user (anonymous callers together count as one) may have so many
 * unfinished jobs, and so many kept; so may everyone together. Over a cap on unfinished jobs a
 * creation is refused ({@link JobLimitFault}, 429 with {@code Retry-After}); over a cap on kept
 * jobs the oldest finished ones are forgotten first. Jobs never run (PENDING, SUSPENDED) are
 * destroyed after {@code jobs.pending-expiry}; documents and error messages are kept short.
 */
@ApplicationScoped
public class JobService {

    private static final Logger LOG = Logger.getLogger(JobService.class);

    @Inject
    ServiceConfig config;

    /** All jobs in creation order (the oldest finished are forgotten first); guarded by {@code this}. */
    private final LinkedHashMap<String, Job> jobs = new LinkedHashMap<>();
    /** Each owner's jobs in creation order, and how many are unfinished; guarded by {@code this}. */
    private final Map<String, Owned> byOwner = new HashMap<>();
    private int live;

    /** Requests waiting in UWS WAIT, all together and per owner. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final Map<String, Integer> waitingByOwner = new java.util.concurrent.ConcurrentHashMap<>();

    private static final class Owned {
        final Deque<Job> jobs = new ArrayDeque<>();
        int live;
    }

    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "vospace-job");
        t.setDaemon(true);
        return t;
    });

    private static String key(String owner) {
        return owner == null ? "" : owner;
    }

    public Job create(JobList list, Caller owner, String jobInfoXml, Job.Work work, Phase initial) {
        ServiceConfig.Jobs limits = config.jobs();
        String id = UUID.randomUUID().toString().replace("-", "");
        // a document too large to keep is not kept (jobInfo is optional in UWS)
        String info = jobInfoXml != null
                && jobInfoXml.getBytes(StandardCharsets.UTF_8).length > limits.maxJobInfoBytes() ? null : jobInfoXml;
        Job job = new Job(id, list, owner.user(), info, withFreshGroups(owner, work), initial,
                limits.maxMessageChars(), this::ended);
        synchronized (this) {
            Owned mine = byOwner.computeIfAbsent(key(owner.user()), k -> new Owned());
            if (mine.live >= limits.maxLivePerUser() || live >= limits.maxLive()) {
                destroyExpired(Instant.now());
            }
            if (mine.live >= limits.maxLivePerUser()) {
                throw new JobLimitFault("you have " + mine.live + " unfinished jobs; wait for some to end or delete them");
            }
            if (live >= limits.maxLive()) {
                throw new JobLimitFault("the service has too many unfinished jobs; try again later");
            }
            if (mine.jobs.size() >= limits.maxStoredPerUser() && !forgetOldestFinished(mine.jobs.iterator())) {
                throw new JobLimitFault("you have too many jobs");
            }
            if (jobs.size() >= limits.maxStored() && !forgetOldestFinished(jobs.values().iterator())) {
                throw new JobLimitFault("the service has too many jobs; try again later");
            }
            jobs.put(id, job);
            mine.jobs.add(job);
            job.countedLive = true;
            mine.live++;
            live++;
        }
        return job;
    }

    /** Called once by a job that reached a final phase. */
    private synchronized void ended(Job job) {
        uncount(job);
    }

    private void uncount(Job job) {
        if (job.countedLive) {
            job.countedLive = false;
            byOwner.get(key(job.owner())).live--;
            live--;
        }
    }

    /** Removes the first finished job {@code it} yields; false when every job there is unfinished. */
    private boolean forgetOldestFinished(Iterator<Job> it) {
        while (it.hasNext()) {
            Job j = it.next();
            if (j.ended() != null) {
                remove(j);
                return true;
            }
        }
        return false;
    }

    /** Forgets a job (caller holds the lock); an unfinished one stops counting as live. */
    private void remove(Job job) {
        if (jobs.remove(job.id()) == null) {
            return;
        }
        uncount(job);
        Owned mine = byOwner.get(key(job.owner()));
        mine.jobs.remove(job);
        if (mine.jobs.isEmpty()) {
            byOwner.remove(key(job.owner()));
        }
    }

    /** The job, if it exists and the caller may see it (its owner; anyone for anonymous jobs). */
    public Job get(JobList list, String id, Caller caller) {
        Job job;
        synchronized (this) {
            job = jobs.get(id);
            if (job != null && neverRunExpired(job, Instant.now())) {
                destroy(job);
                job = null;
            }
        }
        if (job == null || job.list() != list) {
            throw new VosFault(Fault.JobNotFound, id);
        }
        if (job.owner() != null && !job.owner().equals(caller.user())) {
            throw VosFault.denied("job " + id + " belongs to another user");
        }
        return job;
    }

    private boolean neverRunExpired(Job job, Instant now) {
        Phase p = job.phase();
        return (p == Phase.PENDING || p == Phase.SUSPENDED)
                && job.created().plus(config.jobs().pendingExpiry()).isBefore(now);
    }

    /** Destroys a never-run job: aborted (so nothing runs it later) and forgotten. */
    private void destroy(Job job) {
        remove(job); // first: the abort's end must not count it a second time
        abort(job);
    }

    private void destroyExpired(Instant now) {
        jobs.values().stream().filter(j -> neverRunExpired(j, now)).toList().forEach(this::destroy);
    }

    /** PHASE=RUN: a pending job is queued and run; any other phase is left as it is. */
    public void run(Job job) {
        if (!job.setPhaseIf(p -> p == Phase.PENDING, Phase.QUEUED)) {
            return;
        }
        try {
            pool.submit(() -> execute(job));
        } catch (RejectedExecutionException e) {
            job.fail("ServiceBusy");
        }
    }

    /** Runs a job's work in the calling thread (sync transfers). */
    public void runNow(Job job) {
        job.setPhase(Phase.QUEUED);
        execute(job);
    }

    /**
     * The work, refused when it starts after the credential its owner's groups came from expired:
     * a group membership revoked at the identity provider ends with that token, and a queued job
     * must not go on using it (node permissions are checked as the job runs anyway).
     */
    private static Job.Work withFreshGroups(Caller owner, Job.Work work) {
        Instant validUntil = owner.groupsValidUntil();
        if (validUntil == null || owner.groups().isEmpty()) {
            return work;
        }
        return j -> {
            if (Instant.now().isAfter(validUntil)) {
                throw VosFault.denied("the sign-in this job was submitted with expired before it ran; submit it again");
            }
            return work.run(j);
        };
    }

    private void execute(Job job) {
        if (job.phase() == Phase.ABORTED) {
            return;
        }
        job.setPhase(Phase.EXECUTING);
        try {
            job.finish(job.work().run(job));
        } catch (VosFault | ContainerNotEmpty | NodeStoreException.Busy e) {
            VosFault f = StoreFaults.of(e);
            // transfer jobs report the bare fault name: the vos client maps it to an errno
            boolean bare = job.list() == JobList.TRANSFERS || f.detail() == null || f.detail().isEmpty();
            job.fail(bare ? f.fault().name() : f.fault().name() + ": " + f.detail());
        } catch (InvalidNameException e) {
            // a bad vos URI in the job's document: the same fault the REST layer reports for it
            boolean bare = job.list() == JobList.TRANSFERS;
            job.fail(bare ? Fault.InvalidURI.name() : Fault.InvalidURI.name() + ": " + e.getMessage());
        } catch (Exception e) {
            LOG.error("job " + job.id() + " failed", e);
            job.fail(Fault.InternalFault.name());
        }
    }

    public void abort(Job job) {
        job.setPhaseIf(p -> !p.isFinal(), Phase.ABORTED);
    }

    public void delete(Job job) {
        abort(job);
        synchronized (this) {
            remove(job);
        }
    }

    /**
     * UWS {@code WAIT}: completes when the job changes phase or after {@code millis}, holding no
     * thread meanwhile. Waiters are bounded per owner and overall; beyond that the answer comes at
     * once (WAIT is a longest wait, a server may answer sooner).
     */
    public CompletableFuture<Void> awaitChange(Job job, Caller caller, long millis) {
        ServiceConfig.Jobs limits = config.jobs();
        String who = key(caller.user());
        if (millis <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        if (waiting.incrementAndGet() > limits.maxWaiters()) {
            waiting.decrementAndGet();
            return CompletableFuture.completedFuture(null);
        }
        if (waitingByOwner.merge(who, 1, Integer::sum) > limits.maxWaitersPerUser()) {
            stopWaiting(who);
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> change = job.nextChange();
        change.completeOnTimeout(null, millis, TimeUnit.MILLISECONDS);
        return change.whenComplete((v, e) -> stopWaiting(who));
    }

    private void stopWaiting(String who) {
        waitingByOwner.computeIfPresent(who, (k, n) -> n <= 1 ? null : n - 1);
        waiting.decrementAndGet();
    }

    /** Jobs created and not yet ended (for monitoring). */
    public synchronized int live() {
        return live;
    }

    /** Requests now waiting in WAIT (for tests and monitoring). */
    public int waiting() {
        return waiting.get();
    }

    public Instant destruction(Job job) {
        Instant ended = job.ended();
        return (ended == null ? Instant.now() : ended).plus(config.jobRetention());
    }

    @Scheduled(every = "1m")
    synchronized void forgetOldJobs() {
        Instant now = Instant.now();
        destroyExpired(now);
        jobs.values().stream().filter(j -> j.ended() != null && destruction(j).isBefore(now)).toList()
                .forEach(this::remove);
    }

    void stop(@Observes ShutdownEvent ev) {
        pool.shutdownNow();
    }
}
