package org.vosportal.service.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.vosportal.vospace.UwsJob;
import org.vosportal.vospace.UwsJob.Phase;

/**
 * One UWS job of the embedded service. State changes go through synchronized methods that
 * complete the futures of callers waiting in {@code WAIT} (no thread waits for them).
 */
public final class Job {

    /** The work a job runs; returns its results, or throws a VosFault for the error summary. */
    @FunctionalInterface
    public interface Work {
        Outcome run(Job job) throws Exception;
    }

    /** How a job ended: its final phase and results (an error summary when some items failed). */
    public record Outcome(Phase phase, List<UwsJob.Result> results, UwsJob.ErrorSummary error) {
        public static Outcome completed(List<UwsJob.Result> results) {
            return new Outcome(Phase.COMPLETED, results, null);
        }
    }

    private final String id;
    private final JobList list;
    private final String owner;
    private final Instant created = Instant.now();
    private final String jobInfoXml;
    private final Work work;
    /** Longest error message kept (a summary, not a log). */
    private final int maxMessage;
    /** Told once, when the job reaches a final phase. */
    private final Consumer<Job> onEnd;
    private final Set<CompletableFuture<Void>> waiters = new HashSet<>();
    private Phase phase;
    private Instant started;
    private Instant ended;
    private List<UwsJob.Result> results = new ArrayList<>();
    private UwsJob.ErrorSummary error;
    private Object attachment;
    /** Counted among the live jobs of {@link JobService}; guarded by the JobService. */
    boolean countedLive;

    Job(String id, JobList list, String owner, String jobInfoXml, Work work, Phase initial, int maxMessage,
            Consumer<Job> onEnd) {
        this.id = id;
        this.list = list;
        this.owner = owner;
        this.jobInfoXml = jobInfoXml;
        this.work = work;
        this.phase = initial;
        this.maxMessage = maxMessage;
        this.onEnd = onEnd;
    }

    public Instant created() {
        return created;
    }

    public String id() {
        return id;
    }

    public JobList list() {
        return list;
    }

    public String owner() {
        return owner;
    }

    Work work() {
        return work;
    }

    public synchronized Phase phase() {
        return phase;
    }

    public synchronized Instant ended() {
        return ended;
    }

    /** Free slot for what the job's creator needs later (e.g. a package's targets). */
    public synchronized Object attachment() {
        return attachment;
    }

    public synchronized void attach(Object o) {
        attachment = o;
    }

    public void setPhase(Phase p) {
        setPhaseIf(any -> true, p);
    }

    /**
     * Moves to {@code p} if the current phase allows it (checked and set atomically); wakes the
     * waiters and tells the end outside the lock, so no lock of the job is held meanwhile.
     */
    public boolean setPhaseIf(Predicate<Phase> allowed, Phase p) {
        List<CompletableFuture<Void>> wake;
        boolean endedNow = false;
        synchronized (this) {
            if (!allowed.test(phase)) {
                return false;
            }
            phase = p;
            if (p == Phase.EXECUTING && started == null) {
                started = Instant.now();
            }
            if (p.isFinal() && ended == null) {
                ended = Instant.now();
                endedNow = true;
            }
            wake = new ArrayList<>(waiters);
            waiters.clear();
        }
        // a waiter's completion builds its response right here
        wake.forEach(w -> w.complete(null));
        if (endedNow) {
            onEnd.accept(this);
        }
        return true;
    }

    public void finish(Outcome o) {
        synchronized (this) {
            results = new ArrayList<>(o.results());
            error = o.error() == null ? null : new UwsJob.ErrorSummary(o.error().type(), shorten(o.error().message()));
        }
        setPhase(o.phase());
    }

    public void fail(String message) {
        synchronized (this) {
            error = new UwsJob.ErrorSummary("fatal", shorten(message));
        }
        setPhase(Phase.ERROR);
    }

    private String shorten(String message) {
        if (message == null || message.length() <= maxMessage) {
            return message;
        }
        return message.substring(0, Math.max(0, maxMessage - 1)) + "…";
    }

    public synchronized void addResult(UwsJob.Result r) {
        results.add(r);
    }

    public synchronized UwsJob.ErrorSummary error() {
        return error;
    }

    /** Whether UWS WAIT waits on this job now: it is active (or pending). */
    private boolean waitable() {
        return phase.isActive() || phase == Phase.PENDING;
    }

    /**
     * UWS WAIT without a thread: completes when the phase changes, or at once when the job is
     * not in a phase one waits on. The caller adds its own timeout; a completed future is
     * forgotten here.
     */
    public synchronized CompletableFuture<Void> nextChange() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (!waitable()) {
            f.complete(null);
            return f;
        }
        waiters.add(f);
        f.whenComplete((v, e) -> forget(f));
        return f;
    }

    private synchronized void forget(CompletableFuture<Void> f) {
        waiters.remove(f);
    }

    public synchronized UwsJob snapshot(Instant destruction) {
        return new UwsJob(id, owner, phase, created, started, ended, destruction, results, error, jobInfoXml);
    }
}
