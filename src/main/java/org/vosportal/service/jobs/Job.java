package org.vosportal.service.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.vosportal.service.auth.Caller;
import org.vosportal.vospace.UwsJob;
import org.vosportal.vospace.UwsJob.Phase;

/**
 * One UWS job of the embedded service as read from {@code vos_job} ({@link JdbcJobStore}): any
 * instance can read, run, abort or delete it. A job being run here sees its phase refreshed from
 * the database while it runs ({@link #phase()}), so an ABORT sent to another instance stops it.
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

    /** How often a running job looks at its phase in the database (an ABORT on another instance). */
    static final long PHASE_CHECK_NANOS = 1_000_000_000L;

    private final String id;
    private final JobList list;
    private final JobKind kind;
    private final String owner;
    private final Set<String> groups;
    private final Instant groupsValidUntil;
    private final String spec;
    private final String jobInfoXml;
    private final Instant created;
    private volatile Phase phase;
    private final Instant started;
    private final Instant ended;
    private final List<UwsJob.Result> results;
    private final UwsJob.ErrorSummary error;
    /** The negotiated transfer document ({@code transferDetails}), when there is one. */
    private final String details;
    private final String runner;
    /** What the work of a sync transfer left for its request (the negotiated Transfer); never stored. */
    private volatile Object attachment;
    /** Set while this instance runs the job: reads its phase in the database. */
    private volatile Supplier<Phase> phaseSource;
    private volatile long phaseCheckedAt;

    Job(String id, JobList list, JobKind kind, String owner, Set<String> groups, Instant groupsValidUntil,
            String spec, String jobInfoXml, Instant created, Phase phase, Instant started, Instant ended,
            List<UwsJob.Result> results, UwsJob.ErrorSummary error, String details, String runner) {
        this.id = id;
        this.list = list;
        this.kind = kind;
        this.owner = owner;
        this.groups = Set.copyOf(groups);
        this.groupsValidUntil = groupsValidUntil;
        this.spec = spec;
        this.jobInfoXml = jobInfoXml;
        this.created = created;
        this.phase = phase;
        this.started = started;
        this.ended = ended;
        this.results = List.copyOf(results);
        this.error = error;
        this.details = details;
        this.runner = runner;
    }

    public String id() {
        return id;
    }

    public JobList list() {
        return list;
    }

    public JobKind kind() {
        return kind;
    }

    public String owner() {
        return owner;
    }

    /** The caller the work acts for: the owner with the groups the job was submitted with. */
    public Caller caller() {
        return new Caller(owner, groups, false, groupsValidUntil);
    }

    Set<String> groups() {
        return groups;
    }

    Instant groupsValidUntil() {
        return groupsValidUntil;
    }

    /** The work's parameters, as {@link JobKind} wrote them. */
    public String spec() {
        return spec;
    }

    String jobInfoXml() {
        return jobInfoXml;
    }

    public Instant created() {
        return created;
    }

    Instant started() {
        return started;
    }

    /**
     * The phase: as read, or while this instance runs the job as the database has it now (looked
     * up at most once a second; the works test it between items to stop when ABORTED).
     */
    public Phase phase() {
        Supplier<Phase> source = phaseSource;
        if (source != null && System.nanoTime() - phaseCheckedAt > PHASE_CHECK_NANOS) {
            phaseCheckedAt = System.nanoTime();
            Phase now = source.get();
            if (now != null) {
                phase = now;
            }
        }
        return phase;
    }

    void watchPhase(Supplier<Phase> source) {
        phaseCheckedAt = System.nanoTime();
        phaseSource = source;
    }

    /** This instance changed the phase itself. */
    void phaseIs(Phase p) {
        phase = p;
    }

    public Instant ended() {
        return ended;
    }

    List<UwsJob.Result> results() {
        return results;
    }

    public UwsJob.ErrorSummary error() {
        return error;
    }

    /** The negotiated transfer document, or null. */
    public String details() {
        return details;
    }

    String runner() {
        return runner;
    }

    /** What the work left for the request that ran it synchronously (e.g. the negotiated Transfer). */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object o) {
        attachment = o;
    }

    public UwsJob snapshot(Instant destruction) {
        return new UwsJob(id, owner, phase, created, started, ended, destruction, results, error, jobInfoXml);
    }
}
