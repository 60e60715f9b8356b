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
        String doc = TransferXml.toXml(t);
        return jobs.runNow(JobList.TRANSFERS, JobKind.NEGOTIATE, caller, doc, doc);
    }

    /** An asynchronous transfer (POST /transfers): move, copy, push or pull; runs on PHASE=RUN. */
    public Job createAsync(Caller caller, Transfer t, boolean runNow) {
        JobKind kind;
        if (t.isPush() || t.isPull()) {
            kind = JobKind.NEGOTIATE;
        } else {
            if (TransferNegotiator.isPackage(t) || t.targets().size() != 1) {
                throw VosFault.invalid("move and copy take exactly one target");
            }
            kind = JobKind.MOVE_COPY;
        }
        String doc = TransferXml.toXml(t);
        Job job = jobs.create(JobList.TRANSFERS, kind, caller, doc, doc, Phase.PENDING);
        if (runNow) {
            jobs.run(job);
        }
        return job;
    }

    /** The work of a stored job, rebuilt from its spec by whichever instance runs it. */
    Job.Work work(Job job) {
        Caller caller = job.caller();
        return switch (job.kind()) {
            case NEGOTIATE -> {
                Transfer t = transfer(job);
                yield j -> negotiate(j, caller, t);
            }
            case MOVE_COPY -> {
                Transfer t = transfer(job);
                boolean copy = Boolean.TRUE.equals(t.keepBytes());
                boolean keepDate = "true".equalsIgnoreCase(t.params().getOrDefault(Transfer.KEEP_DATE, "").strip());
                yield j -> moveCopy.run(j, caller, t.target(), t.direction(), copy, keepDate);
            }
            case PACKAGE -> j -> {
                throw new VosFault(Fault.InvalidArgument, "a package job runs when its URL is fetched");
            };
            case DELETE -> {
                VosPath path = VosPath.parse(job.spec());
                yield j -> recursiveDelete.run(j, caller, path);
            }
            case SET_PROPS -> {
                VosPath path = VosPath.parse(JobKind.specPath(job.spec()));
                List<org.vosportal.vospace.Property> changes = JobKind.specProperties(job.spec());
                yield j -> recursiveProperties.run(j, caller, path, changes);
            }
        };
    }

    private static Transfer transfer(Job job) {
        return TransferXml.read(job.spec().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private Job.Outcome negotiate(Job job, Caller caller, Transfer t) {
        job.attach(negotiator.negotiate(caller, t));
        return Job.Outcome.completed(List.of(new UwsJob.Result("transferDetails", transferDetailsUrl(job))));
    }

    /** A package (ZIP/TAR) request: held SUSPENDED until its run URL is fetched. */
    public Job createPackage(Caller caller, Transfer t) {
        packageRequest(t); // refused now rather than when fetched
        String doc = TransferXml.toXml(t);
        String id = JobService.newId();
        return jobs.create(id, JobList.TRANSFERS, JobKind.PACKAGE, caller, doc, doc, Phase.SUSPENDED,
                List.of(new UwsJob.Result("packageURL", packageUrl(id))));
    }

    /** What a package job writes: its targets and format, from its transfer document. */
    public PackageWriter.Request packageRequest(Job job) {
        if (job.kind() != JobKind.PACKAGE) {
            throw new VosFault(Fault.JobNotFound, job.id());
        }
        return packageRequest(transfer(job));
    }

    private PackageWriter.Request packageRequest(Transfer t) {
        if (!t.isPull()) {
            throw VosFault.invalid("a package is a pullFromVoSpace transfer");
        }
        List<VosPath> targets = new ArrayList<>();
        for (String target : t.targets()) {
            targets.add(negotiator.targetPath(target));
        }
        return new PackageWriter.Request(targets, formatOf(t.view().params()));
    }

    public String packageUrl(Job job) {
        return packageUrl(job.id());
    }

    private String packageUrl(String id) {
        return config.baseUrl() + "/pkg/" + id + "/run";
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
        return jobs.create(JobList.ASYNC_DELETE, JobKind.DELETE, caller, info, path.toString(), Phase.PENDING);
    }

    public Job createSetProps(Caller caller, Node doc) {
        // no jobInfo: a node document there would not validate inside a UWS job document
        return jobs.create(JobList.ASYNC_SETPROPS, JobKind.SET_PROPS, caller, null,
                JobKind.propertiesSpec(doc.path().toString(), doc.properties()), Phase.PENDING);
    }
}
