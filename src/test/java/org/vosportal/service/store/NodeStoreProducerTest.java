package org.vosportal.service.store;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.vosportal.vospace.NodeType;

/**
 * The application starts, Flyway has migrated the active datasource, and the produced NodeStore
 * reads the root. Runs on H2 by default; run with {@code -Dquarkus.test.profile=test,pg} (with
 * PostgreSQL on 127.0.0.1:25432) for the PostgreSQL datasource.
 */
@QuarkusTest
@Tag("servers") // the application (and with it Keycloak): the full suite, not the fast lane
class NodeStoreProducerTest {

    @Inject
    NodeStore store;

    @Test
    void producedStoreReadsTheMigratedRoot() {
        StoredNode root = store.root();
        assertTrue(root.isRoot());
        assertEquals("", root.name());
        assertEquals(NodeType.CONTAINER, root.type());
        assertEquals(root.id(), store.findById(root.id()).orElseThrow().id());
    }
}
