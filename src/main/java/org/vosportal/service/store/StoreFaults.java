package org.vosportal.service.store;

import org.vosportal.vospace.Fault;
import org.vosportal.vospace.VosFault;

/**
 * The one mapping from store errors to VOSpace faults, used by the REST fault mappers and by the
 * jobs (which report a fault name, not a response):
 * <ul>
 * <li>a {@link StoreRefusal} is its own fault (its kind fixes it: NotFound → NodeNotFound,
 * ParentGone → ContainerNotFound, AlreadyExists → DuplicateNode, QuotaExceeded, NotOwner →
 * PermissionDenied, Invalid → InvalidArgument);</li>
 * <li>{@link ContainerNotEmpty} → InvalidArgument, as NodeService words it;</li>
 * <li>{@link NodeStoreException.Busy} → ServiceBusy (503, try again);</li>
 * <li>any other {@link NodeStoreException} → InternalFault (the caller logs it).</li>
 * </ul>
 */
public final class StoreFaults {

    private StoreFaults() {
    }

    /**
     * The fault for {@code e}: any VosFault is itself, a store error as above; null for anything
     * else (not the store's to answer).
     */
    public static VosFault of(RuntimeException e) {
        if (e instanceof VosFault f) {
            return f;
        }
        if (e instanceof ContainerNotEmpty n) {
            return VosFault.invalid("container node '" + n.name() + "' is not empty");
        }
        if (e instanceof NodeStoreException.Busy) {
            return new VosFault(Fault.ServiceBusy, "the node tree is busy with other changes; try again");
        }
        if (e instanceof NodeStoreException) {
            return new VosFault(Fault.InternalFault, "the service failed; the error was logged");
        }
        return null;
    }
}
