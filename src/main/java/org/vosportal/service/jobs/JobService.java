package org.vosportal.service.jobs;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.vosportal.service.ServiceConfig;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.cluster.ServiceDatabase;
import org.vosportal.service.cluster.ThisInstance;
import org.vosportal.service.store.ContainerNotEmpty;
import org.vosportal.service.store.NodeStoreException;
import org.vosportal.service.store.StoreFaults;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.InvalidNameException;
import org.vosportal.vospace.Transfer;
import org.vosportal.vospace.TransferXml;
import org.vosportal.vospace.UwsJob;
import org.vosportal.vospace.UwsJob.Phase;
import org.vosportal.vospace.VosFault;

/**
 * UWS jobs kept in the database ({@link JdbcJobStore}), so that every instance sharing it lists,
 * polls, runs, aborts and deletes the same jobs, and run on a small bounded pool of the instance
 * that claims them, so that long recursive jobs never block request threads.
 *
 * <p>Running: PHASE=RUN queues the job (PENDING → QUEUED) and hands it to this instance's pool;
 * the pool thread claims it (QUEUED → EXECUTING with {@code runner} = this instance), so exactly
 * one instance runs it. A job left QUEUED for two heartbeats (its instance stopped, or is busy) is
 * claimed by whichever instance looks first. A runner whose heartbeat lease ran out is taken for
 * dead and its EXECUTING jobs end in ERROR with a message saying so.
 *
 * <p>Bounds: each user (anonymous callers together count as one) may have so many unfinished
 * jobs and so many kept, and so may everyone together, counted in the database; over a cap on
 * unfinished jobs a creation is refused ({@link JobLimitFault}, 429 with {@code Retry-After}),
 * over a cap on kept jobs the oldest finished ones are forgotten first. Jobs never run (PENDING,
 * SUSPENDED) are destroyed after {@code jobs.pending-expiry}; documents and error messages are
 * kept short. UWS {@code WAIT} holds no thread: waiting requests are answered by one poller that
 * reads the phases of the jobs waited on every {@code jobs.wait-poll}; the caps on waiters bound
 * this instance's open requests, so they are per instance.
 */
@ApplicationScoped
public class JobService {

