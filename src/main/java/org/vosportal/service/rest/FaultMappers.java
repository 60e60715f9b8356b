package org.vosportal.service.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.vosportal.service.blob.BlobTooLargeException;
import org.vosportal.service.blob.StorageFullException;
import org.vosportal.service.store.ContainerNotEmpty;
import org.vosportal.service.store.NodeStoreException;
import org.vosportal.service.store.StoreFaults;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.InvalidNameException;
import org.vosportal.vospace.VosFault;

/** The service's one place for turning exceptions into VOSpace fault responses (never a stack trace). */
public class FaultMappers {

    private static final Logger LOG = Logger.getLogger(FaultMappers.class);

    public static Response fault(Fault fault, String detail) {
        return fault(new VosFault(fault, detail));
    }

    public static Response fault(VosFault f) {
        Response.ResponseBuilder b = Response.status(f.status()).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity(f.body());
        if (f.fault() == Fault.ServiceBusy) {
            b.header("Retry-After", "30");
        }
        return b.build();
    }

    @ServerExceptionMapper
    public Response vosFault(VosFault f) {
        return fault(f);
    }

    /** A delete that found the container not empty (a child created meanwhile): InvalidArgument. */
    @ServerExceptionMapper
    public Response containerNotEmpty(ContainerNotEmpty e) {
        return fault(StoreFaults.of(e));
    }

    /** The node store gave up on a change that kept meeting others: ServiceBusy, try again. */
    @ServerExceptionMapper
    public Response storeBusy(NodeStoreException.Busy e) {
        LOG.warn("node store busy: " + e.getMessage() + " (" + e.getCause() + ")");
        return fault(StoreFaults.of(e));
    }

    @ServerExceptionMapper
    public Response invalidName(InvalidNameException e) {
        return fault(Fault.InvalidURI, e.getMessage());
    }

    @ServerExceptionMapper
    public Response tooLarge(BlobTooLargeException e) {
        return fault(Fault.QuotaExceeded, "upload exceeds the remaining quota");
    }

    /** 507: the service's disk is full. Nothing was kept; the previous content stays. */
    @ServerExceptionMapper
    public Response storageFull(StorageFullException e) {
        LOG.warn("upload refused: " + e.getMessage() + " (" + e.getCause() + ")");
        return Response.status(507).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity("InsufficientStorage: the service has no space left to store this; nothing was changed,"
                        + " try again later\n").build();
    }

    /**
     * A failure nothing else mapped, for a VOSpace caller (org.vosportal.UnexpectedFailures sends
     * the service's requests here): a fault carried as a cause keeps its own answer, anything
     * else is logged and answered InternalFault.
     */
    public static Response unexpected(RuntimeException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof VosFault f) {
                return fault(f);
            }
        }
        LOG.error("unexpected failure", e);
        return fault(Fault.InternalFault, "the service failed; the error was logged");
    }
}
