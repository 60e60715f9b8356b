package org.vosportal.service.check;

import java.nio.file.Path;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.vosportal.service.blob.LocalBlobStore;
import org.vosportal.service.preview.PreviewCache;
import org.vosportal.service.store.JdbcNodeStore;

/** A consistency check over a fresh, migrated H2 database in memory and a local blob store in {@code data}. */
record CheckOnH2(DataSource dataSource, TreeCheck check) {

    static CheckOnH2 in(Path data) throws java.io.IOException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:check-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/h2").load().migrate();
        TreeCheck check = new TreeCheck();
        check.store = new JdbcNodeStore(ds);
        check.blobs = new LocalBlobStore(data);
        check.previews = new PreviewCache() {
            @Override
            protected Path root() {
                return data.resolve("previews");
            }
        };
        return new CheckOnH2(ds, check);
    }
}
