package org.vosportal.service.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.vosportal.vospace.UwsJob;
import org.vosportal.vospace.UwsJob.Phase;

/**
 * One UWS job of the embedded service. State changes go through synchronized methods that wake
 * up callers blocked in {@code WAIT}.
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
    private Phase phase;
    private Instant started;
    private Instant ended;
    private List<UwsJob.Result> results = new ArrayList<>();
    private UwsJob.ErrorSummary error;
    private Object attachment;

    Job(String id, JobList list, String owner, String jobInfoXml, Work work, Phase initial) {
        this.id = id;
        this.list = list;
        this.owner = owner;
        this.jobInfoXml = jobInfoXml;
        this.work = work;
        this.phase = initial;
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

    public synchronized void setPhase(Phase p) {
        phase = p;
        if (p == Phase.EXECUTING && started == null) {
            started = Instant.now();
        }
        if (p.isFinal() && ended == null) {
            ended = Instant.now();
        }
        notifyAll();
    }

    public synchronized void finish(Outcome o) {
        results = new ArrayList<>(o.results());
        error = o.error();
        setPhase(o.phase());
    }

    public synchronized void fail(String message) {
        error = new UwsJob.ErrorSummary("fatal", message);
        setPhase(Phase.ERROR);
    }

    public synchronized void addResult(UwsJob.Result r) {
        results.add(r);
    }

    public synchronized UwsJob.ErrorSummary error() {
        return error;
    }

    /** Blocks up to {@code millis} while the job is in an active phase (UWS WAIT). */
    public synchronized void awaitChange(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        Phase start = phase;
        while (phase == start && (phase.isActive() || phase == Phase.PENDING)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }

    public synchronized UwsJob snapshot(Instant destruction) {
        return new UwsJob(id, owner, phase, created, started, ended, destruction, results, error, jobInfoXml);
    }
}
