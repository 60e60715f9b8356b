package org.vosportal.service.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vosportal.service.ServiceConfig;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.transfer.MoveCopyService;
import org.vosportal.service.transfer.PackageWriter;
import org.vosportal.service.transfer.TransferNegotiator;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.Transfer;
import org.vosportal.vospace.TransferXml;
import org.vosportal.vospace.UwsJob;
import org.vosportal.vospace.UwsJob.Phase;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;

/** Creates the service's jobs from requests: data transfers, move/copy, packages, recursive ones. */
@ApplicationScoped
public class TransferJobs {

    @Inject
    JobService jobs;

    @Inject
    TransferNegotiator negotiator;

    @Inject
    MoveCopyService moveCopy;

    @Inject
    RecursiveDelete recursiveDelete;

    @Inject
    RecursiveProperties recursiveProperties;

    @Inject
    ServiceConfig config;

    public String jobUrl(Job job) {
        return config.baseUrl() + "/" + job.list().segment() + "/" + job.id();
    }

    public String transferDetailsUrl(Job job) {
        return jobUrl(job) + "/results/transferDetails";
    }

    /**
     * A synchronous data transfer (POST /synctrans): negotiated at once. A failed negotiation
     * leaves the job in ERROR (the client reads it from the job) rather than failing the POST.
     */
    public Job negotiateNow(Caller caller, Transfer t) {
        Job job = jobs.create(JobList.TRANSFERS, caller, TransferXml.toXml(t), j -> negotiate(j, caller, t),
                Phase.PENDING);
        jobs.runNow(job);
        return job;
    }

    /** An asynchronous transfer (POST /transfers): move, copy, push or pull; runs on PHASE=RUN. */
    public Job createAsync(Caller caller, Transfer t, boolean runNow) {
        Job.Work work;
        if (t.isPush() || t.isPull()) {
            work = j -> negotiate(j, caller, t);
        } else {
            if (TransferNegotiator.isPackage(t) || t.targets().size() != 1) {
                throw VosFault.invalid("move and copy take exactly one target");
            }
            boolean copy = Boolean.TRUE.equals(t.keepBytes());
            boolean keepDate = "true".equalsIgnoreCase(t.params().getOrDefault(Transfer.KEEP_DATE, "").strip());
            work = j -> moveCopy.run(j, caller, t.target(), t.direction(), copy, keepDate);
        }
        Job job = jobs.create(JobList.TRANSFERS, caller, TransferXml.toXml(t), work, Phase.PENDING);
        if (runNow) {
            jobs.run(job);
        }
        return job;
    }

    private Job.Outcome negotiate(Job job, Caller caller, Transfer t) {
        job.attach(negotiator.negotiate(caller, t));
        return Job.Outcome.completed(List.of(new UwsJob.Result("transferDetails", transferDetailsUrl(job))));
    }

    /** A package (ZIP/TAR) request: held SUSPENDED until its run URL is fetched. */
    public Job createPackage(Caller caller, Transfer t) {
        if (!t.isPull()) {
            throw VosFault.invalid("a package is a pullFromVoSpace transfer");
        }
        List<VosPath> targets = new ArrayList<>();
        for (String target : t.targets()) {
            targets.add(negotiator.targetPath(target));
        }
        String format = formatOf(t.view().params());
        Job job = jobs.create(JobList.TRANSFERS, caller, TransferXml.toXml(t), j -> {
            throw new VosFault(Fault.InvalidArgument, "a package job runs when its URL is fetched");
        }, Phase.SUSPENDED);
        job.attach(new PackageWriter.Request(targets, format));
        job.addResult(new UwsJob.Result("packageURL", packageUrl(job)));
        return job;
    }

    public String packageUrl(Job job) {
        return config.baseUrl() + "/pkg/" + job.id() + "/run";
    }

    private static String formatOf(Map<String, String> params) {
        String f = params.getOrDefault("ivo://ivoa.net/vospace/core#format", PackageWriter.TAR).trim();
        return switch (f) {
            case PackageWriter.ZIP, "zip" -> PackageWriter.ZIP;
            case PackageWriter.TAR, "tar", "" -> PackageWriter.TAR;
            default -> throw new VosFault(Fault.ViewNotSupported, "package format " + f);
        };
    }

    public Job createDelete(Caller caller, VosPath path, String info) {
        return jobs.create(JobList.ASYNC_DELETE, caller, info, j -> recursiveDelete.run(j, caller, path),
                Phase.PENDING);
    }

    public Job createSetProps(Caller caller, Node doc) {
        // no jobInfo: a node document there would not validate inside a UWS job document
        return jobs.create(JobList.ASYNC_SETPROPS, caller, null,
                j -> recursiveProperties.run(j, caller, doc.path(), doc.properties()), Phase.PENDING);
    }
}
