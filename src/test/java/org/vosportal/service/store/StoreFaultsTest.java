package org.vosportal.service.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.vosportal.vospace.Fault;
import org.vosportal.vospace.VosFault;

/** The one mapping from store errors to VOSpace faults. */
class StoreFaultsTest {

    @Test
    void everyStoreErrorHasItsFault() {
        assertEquals(Fault.NodeNotFound, StoreFaults.of(new StoreRefusal.NotFound("x")).fault());
        assertEquals(Fault.ContainerNotFound, StoreFaults.of(new StoreRefusal.ParentGone("x")).fault());
        assertEquals(Fault.DuplicateNode, StoreFaults.of(new StoreRefusal.AlreadyExists("x")).fault());
        assertEquals(Fault.QuotaExceeded, StoreFaults.of(new StoreRefusal.QuotaExceeded("x")).fault());
        assertEquals(Fault.PermissionDenied, StoreFaults.of(new StoreRefusal.NotOwner("x")).fault());
        assertEquals(Fault.InvalidArgument, StoreFaults.of(new StoreRefusal.Invalid("x")).fault());
        VosFault notEmpty = StoreFaults.of(new ContainerNotEmpty("data"));
        assertEquals(Fault.InvalidArgument, notEmpty.fault());
        assertEquals("InvalidArgument: container node 'data' is not empty\n", notEmpty.body());
        assertEquals(Fault.ServiceBusy, StoreFaults.of(new NodeStoreException.Busy("gave up", null)).fault());
        VosFault failed = StoreFaults.of(new NodeStoreException("connection lost", null));
        assertEquals(Fault.InternalFault, failed.fault());
        assertEquals(500, failed.status());
        // a refusal is its own fault, detail included; anything not the store's is not mapped
        StoreRefusal r = new StoreRefusal.AlreadyExists("f.txt");
        assertSame(r, StoreFaults.of(r));
        assertEquals("DuplicateNode: f.txt\n", r.body());
        assertNull(StoreFaults.of(new IllegalStateException("a bug")));
    }
}
