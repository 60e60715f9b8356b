package org.vosportal.service.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.vosportal.service.ServiceConfig;
import org.vosportal.service.auth.Caller;
import org.vosportal.service.jobs.Job;
import org.vosportal.service.jobs.JobList;
import org.vosportal.service.jobs.JobService;
import org.vosportal.service.jobs.TransferJobs;
import org.vosportal.service.transfer.PackageWriter;
import org.vosportal.service.transfer.TransferNegotiator;
import org.vosportal.vospace.Node;
import org.vosportal.vospace.NodeXml;
import org.vosportal.vospace.SafeXml;
import org.vosportal.vospace.Transfer;
import org.vosportal.vospace.TransferXml;
import org.vosportal.vospace.UwsJob.Phase;
import org.vosportal.vospace.VosFault;
import org.vosportal.vospace.VosPath;

/**
 * Job-creating endpoints: {@code /synctrans} (sync transfers and packages), {@code /transfers}
 * (async transfers, move, copy), {@code /async-delete}, {@code /async-setprops}, and the package
 * stream at {@code /pkg/{id}/run}. Every creation answers 303 (the clients test for it).
 */
@RequestScoped
@Path("/vault")
public class TransferResource {

    @Inject
    Caller caller;

    @Inject
    TransferJobs transferJobs;

    @Inject
    JobService jobs;

    @Inject
    PackageWriter packages;

    @Inject
    ServiceConfig config;

    @Inject
    RateLimits rates;

    @Context
    HttpServerRequest request;

    private boolean isForm() {
        String ct = request.getHeader("Content-Type");
        return ct != null && ct.toLowerCase().startsWith("application/x-www-form-urlencoded");
    }

    private static Response seeOther(String url) {
        return Response.seeOther(URI.create(url)).build();
    }

    @POST
    @Path("synctrans")
    public Response synctrans(InputStream body) throws IOException {
        byte[] bytes = SafeXml.readBounded(body, config.maxXmlBytes());
        if (isForm()) {
            return parameterTransfer(FormParams.parse(new String(bytes, StandardCharsets.UTF_8)));
        }
        Transfer t = TransferXml.read(bytes);
        if (TransferNegotiator.isPackage(t)) {
            return seeOther(transferJobs.packageUrl(transferJobs.createPackage(caller, t)));
        }
        if (!t.isPush() && !t.isPull()) {
            throw VosFault.invalid("move and copy are asynchronous: POST them to /transfers");
        }
        return seeOther(transferJobs.transferDetailsUrl(transferJobs.negotiateNow(caller, t)));
    }

    /** The URL-parameter form of a sync transfer (spec "URL Parameter Transfers"). */
    @GET
    @Path("synctrans")
    public Response synctransParams() {
        Map<String, List<String>> q = RequestPaths.query(request);
        Map<String, String> flat = new java.util.LinkedHashMap<>();
        q.forEach((k, v) -> flat.put(k, v.get(0)));
        return parameterTransfer(flat);
    }

    private Response parameterTransfer(Map<String, String> p) {
        String target = p.get("target");
        String direction = p.get("direction");
        if (target == null || direction == null) {
            throw VosFault.invalid("TARGET and DIRECTION are required");
        }
        String protocol = p.getOrDefault("protocol", Transfer.PUSH_TO.equalsIgnoreCase(direction)
                ? TransferNegotiator.PROTO + "httpput" : TransferNegotiator.PROTO + "httpget");
        Transfer.View view = p.containsKey("view") ? new Transfer.View(p.get("view"), Map.of()) : null;
        Transfer t = new Transfer(List.of(target), direction, view,
                List.of(new Transfer.Protocol(protocol, null, List.of())), null, "2.1");
        Job job = transferJobs.negotiateNow(caller, t);
        if (job.phase() == Phase.ERROR) {
            throw VosFault.invalid(job.error().message());
        }
        Transfer reply = (Transfer) job.attachment();
        if ("redirect".equalsIgnoreCase(p.get("request"))) {
            return seeOther(reply.protocols().get(0).endpoint());
        }
        return Response.ok(TransferXml.toXml(reply), "text/xml").build();
    }

    /**
     * Jobs that change the tree need a user: an anonymous caller could never be allowed to run
     * them, and a job kept for nothing is memory taken for nothing. Asked before the body is read.
     */
    private void requireUser(String what) {
        if (caller.isAnonymous()) {
            throw VosFault.denied("log in to " + what + "; anonymous callers can only read public data");
        }
    }

    @POST
    @Path("transfers")
    public Response transfers(InputStream body) throws IOException {
        Transfer t = TransferXml.read(SafeXml.readBounded(body, config.maxXmlBytes()));
        if (!t.isPull()) {
            // anonymous pulls of public files stay possible, as through /synctrans
            requireUser("move, copy or upload");
        }
        boolean run = "run".equalsIgnoreCase(RequestPaths.first(RequestPaths.query(request), "phase"));
        return seeOther(transferJobs.jobUrl(transferJobs.createAsync(caller, t, run)));
    }

    @POST
    @Path("async-delete")
    public Response asyncDelete(String body) {
        requireUser("delete");
        Map<String, String> form = FormParams.parse(body);
        String target = form.get("target");
        if (target == null) {
            throw VosFault.invalid("target is required");
        }
        VosPath path = negotiator.targetPath(target);
        Job job = transferJobs.createDelete(caller, path, null);
        if ("run".equalsIgnoreCase(form.get("phase"))) {
            jobs.run(job);
        }
        return seeOther(transferJobs.jobUrl(job));
    }

    @Inject
    TransferNegotiator negotiator;

    @POST
    @Path("async-setprops")
    public Response asyncSetProps(InputStream body) throws IOException {
        requireUser("change properties");
        byte[] bytes = SafeXml.readBounded(body, config.maxXmlBytes());
        Node doc = NodeXml.read(bytes);
        negotiator.targetPath(doc.uri().toString());
        Job job = transferJobs.createSetProps(caller, doc);
        if ("run".equalsIgnoreCase(RequestPaths.first(RequestPaths.query(request), "phase"))) {
            jobs.run(job);
        }
        return seeOther(transferJobs.jobUrl(job));
    }

    /** Streams the package; the job is EXECUTING meanwhile and COMPLETED (or ERROR) after. */
    @GET
    @Path("pkg/{id}/run")
    public Response runPackage(@PathParam("id") String id) {
        Job job = jobs.get(JobList.TRANSFERS, id, caller);
        PackageWriter.Request req = transferJobs.packageRequest(job);
        Caller owner = caller;
        io.vertx.core.http.HttpConnection connection = request.connection();
        StreamingOutput body = out -> {
            jobs.startPackage(job);
            // a reader that stops taking bytes must not keep this worker
            RateLimits.Guarded guarded = rates.guard(org.vosportal.PacedOutput.around(out), connection);
            try {
                packages.write(owner, req, guarded);
                jobs.endPackage(job, null);
            } catch (IOException | RuntimeException e) {
                jobs.endPackage(job, "TransferFailed");
                throw e;
            } finally {
                guarded.stop();
            }
        };
        return Response.ok(body, req.format())
                .header("Content-Disposition", DownloadHeaders.disposition("inline", req.fileName(id))).build();
    }
}
