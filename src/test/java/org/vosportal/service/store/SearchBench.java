package org.vosportal.service.store;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.vosportal.service.store.SearchQuery.Op;
import org.vosportal.service.store.SearchQuery.PropCondition;
import org.vosportal.testsupport.PostgresServer;

/**
 * Metadata search timings (bench/search.sh; not a test: no figure here is asserted anywhere).
 * On H2 (in memory) and PostgreSQL (the test server, 25432 unless POSTGRES_PORT / -Dpostgres.port): two homes of FOLDERS folders of
 * PER_FOLDER files each (SearchPlans.bulkTree: every file with OBJECT and EXPTIME properties;
 * every 97th file's name holds "NGC1365"), then ROUNDS rounds of REPS calls of each search below
 * the first home and of two baselines in the same run: one node by name (findChild) and the
 * first 100 rows of one folder's listing. Prints the median per round, and the median and spread
 * (min-max of the round medians) of each, with its ratio to the listing. Then a folder of
 * 100,000 children ({@code -Dbench.list-children}) is added and listed whole, in keyset pages
 * (see {@link #listing}). PostgreSQL is loaded with COPY ({@link BulkLoad}), H2 with JDBC batches.
 * {@code -Dbench.explain=true} also prints the plans of SearchPlans' queries, executed.
 *
 * <pre>java -cp ... org.vosportal.service.store.SearchBench [FOLDERS PER_FOLDER ROUNDS REPS [h2|postgresql|both]]</pre>
 */
public final class SearchBench {

