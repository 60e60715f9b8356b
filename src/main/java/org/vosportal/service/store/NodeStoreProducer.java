package org.vosportal.service.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Makes the NodeStore over whichever datasource is active: the named {@code postgresql} one when
 * activated (profile {@code pg}: {@code quarkus.datasource.postgresql.active=true}), else the
 * default embedded H2 one. Flyway has already migrated the active one at start-up.
 */
@ApplicationScoped
public class NodeStoreProducer {

    /** Name of the PostgreSQL datasource in application.properties. */
    public static final String POSTGRESQL = "postgresql";

    private static final Logger LOG = Logger.getLogger(NodeStoreProducer.class);

    @Inject
    InjectableInstance<AgroalDataSource> defaultDataSource;

    @Inject
    @io.quarkus.agroal.DataSource(POSTGRESQL)
    InjectableInstance<AgroalDataSource> postgresDataSource;

    private JdbcNodeStore store;

    @Produces
    @ApplicationScoped
    NodeStore nodeStore() {
        return store();
    }

    /** The share-link registry lives in the same database (its rows reference the nodes). */
    @Produces
    @ApplicationScoped
    ShareStore shareStore() {
        return store();
    }

    private synchronized JdbcNodeStore store() {
        if (store == null) {
            store = newStore();
        }
        return store;
    }

    private JdbcNodeStore newStore() {
        if (!postgresDataSource.listActive().isEmpty()) {
            LOG.info("NodeStore: PostgreSQL datasource '" + POSTGRESQL + "'");
            return new JdbcNodeStore(postgresDataSource.getActive());
        }
        if (defaultDataSource.listActive().isEmpty()) {
            throw new IllegalStateException("no active datasource for the NodeStore: activate the default (H2) one"
                    + " or quarkus.datasource." + POSTGRESQL + ".active=true");
        }
        LOG.info("NodeStore: default (embedded H2) datasource");
        return new JdbcNodeStore(defaultDataSource.getActive());
    }
}
