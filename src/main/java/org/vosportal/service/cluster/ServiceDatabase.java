package org.vosportal.service.cluster;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.vosportal.service.store.NodeStoreProducer;

/**
 * The database the node store uses (the named PostgreSQL datasource when active, else the
 * embedded H2 one), for what else the instances share there: jobs ({@code JdbcJobStore}) and
 * leases ({@link Leases}).
 */
@ApplicationScoped
public class ServiceDatabase {

    @Inject
    InjectableInstance<AgroalDataSource> defaultDataSource;

    @Inject
    @io.quarkus.agroal.DataSource(NodeStoreProducer.POSTGRESQL)
    InjectableInstance<AgroalDataSource> postgresDataSource;

    private volatile DataSource active;
    private volatile Boolean h2;

    public DataSource dataSource() {
        DataSource d = active;
        if (d == null) {
            d = !postgresDataSource.listActive().isEmpty() ? postgresDataSource.getActive()
                    : defaultDataSource.getActive();
            active = d;
        }
        return d;
    }

    /**
     * Whether the database is the embedded H2 one: one process only (a file H2 is locked by the
     * process that opened it), so no other instance can share it and anything another runner
     * left behind is from an earlier run of this one.
     */
    public boolean singleProcess() {
        Boolean b = h2;
        if (b == null) {
            try (Connection c = dataSource().getConnection()) {
                b = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot reach the database", e);
            }
            h2 = b;
        }
        return b;
    }
}
