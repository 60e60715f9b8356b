package org.vosportal.service.store;

import org.vosportal.vospace.Fault;
import org.vosportal.vospace.VosFault;

/**
 * What the node store refuses to do, by kind. Each kind is a VOSpace fault whose {@link Fault} its
 * type fixes here, once: callers catch the kind they can handle ({@code catch
 * (StoreRefusal.AlreadyExists e)}) and leave the rest to the fault mappers, which answer any
 * VosFault. The other store errors are {@link ContainerNotEmpty} and {@link NodeStoreException}
 * (failures); {@link StoreFaults} maps every one of them.
 */
public abstract sealed class StoreRefusal extends VosFault permits StoreRefusal.NotFound, StoreRefusal.ParentGone,
        StoreRefusal.AlreadyExists, StoreRefusal.QuotaExceeded, StoreRefusal.NotOwner, StoreRefusal.Invalid {

    private StoreRefusal(Fault fault, String detail) {
        super(fault, detail);
    }

    /** The node named by id does not exist (any more): NodeNotFound. */
    public static final class NotFound extends StoreRefusal {
        public NotFound(String detail) {
            super(Fault.NodeNotFound, detail);
        }
    }

    /** The container to create or move into is gone, or is not a container: ContainerNotFound. */
    public static final class ParentGone extends StoreRefusal {
        public ParentGone(String detail) {
            super(Fault.ContainerNotFound, detail);
        }
    }

    /** The parent already holds a node of that name: DuplicateNode. */
    public static final class AlreadyExists extends StoreRefusal {
        public AlreadyExists(String detail) {
            super(Fault.DuplicateNode, detail);
        }
    }

    /** The change would take an ancestor's bytes and metadata past its quota: QuotaExceeded. */
    public static final class QuotaExceeded extends StoreRefusal {
        public QuotaExceeded(String detail) {
            super(Fault.QuotaExceeded, detail);
        }
    }

    /** A move for one owner found something below the node that another owns: PermissionDenied. */
    public static final class NotOwner extends StoreRefusal {
        public NotOwner(String detail) {
            super(Fault.PermissionDenied, detail);
        }
    }

    /**
     * A value the store cannot keep (too long, an empty property URI, a group URI with white
     * space) or a move the tree forbids (the root, into itself): InvalidArgument.
     */
    public static final class Invalid extends StoreRefusal {
        public Invalid(String detail) {
            super(Fault.InvalidArgument, detail);
        }
    }
}