    public static void main(String[] args) throws Exception {
        int folders = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int perFolder = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        String only = args.length > 4 ? args[4] : "both";
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration/h2").load().migrate();
        if (!only.equals("postgresql")) {
            run("H2", h2, folders, perFolder, rounds, reps, "ANALYZE");
        }
        if (only.equals("h2")) {
            return;
        }

        PostgresServer.ensureRunning();
        String schema = "search_bench";
        try (AgroalDataSource pg = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.minSize(0).maxSize(4)
                        .connectionFactoryConfiguration(cf -> cf
                                .jdbcUrl(PostgresServer.jdbcUrl() + "?currentSchema=" + schema)
                                .principal(new NamePrincipal(PostgresServer.user()))
                                .credential(new SimplePassword(PostgresServer.password())))))) {
            try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
            Flyway.configure().dataSource(pg).schemas(schema).createSchemas(true)
                    .locations("classpath:db/migration/postgresql").load().migrate();
            run("PostgreSQL", pg, folders, perFolder, rounds, reps,
                    "ANALYZE " + schema + ".vos_node; ANALYZE " + schema + ".vos_node_prop");
            try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static void run(String db, DataSource ds, int folders, int perFolder, int rounds, int reps,
            String analyze) throws Exception {
        long t0 = System.nanoTime();
        String home = SearchPlans.bulkTree(ds, folders, perFolder);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String sql : analyze.split(";")) {
                s.execute(sql.trim());
            }
        }
        System.out.printf("%s: %,d nodes below the searched home (%,d in the tree), loaded in %.1f s%n", db,
                folders * (perFolder + 1), 2 * (folders * (perFolder + 1) + 1), (System.nanoTime() - t0) / 1e9);
        JdbcNodeStore store = new JdbcNodeStore(ds);
        List<Long> ids = store.search(new SearchQuery(home, null, "d1", List.of(), 1)).get(0).ids();
        long folder = ids.get(ids.size() - 1);
        PropCondition ngc = new PropCondition(SearchPlans.OBJECT, Op.EQ, "OBJ7", null);
        PropCondition exp = new PropCondition(SearchPlans.EXPTIME, Op.GT, null, 990.0);
        List<String> names = List.of("one node by name (baseline)", "listing, first 100 of a 1,000-file folder (baseline)",
                "name substring, 100 of ~1,000 hits", "name substring, no hit (whole home read)",
                "name glob obs_12345.fits (1 hit)", "OBJECT = OBJ7 (200 hits, first 100)",
                "EXPTIME > 990 (900 hits, first 100)", "OBJECT = OBJ7 and EXPTIME > 990 (no hit)");
        List<Supplier<Object>> ops = List.of(
                () -> store.findChild(folder, "obs_1500.fits"),
                () -> store.listChildren(folder, ChildQuery.page(null, 100)),
                () -> store.search(new SearchQuery(home, null, "%ngc1365%", List.of(), 100)),
                () -> store.search(new SearchQuery(home, null, "%andromeda%", List.of(), 100)),
                () -> store.search(new SearchQuery(home, null, "obs_12345.fits", List.of(), 100)),
                () -> store.search(new SearchQuery(home, null, null, List.of(ngc), 100)),
                () -> store.search(new SearchQuery(home, null, null, List.of(exp), 100)),
                () -> store.search(new SearchQuery(home, null, null, List.of(ngc, exp), 100)));
        for (Supplier<Object> op : ops) {
            for (int i = 0; i < 3; i++) {
                op.get(); // warm-up
            }
        }
        double[][] medians = new double[ops.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int o = 0; o < ops.size(); o++) { // interleaved: every op in every round
                double[] t = new double[reps];
                for (int i = 0; i < reps; i++) {
                    long s = System.nanoTime();
                    op(ops.get(o));
                    t[i] = (System.nanoTime() - s) / 1e6;
                }
                Arrays.sort(t);
                medians[o][r] = t[reps / 2];
            }
        }
        double base = median(medians[1]);
        System.out.printf("| %s | median ms | spread (round medians) | × listing |%n|---|---|---|---|%n", db);
        for (int o = 0; o < ops.size(); o++) {
            double[] m = medians[o].clone();
            Arrays.sort(m);
            System.out.printf("| %s | %.2f | %.2f–%.2f | %.1f |%n", names.get(o), median(medians[o]), m[0],
                    m[m.length - 1], median(medians[o]) / base);
        }
        System.out.println();
        if (Boolean.getBoolean("bench.explain")) { // the plans behind the figures, as they ran
            for (String plan : SearchPlans.plans(ds, home, db.equals("H2") ? "EXPLAIN ANALYZE " : "EXPLAIN (ANALYZE, BUFFERS) ")) {
                System.out.println(plan);
            }
        }
        listing(db, ds, store, home, rounds);
    }

    /**
     * A folder of 100,000 empty files beside the searched tree (in the first home): the whole
     * listing through keyset pages of 1,000 as NodeListing streams it (each page starts at the last
     * row of the one before), against one page of 100 and one node by name, interleaved, REPS_FULL
     * calls of the full listing and 20 of each baseline per round.
     */
    private static void listing(String db, DataSource ds, JdbcNodeStore store, String home, int rounds)
            throws Exception {
        int n = Integer.getInteger("bench.list-children", 100_000);
        long t0 = System.nanoTime();
        long folder = SearchPlans.bulkFolder(ds, home, "list100k", n);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE" + (db.equals("H2") ? "" : " vos_node"));
        }
        System.out.printf("%s: a folder of %,d children loaded in %.1f s%n", db, n, (System.nanoTime() - t0) / 1e9);
        String middle = String.format("f%07d", n / 2);
        List<String> names = List.of("one node by name (baseline)", "first page of 100 (baseline)",
                "a page of 100 from the middle (keyset start)", "one page of 1,000",
                String.format("whole listing, %,d rows in keyset pages of 1,000", n));
        List<Supplier<Object>> ops = List.of(
                () -> store.findChild(folder, middle),
                () -> store.listChildren(folder, ChildQuery.page(null, 100)),
                () -> store.listChildren(folder, ChildQuery.page(middle, 100)),
                () -> store.listChildren(folder, ChildQuery.page(null, 1000)),
                () -> fullListing(store, folder, n));
        int[] reps = {20, 20, 20, 20, 3};
        for (Supplier<Object> op : ops) {
            op.get(); // warm-up
            op.get();
        }
        double[][] medians = new double[ops.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int o = 0; o < ops.size(); o++) {
                double[] t = new double[reps[o]];
                for (int i = 0; i < t.length; i++) {
                    long s = System.nanoTime();
                    ops.get(o).get();
                    t[i] = (System.nanoTime() - s) / 1e6;
                }
                Arrays.sort(t);
                medians[o][r] = t[t.length / 2];
            }
        }
        double base = median(medians[1]);
        System.out.printf("| %s, %,d-child folder | median ms | spread (round medians) | × first page |%n"
                + "|---|---|---|---|%n", db, n);
        for (int o = 0; o < ops.size(); o++) {
            double[] m = medians[o].clone();
            Arrays.sort(m);
            System.out.printf("| %s | %.2f | %.2f–%.2f | %.1f |%n", names.get(o), median(medians[o]), m[0],
                    m[m.length - 1], median(medians[o]) / base);
        }
        double full = median(medians[4]);
        System.out.printf("%nwhole listing: %,.0f rows/s (median round)%n%n", n / (full / 1000));
    }

    /** Every child, in keyset pages of 1,000 (the next page starts at the last row, skipped). */
    private static Object fullListing(JdbcNodeStore store, long folder, int expected) {
        long rows = 0;
        String start = null;
        while (true) {
            List<StoredNode> page = store.listChildren(folder, ChildQuery.page(start, 1000));
            rows += start == null ? page.size() : page.size() - 1;
            if (page.size() < 1000) {
                break;
            }
            start = page.get(page.size() - 1).name();
        }
        if (rows != expected) {
            throw new IllegalStateException(rows + " rows listed, expected " + expected);
        }
        return rows;
    }

    private static Object op(Supplier<Object> op) {
        Object out = op.get();
        if (out instanceof List<?> l && l.size() > 100) {
            throw new IllegalStateException("more rows than the page");
        }
        return out;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private SearchBench() {
    }

}
