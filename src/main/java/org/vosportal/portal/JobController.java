package org.vosportal.portal;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.vosportal.vospace.UwsJob;

/**
 * Progress of a background job the portal started (recursive delete), polled by the listing: a
 * fragment that replaces itself until the job ends, then asks the page to refresh its rows.
 */
@RequestScoped
@Path("/storage")
@CsrfChecked
public class JobController extends PortalController {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance status(String pollUrl, String text, boolean running);
    }

    @Inject
    PortalJobs jobs;

    @GET
    @Path("{svc}/jobs/{id}")
    public Uni<Response> job(@PathParam("svc") String svc, @PathParam("id") String id) {
        PortalJobs.Tracked t = jobs.get(id, svc, user.name());
        return session(svc).flatMap(vos -> vos.job(t.jobUrl(), 0)).map(state -> status(svc, id, t, state));
    }

    private Response status(String svc, String id, PortalJobs.Tracked t, UwsJob state) {
        if (!state.phase().isFinal()) {
            String phase = state.phase().name().toLowerCase();
            return Response.ok(Templates.status(PortalUrls.job(svc, id), msg.jobRunning(t.what(), phase), true)).build();
        }
        String text = state.phase() == UwsJob.Phase.COMPLETED ? msg.jobDone(t.what())
                : msg.jobFailed(t.what(), SelectionService.explain(state));
        return Response.ok(Templates.status(null, text, false)).header("HX-Trigger", "refresh-listing").build();
    }
}
