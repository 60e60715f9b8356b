package org.vosportal.service.jobs;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;
import org.vosportal.service.ServiceConfig;
import org.vosportal.service.auth.Caller;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.InvalidNameException;
import org.vosportal.vospace.UwsJob.Phase;
import org.vosportal.vospace.VosFault;

/**
 * Keeps UWS jobs (in memory: they are short-lived and a restart ends them) and runs them on a
 * small bounded pool so that long recursive jobs never block request threads.
 */
@ApplicationScoped
public class JobService {

    private static final Logger LOG = Logger.getLogger(JobService.class);

    @Inject
    ServiceConfig config;

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "vospace-job");
        t.setDaemon(true);
        return t;
    });

    public Job create(JobList list, Caller owner, String jobInfoXml, Job.Work work, Phase initial) {
        String id = UUID.randomUUID().toString().replace("-", "");
        Job job = new Job(id, list, owner.user(), jobInfoXml, work, initial);
        jobs.put(id, job);
        return job;
    }

    /** The job, if it exists and the caller may see it (its owner; anyone for anonymous jobs). */
    public Job get(JobList list, String id, Caller caller) {
        Job job = jobs.get(id);
        if (job == null || job.list() != list) {
            throw new VosFault(Fault.JobNotFound, id);
        }
        if (job.owner() != null && !job.owner().equals(caller.user())) {
            throw VosFault.denied("job " + id + " belongs to another user");
        }
        return job;
    }

    /** PHASE=RUN: a pending job is queued and run; any other phase is left as it is. */
    public void run(Job job) {
        synchronized (job) {
            if (job.phase() != Phase.PENDING) {
                return;
            }
            job.setPhase(Phase.QUEUED);
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

    private void execute(Job job) {
        if (job.phase() == Phase.ABORTED) {
            return;
        }
        job.setPhase(Phase.EXECUTING);
        try {
            job.finish(job.work().run(job));
        } catch (VosFault f) {
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
        synchronized (job) {
            if (!job.phase().isFinal()) {
                job.setPhase(Phase.ABORTED);
            }
        }
    }

    public void delete(Job job) {
        abort(job);
        jobs.remove(job.id());
    }

    public Instant destruction(Job job) {
        Instant ended = job.ended();
        return (ended == null ? Instant.now() : ended).plus(config.jobRetention());
    }

    @Scheduled(every = "10m")
    void forgetOldJobs() {
        Instant now = Instant.now();
        jobs.values().removeIf(j -> j.ended() != null && destruction(j).isBefore(now));
    }

    void stop(@Observes ShutdownEvent ev) {
        pool.shutdownNow();
    }
}