    private static final Logger LOG = Logger.getLogger(JobService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String RUNNER_GONE = "the service instance running this job stopped before the job finished;"
            + " what it had done stays done; submit the job again";

    @Inject
    ServiceConfig config;

    @Inject
    ServiceDatabase database;

    @Inject
    ThisInstance instance;

    @Inject
    TransferJobs works;

    private volatile JdbcJobStore store;

    /** Jobs handed to this instance's pool and not yet done with, by id. */
    private final Set<String> submitted = ConcurrentHashMap.newKeySet();
    /** Jobs this instance runs now, by id. */
    private final Map<String, Job> running = new ConcurrentHashMap<>();

    /** Requests waiting in UWS WAIT, all together and per owner. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final Map<String, Integer> waitingByOwner = new ConcurrentHashMap<>();
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();

    private record Waiter(Job job, String who, long deadline, CompletableFuture<Job> answer) {
    }

    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "vospace-job");
        t.setDaemon(true);
        return t;
    });

    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vospace-job-wait");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean polling;

    JdbcJobStore store() {
        JdbcJobStore s = store;
        if (s == null) {
            s = new JdbcJobStore(database.dataSource());
            store = s;
        }
        return s;
    }

    private static String key(String owner) {
        return owner == null ? "" : owner;
    }

    public static String newId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    // ------------------------------------------------------------------ creating

    private Job newJob(String id, JobList list, JobKind kind, Caller owner, String jobInfoXml, String spec, Phase phase,
            Instant now, List<UwsJob.Result> results) {
        ServiceConfig.Jobs limits = config.jobs();
        // a document too large to keep is not kept (jobInfo is optional in UWS)
        String info = jobInfoXml != null
                && jobInfoXml.getBytes(StandardCharsets.UTF_8).length > limits.maxJobInfoBytes() ? null : jobInfoXml;
        return new Job(id, list, kind, owner.user(), owner.groups(), owner.groupsValidUntil(), spec, info, now, phase,
                null, null, results, null, null, null);
    }

    /** A new job, PENDING (run on PHASE=RUN) or SUSPENDED (a package, run when its URL is fetched). */
    public Job create(JobList list, JobKind kind, Caller owner, String jobInfoXml, String spec, Phase initial) {
        return create(newId(), list, kind, owner, jobInfoXml, spec, initial, List.of());
    }

    public Job create(String id, JobList list, JobKind kind, Caller owner, String jobInfoXml, String spec,
            Phase initial, List<UwsJob.Result> results) {
        Instant now = Instant.now();
        Job job = newJob(id, list, kind, owner, jobInfoXml, spec, initial, now, results);
        store().insert(job, config.jobs(), true, now);
        return job;
    }

    /**
     * Runs a job's work in the calling thread (sync transfers) and stores it finished, in one
     * statement; what the work attached (the negotiated Transfer) stays on the returned job.
     */
    public Job runNow(JobList list, JobKind kind, Caller owner, String jobInfoXml, String spec) {
        Instant now = Instant.now();
        Job running = newJob(newId(), list, kind, owner, jobInfoXml, spec, Phase.EXECUTING, now, List.of());
        Job.Outcome o = outcome(running);
        Instant end = Instant.now();
        Job done = new Job(running.id(), list, kind, owner.user(), owner.groups(), owner.groupsValidUntil(), spec,
                running.jobInfoXml(), now, o.phase(), now, end, o.results(), o.error(), details(running),
                instance.name());
        done.attach(running.attachment());
        store().insert(done, config.jobs(), false, end);
        return done;
    }

    private static String details(Job job) {
        return job.attachment() instanceof Transfer t ? TransferXml.toXml(t) : null;
    }

    // ------------------------------------------------------------------ reading

    /** The job, if it exists and the caller may see it (its owner; anyone for anonymous jobs). */
    public Job get(JobList list, String id, Caller caller) {
        Job job = id == null || id.length() > 64 ? null : store().find(id).orElse(null);
        if (job != null && neverRunExpired(job, Instant.now())) {
            store().delete(id);
            job = null;
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

    // ------------------------------------------------------------------ running

    /** PHASE=RUN: a pending job is queued and run (here, unless another instance claims it first). */
    public void run(Job job) {
        if (!store().queue(job.id(), Instant.now())) {
            return;
        }
        job.phaseIs(Phase.QUEUED);
        submit(job.id());
        wakeWaiters();
    }

    private void submit(String id) {
        if (!submitted.add(id)) {
            return;
        }
        try {
            pool.submit(() -> execute(id));
        } catch (RejectedExecutionException e) {
            submitted.remove(id); // shutting down: another instance (or the next start) runs it
        }
    }

    private void execute(String id) {
        try {
            if (!store().claim(id, instance.name(), Instant.now())) {
                return; // another instance took it, or it was aborted or deleted meanwhile
            }
            wakeWaiters();
            Job job = store().find(id).orElse(null);
            if (job == null) {
                return;
            }
            JdbcJobStore s = store();
            job.watchPhase(() -> {
                Phase p = s.phase(id);
                return p == null ? Phase.ABORTED : p; // deleted: stop as for an abort
            });
            running.put(id, job);
            try {
                Job.Outcome o = outcome(job);
                store().finish(id, instance.name(), shortened(o), details(job), Instant.now());
            } finally {
                running.remove(id);
            }
            wakeWaiters();
        } catch (RuntimeException e) {
            LOG.error("job " + id + " could not be run", e);
        } finally {
            submitted.remove(id);
        }
    }

    /**
     * The work, refused when it starts after the credential its owner's groups came from expired:
     * a group membership revoked at the identity provider ends with that token, and a queued job
     * must not go on using it (node permissions are checked as the job runs anyway).
     */
    private Job.Outcome outcome(Job job) {
        try {
            Instant validUntil = job.groupsValidUntil();
            if (validUntil != null && !job.groups().isEmpty() && Instant.now().isAfter(validUntil)) {
                throw VosFault.denied("the sign-in this job was submitted with expired before it ran; submit it again");
            }
            return works.work(job).run(job);
        } catch (VosFault | ContainerNotEmpty | NodeStoreException.Busy e) {
            VosFault f = StoreFaults.of(e);
            // transfer jobs report the bare fault name: the vos client maps it to an errno
            boolean bare = job.list() == JobList.TRANSFERS || f.detail() == null || f.detail().isEmpty();
            return failed(bare ? f.fault().name() : f.fault().name() + ": " + f.detail());
        } catch (InvalidNameException e) {
            // a bad vos URI in the job's document: the same fault the REST layer reports for it
            boolean bare = job.list() == JobList.TRANSFERS;
            return failed(bare ? Fault.InvalidURI.name() : Fault.InvalidURI.name() + ": " + e.getMessage());
        } catch (Exception e) {
            LOG.error("job " + job.id() + " failed", e);
            return failed(Fault.InternalFault.name());
        }
    }

    private Job.Outcome failed(String message) {
        return new Job.Outcome(Phase.ERROR, List.of(), new UwsJob.ErrorSummary("fatal", shorten(message)));
    }

    private Job.Outcome shortened(Job.Outcome o) {
        return o.error() == null ? o
                : new Job.Outcome(o.phase(), o.results(), new UwsJob.ErrorSummary(o.error().type(),
                        shorten(o.error().message())));
    }

    private String shorten(String message) {
        int max = config.jobs().maxMessageChars();
        if (message == null || message.length() <= max) {
            return message;
        }
        return message.substring(0, Math.max(0, max - 1)) + "…";
    }

    /** A package's URL was fetched: it executes here while the archive streams. */
    public void startPackage(Job job) {
        store().startPackage(job.id(), instance.name(), Instant.now());
        job.phaseIs(Phase.EXECUTING);
        wakeWaiters();
    }

    /** The archive was written (or not: {@code error} non-null); the package URL stays its result. */
    public void endPackage(Job job, String error) {
        Job.Outcome o = error == null ? new Job.Outcome(Phase.COMPLETED, job.results(), null) : failed(error);
        store().finish(job.id(), instance.name(), o, null, Instant.now());
        wakeWaiters();
    }

    public void abort(Job job) {
        if (store().abort(job.id(), Instant.now())) {
            job.phaseIs(Phase.ABORTED);
            Job mine = running.get(job.id());
            if (mine != null) {
                mine.phaseIs(Phase.ABORTED); // stops at its next item, without waiting for its phase check
            }
            wakeWaiters();
        }
    }

    public void delete(Job job) {
        abort(job);
        store().delete(job.id());
        wakeWaiters();
    }

    /**
     * Every heartbeat: runs here the jobs queued for two heartbeats that nobody claimed (their
     * instance stopped before it ran them, or is busy), and ends in ERROR the jobs whose runner's
     * lease ran out. With the embedded H2 database every other runner is an earlier run of this
     * process, so its jobs end at once.
     */
    @Scheduled(every = "${vospace.service.cluster.heartbeat:PT10S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void upkeep() {
        Instant now = Instant.now();
        try {
            for (String id : store().waitingSince(now.minus(config.cluster().heartbeat().multipliedBy(2)), 20)) {
                submit(id);
            }
            for (String runner : store().otherRunners(instance.name())) {
                if (!instance.alive(runner)) {
                    int n = store().endForDeadRunner(runner, RUNNER_GONE, now);
                    if (n > 0) {
                        LOG.warnf("%d job(s) of %s ended in ERROR: that instance stopped", n, runner);
                        wakeWaiters();
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("job upkeep failed: %s", e.getMessage());
        }
    }

    // ------------------------------------------------------------------ WAIT

    /**
     * UWS {@code WAIT}: answers (with the job as it is then) when the job changes phase, on any
     * instance, or after {@code millis}, holding no thread meanwhile. Waiters are bounded per owner
     * and overall; beyond that the answer comes at once (WAIT is a longest wait, a server may
     * answer sooner); a job in a phase one does not wait on is answered at once too.
     */
    public CompletableFuture<Job> awaitChange(Job job, Caller caller, long millis) {
        ServiceConfig.Jobs limits = config.jobs();
        String who = key(caller.user());
        Phase p = job.phase();
        if (millis <= 0 || !(p.isActive() || p == Phase.PENDING)) {
            return CompletableFuture.completedFuture(job);
        }
        if (waiting.incrementAndGet() > limits.maxWaiters()) {
            waiting.decrementAndGet();
            return CompletableFuture.completedFuture(job);
        }
        if (waitingByOwner.merge(who, 1, Integer::sum) > limits.maxWaitersPerUser()) {
            stopWaiting(who);
            return CompletableFuture.completedFuture(job);
        }
        CompletableFuture<Job> answer = new CompletableFuture<>();
        waiters.add(new Waiter(job, who, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis), answer));
        ensurePolling();
        return answer;
    }

    private synchronized void ensurePolling() {
        if (!polling) {
            polling = true;
            long every = Math.max(10, config.jobs().waitPoll().toMillis());
            poller.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** A phase changed here: the waiters hear of it now rather than at the next poll. */
    private void wakeWaiters() {
        if (!waiters.isEmpty()) {
            try {
                poller.execute(this::poll);
            } catch (RejectedExecutionException stopping) {
                // shutting down
            }
        }
    }

    /** Answers the waiters whose job changed phase (or went) or whose time is up. */
    private void poll() {
        if (waiters.isEmpty()) {
            return;
        }
        try {
            List<Waiter> all = new ArrayList<>(waiters);
            Map<String, Phase> phases = store().phases(all.stream().map(w -> w.job().id()).toList());
            long now = System.nanoTime();
            List<Waiter> due = all.stream().filter(w -> phases.get(w.job().id()) != w.job().phase()
                    || now - w.deadline() >= 0).toList();
            if (due.isEmpty()) {
                return;
            }
            Map<String, Job> fresh = store().findAll(due.stream().map(w -> w.job().id()).toList());
            for (Waiter w : due) {
                if (waiters.remove(w)) {
                    stopWaiting(w.who());
                    w.answer().complete(fresh.getOrDefault(w.job().id(), w.job()));
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("WAIT poll failed: %s", e.getMessage());
        }
    }

    private void stopWaiting(String who) {
        waitingByOwner.computeIfPresent(who, (k, n) -> n <= 1 ? null : n - 1);
        waiting.decrementAndGet();
    }

    // ------------------------------------------------------------------ monitoring and upkeep

    /** Jobs created and not yet ended, on every instance (for monitoring). */
    public long live() {
        try {
            return store().countUnfinished();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Requests now waiting in WAIT on this instance (for tests and monitoring). */
    public int waiting() {
        return waiting.get();
    }

    public Instant destruction(Job job) {
        Instant ended = job.ended();
        return (ended == null ? Instant.now() : ended).plus(config.jobRetention());
    }

    /** Forgets jobs past their retention and never-run jobs past their expiry, on one instance per period. */
    @Scheduled(every = "${vospace.service.jobs.sweep-every:PT1M}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldJobs() {
        if (!instance.once("job-sweep", config.jobs().sweepEvery())) {
            return;
        }
        Instant now = Instant.now();
        store().sweep(now.minus(config.jobRetention()), now.minus(config.jobs().pendingExpiry()));
    }

    void stop(@Observes ShutdownEvent ev) {
        pool.shutdownNow();
        poller.shutdownNow();
        for (Waiter w : waiters) { // answered now (WAIT is a longest wait), not left hanging
            if (waiters.remove(w)) {
                stopWaiting(w.who());
                w.answer().complete(w.job());
            }
        }
    }
}
