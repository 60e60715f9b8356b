package org.vosportal.service.rest;

import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.vosportal.service.ServiceConfig;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.jobs.Job;
import org.vosportal.service.jobs.JobList;
import org.vosportal.service.jobs.JobService;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.Transfer;
import org.vosportal.vospace.TransferXml;
import org.vosportal.vospace.UwsJob;
import org.vosportal.vospace.UwsXml;
import org.vosportal.vospace.VosFault;

/**
 * UWS 1.1 job resources shared by the job lists ({@code transfers}, {@code async-delete},
 * {@code async-setprops}): job document (with WAIT), phase, error, results.
 */
@RequestScoped
@Path("/vault")
public class UwsResource {

    /** Longest WAIT honoured, in seconds (as CADC). */
    static final int MAX_WAIT = 60;

    @Inject
    Caller caller;

    @Inject
    JobService jobs;

    @Inject
    ServiceConfig config;

    @Context
    HttpServerRequest request;

    private Job job(String list, String id) {
        return jobs.get(JobList.fromSegment(list), id, caller);
    }

    private String jobUrl(Job job) {
        return config.baseUrl() + "/" + job.list().segment() + "/" + job.id();
    }

    /**
     * Honours {@code WAIT=n} (at most 60 s) without holding a worker: the answer is built when
     * the job changes phase or the time is up ({@link JobService#awaitChange}).
     */
    private CompletionStage<Job> maybeWait(Job job) {
        String wait = RequestPaths.first(RequestPaths.query(request), "wait");
        if (wait == null) {
            return CompletableFuture.completedFuture(job);
        }
        int seconds;
        try {
            seconds = Integer.parseInt(wait.trim());
        } catch (NumberFormatException e) {
            throw VosFault.invalid("WAIT must be an integer");
        }
        if (seconds < 0) {
            seconds = MAX_WAIT;
        }
        return jobs.awaitChange(job, caller, Math.min(seconds, MAX_WAIT) * 1000L);
    }

    static final String JOB = "{list: transfers|async-delete|async-setprops}/{id}";

    /** Blocking (the caller's identity may need it), but a WAIT frees the worker at once. */
    @GET
    @Path(JOB)
    @Blocking
    public CompletionStage<Response> get(@PathParam("list") String list, @PathParam("id") String id) {
        Job job = job(list, id);
        return maybeWait(job).thenApply(
                now -> Response.ok(UwsXml.toXml(now.snapshot(jobs.destruction(now))), "text/xml").build());
    }

    /** {@code ACTION=DELETE} removes the job; a {@code PHASE} here is handled as on /phase. */
    @POST
    @Path(JOB)
    public Response post(@PathParam("list") String list, @PathParam("id") String id, String body) {
        Job job = job(list, id);
        Map<String, String> form = FormParams.parse(body);
        if ("delete".equalsIgnoreCase(form.get("action"))) {
            jobs.delete(job);
            return Response.seeOther(URI.create(config.baseUrl() + "/" + job.list().segment())).build();
        }
        changePhase(job, form.get("phase"));
        return Response.seeOther(URI.create(jobUrl(job))).build();
    }

    @GET
    @Path(JOB + "/phase")
    @Blocking
    public CompletionStage<Response> phase(@PathParam("list") String list, @PathParam("id") String id) {
        Job job = job(list, id);
        // exactly the phase word: the vos client compares the whole body
        return maybeWait(job).thenApply(now -> Response.ok(now.phase().name(), "text/plain").build());
    }

    @POST
    @Path(JOB + "/phase")
    public Response setPhase(@PathParam("list") String list, @PathParam("id") String id, String body) {
        Job job = job(list, id);
        changePhase(job, FormParams.parse(body).get("phase"));
        return Response.seeOther(URI.create(jobUrl(job))).build();
    }

    private void changePhase(Job job, String phase) {
        if (phase == null) {
            return;
        }
        switch (phase.trim().toUpperCase()) {
            case "RUN" -> jobs.run(job);
            case "ABORT" -> jobs.abort(job);
            default -> throw VosFault.invalid("PHASE must be RUN or ABORT");
        }
    }

    @GET
    @Path(JOB + "/error")
    public Response error(@PathParam("list") String list, @PathParam("id") String id) {
        UwsJob.ErrorSummary e = job(list, id).error();
        if (e == null) {
            throw new VosFault(Fault.NodeNotFound, "job has no error");
        }
        return Response.ok(e.message(), "text/plain").build();
    }

    @GET
    @Path(JOB + "/results")
    public Response results(@PathParam("list") String list, @PathParam("id") String id) {
        Job job = job(list, id);
        return Response.ok(UwsXml.resultsXml(job.snapshot(null)), "text/xml").build();
    }

    /**
     * {@code transferDetails} is answered here directly (the negotiated transfer document; no
     * protocols if negotiation failed); other results redirect to their href.
     */
    @GET
    @Path(JOB + "/results/{rid}")
    public Response result(@PathParam("list") String list, @PathParam("id") String id,
            @PathParam("rid") String rid) {
        Job job = job(list, id);
        if ("transferDetails".equals(rid)) {
            if (job.details() != null) {
                return Response.ok(job.details(), "text/xml").build();
            }
            if (job.phase() == UwsJob.Phase.ERROR) {
                return Response.ok(failedTransfer(job), "text/xml").build();
            }
        }
        String href = job.snapshot(null).result(rid);
        if (href == null) {
            throw new VosFault(Fault.NodeNotFound, "job has no result " + rid);
        }
        return Response.seeOther(URI.create(href)).build();
    }

    /** The submitted transfer echoed without protocols, as CADC does after a failed negotiation. */
    private static String failedTransfer(Job job) {
        UwsJob snap = job.snapshot(null);
        try {
            Transfer t = TransferXml.read(snap.jobInfoXml().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return TransferXml.toXml(new Transfer(t.targets(), t.direction(), t.view(), java.util.List.of(), null,
                    "2.1"));
        } catch (RuntimeException e) {
            throw new VosFault(Fault.InternalFault, "transfer document unavailable");
        }
    }
}
