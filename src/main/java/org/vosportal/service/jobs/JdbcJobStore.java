package org.vosportal.service.jobs;

import static org.vosportal.service.cluster.DbTimes.instant;
import static org.vosportal.service.cluster.DbTimes.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.vosportal.service.ServiceConfig;
import org.vosportal.vospace.UwsJob;
import org.vosportal.vospace.UwsJob.Phase;

/**
 * UWS jobs in {@code vos_job} (migration V7), shared by every instance on the database. Every
 * change of phase is one conditional UPDATE, so two instances never both move a job: only a
 * PENDING job is queued, only a QUEUED one is claimed by a runner (which sets {@code runner} to
 * its instance lease name), only the runner that claimed a job can finish it, and nothing moves a
 * finished one. Timestamps are {@code TIMESTAMP(3) WITH TIME ZONE} in UTC.
 */
public final class JdbcJobStore {

    static final String FINAL = "('COMPLETED','ERROR','ABORTED','ARCHIVED')";
    private static final String COLS = "id, job_list, kind, owner_key, caller_groups, groups_valid_until, spec,"
            + " job_info, phase, created_at, started_at, ended_at, results, error_type, error_message, details, runner";

    private final DataSource dataSource;

    public JdbcJobStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }


    static String ownerKey(String owner) {
        return owner == null ? "" : owner;
    }

    private static JobStoreException failed(String what, SQLException e) {
        return new JobStoreException("job store: " + what + ": " + e.getMessage(), e);
    }

    /** A database failure of the job store (the service answers it as an internal fault). */
    public static final class JobStoreException extends RuntimeException {
        JobStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // ------------------------------------------------------------------ creation and the caps

    /**
     * Stores a new job within the caps: over a cap on unfinished jobs (when {@code unfinished}),
     * never-run jobs past their expiry are removed first and the creation is refused if that did
     * not help; over a cap on kept jobs the oldest finished one (of the user, or of everyone) is
     * forgotten, and the creation refused if there is none. The per-user caps hold across
     * instances, give or take creations racing on two instances at the same moment.
     */
    public void insert(Job job, ServiceConfig.Jobs limits, boolean unfinished, Instant now) {
        String owner = ownerKey(job.owner());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long[] n = counts(c, owner);
                if (unfinished && (n[0] >= limits.maxLivePerUser() || n[2] >= limits.maxLive())) {
                    destroyNeverRun(c, now.minus(limits.pendingExpiry()));
                    n = counts(c, owner);
                }
                if (unfinished && n[0] >= limits.maxLivePerUser()) {
                    throw new JobLimitFault("you have " + n[0] + " unfinished jobs; wait for some to end or delete them");
                }
                if (unfinished && n[2] >= limits.maxLive()) {
                    throw new JobLimitFault("the service has too many unfinished jobs; try again later");
                }
                if (n[1] >= limits.maxStoredPerUser() && !forgetOldestFinished(c, owner)) {
                    throw new JobLimitFault("you have too many jobs");
                }
                if (n[3] >= limits.maxStored() && !forgetOldestFinished(c, null)) {
                    throw new JobLimitFault("the service has too many jobs; try again later");
                }
                insertRow(c, job, now);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed("create", e);
        }
    }

    /** The owner's unfinished and kept jobs, everyone's unfinished and kept jobs. */
    private static long[] counts(Connection c, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT"
                + " (SELECT COUNT(*) FROM vos_job WHERE owner_key = ? AND ended_at IS NULL),"
                + " (SELECT COUNT(*) FROM vos_job WHERE owner_key = ?),"
                + " (SELECT COUNT(*) FROM vos_job WHERE ended_at IS NULL),"
                + " (SELECT COUNT(*) FROM vos_job)")) {
            ps.setString(1, owner);
            ps.setString(2, owner);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
            }
        }
    }

    /** Deletes the oldest finished job of {@code owner} (of anyone when null); false if there is none. */
    private static boolean forgetOldestFinished(Connection c, String owner) throws SQLException {
        String sql = "SELECT id FROM vos_job WHERE " + (owner == null ? "" : "owner_key = ? AND ")
                + "ended_at IS NOT NULL ORDER BY created_at LIMIT 1";
        String id;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (owner != null) {
                ps.setString(1, owner);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                id = rs.getString(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM vos_job WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
        return true;
    }

    private static int destroyNeverRun(Connection c, Instant createdBefore) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM vos_job WHERE phase IN ('PENDING','SUSPENDED') AND created_at < ?")) {
            ps.setObject(1, utc(createdBefore));
            return ps.executeUpdate();
        }
    }

    private static void insertRow(Connection c, Job j, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO vos_job (" + COLS + ", queued_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, j.id());
            ps.setString(2, j.list().segment());
            ps.setString(3, j.kind().name());
            ps.setString(4, ownerKey(j.owner()));
            ps.setString(5, j.groups().isEmpty() ? null : String.join("\n", j.groups()));
            setTime(ps, 6, j.groupsValidUntil());
            ps.setString(7, j.spec());
            ps.setString(8, j.jobInfoXml());
            ps.setString(9, j.phase().name());
            setTime(ps, 10, j.created());
            setTime(ps, 11, j.started());
            setTime(ps, 12, j.ended());
            ps.setString(13, results(j.results()));
            ps.setString(14, j.error() == null ? null : j.error().type());
            ps.setString(15, j.error() == null ? null : j.error().message());
            ps.setString(16, j.details());
            ps.setString(17, j.runner());
            setTime(ps, 18, j.phase() == Phase.QUEUED ? now : null);
            ps.executeUpdate();
        }
    }

    private static void setTime(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, utc(t));
        }
    }

    static String results(List<UwsJob.Result> results) {
        if (results.isEmpty()) {
            return null;
        }
        return results.stream().map(r -> r.id() + "\t" + r.href()).collect(Collectors.joining("\n"));
    }

    static List<UwsJob.Result> results(String s) {
        if (s == null || s.isEmpty()) {
            return List.of();
        }
        List<UwsJob.Result> out = new ArrayList<>();
        for (String line : s.split("\n")) {
            int tab = line.indexOf('\t');
            out.add(new UwsJob.Result(line.substring(0, tab), line.substring(tab + 1)));
        }
        return out;
    }

    // ------------------------------------------------------------------ reading

    public Optional<Job> find(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM vos_job WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(job(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed("read " + id, e);
        }
    }

    /** The jobs among {@code ids} that exist, by id. */
    public Map<String, Job> findAll(Collection<String> ids) {
        Map<String, Job> out = new HashMap<>();
        forChunks(ids, "SELECT " + COLS + " FROM vos_job WHERE id IN ", rs -> out.put(rs.getString(1), job(rs)));
        return out;
    }

    /** The phases of the jobs among {@code ids} that exist. */
    public Map<String, Phase> phases(Collection<String> ids) {
        Map<String, Phase> out = new HashMap<>();
        forChunks(ids, "SELECT id, phase FROM vos_job WHERE id IN ", rs -> out.put(rs.getString(1),
                Phase.valueOf(rs.getString(2))));
        return out;
    }

    /** The phase of a job, or null if it is gone. */
    public Phase phase(String id) {
        return phases(List.of(id)).get(id);
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void forChunks(Collection<String> ids, String sqlHead, RowReader reader) {
        List<String> all = new ArrayList<>(new LinkedHashSet<>(ids));
        if (all.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            for (int i = 0; i < all.size(); i += 200) {
                List<String> chunk = all.subList(i, Math.min(all.size(), i + 200));
                String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement(sqlHead + "(" + marks + ")")) {
                    for (int k = 0; k < chunk.size(); k++) {
                        ps.setString(k + 1, chunk.get(k));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            reader.read(rs);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw failed("read jobs", e);
        }
    }

    private static Job job(ResultSet rs) throws SQLException {
        String groups = rs.getString(5);
        String owner = rs.getString(4);
        String errorType = rs.getString(14);
        return new Job(rs.getString(1), JobList.fromSegment(rs.getString(2)), JobKind.valueOf(rs.getString(3)),
                owner.isEmpty() ? null : owner,
                groups == null ? Set.of() : Set.copyOf(Arrays.asList(groups.split("\n"))),
                instant(rs, 6), rs.getString(7), rs.getString(8), instant(rs, 10), Phase.valueOf(rs.getString(9)),
                instant(rs, 11), instant(rs, 12), results(rs.getString(13)),
                errorType == null ? null : new UwsJob.ErrorSummary(errorType, rs.getString(15)), rs.getString(16),
                rs.getString(17));
    }

    /** Unfinished jobs, everyone's (for monitoring). */
    public long countUnfinished() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM vos_job WHERE ended_at IS NULL");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failed("count", e);
        }
    }

    // ------------------------------------------------------------------ phase changes

    private int update(String what, String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                if (a == null) {
                    ps.setNull(i + 1, java.sql.Types.VARCHAR);
                } else {
                    ps.setObject(i + 1, a instanceof Instant t ? utc(t) : a);
                }
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /** PHASE=RUN: PENDING becomes QUEUED; false for any other phase. */
    public boolean queue(String id, Instant now) {
        return update("queue " + id, "UPDATE vos_job SET phase = 'QUEUED', queued_at = ? WHERE id = ? AND phase = 'PENDING'",
                now, id) == 1;
    }

    /** {@code runner} takes a QUEUED job and makes it EXECUTING; false if someone else did, or it was aborted. */
    public boolean claim(String id, String runner, Instant now) {
        return update("claim " + id, "UPDATE vos_job SET phase = 'EXECUTING', runner = ?,"
                + " started_at = COALESCE(started_at, ?) WHERE id = ? AND phase = 'QUEUED'", runner, now, id) == 1;
    }

    /** A package's URL was fetched: the job executes here (again, if it was fetched before). */
    public boolean startPackage(String id, String runner, Instant now) {
        return update("start " + id, "UPDATE vos_job SET phase = 'EXECUTING', runner = ?, ended_at = NULL,"
                + " started_at = COALESCE(started_at, ?) WHERE id = ?", runner, now, id) == 1;
    }

    /** The runner records the end; false if the job is no longer executing on it (aborted, ended for it, deleted). */
    public boolean finish(String id, String runner, Job.Outcome o, String details, Instant now) {
        UwsJob.ErrorSummary e = o.error();
        return update("finish " + id, "UPDATE vos_job SET phase = ?, ended_at = ?, results = ?, error_type = ?,"
                + " error_message = ?, details = COALESCE(?, details) WHERE id = ? AND phase = 'EXECUTING' AND runner = ?",
                o.phase().name(), now, results(o.results()), e == null ? null : e.type(), e == null ? null : e.message(),
                details, id, runner) == 1;
    }

    /** ABORT: any unfinished job ends ABORTED; false if it had ended already. */
    public boolean abort(String id, Instant now) {
        return update("abort " + id, "UPDATE vos_job SET phase = 'ABORTED', ended_at = ? WHERE id = ? AND ended_at IS NULL",
                now, id) == 1;
    }

    public boolean delete(String id) {
        return update("delete " + id, "DELETE FROM vos_job WHERE id = ?", id) == 1;
    }

    // ------------------------------------------------------------------ upkeep

    /** Runners, other than {@code me}, of jobs now EXECUTING. */
    public Set<String> otherRunners(String me) {
        Set<String> out = new java.util.HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT DISTINCT runner FROM vos_job WHERE phase = 'EXECUTING' AND runner IS NOT NULL AND runner <> ?")) {
            ps.setString(1, me);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw failed("runners", e);
        }
        return out;
    }

    /** Ends the EXECUTING jobs of a runner taken for dead with an error in words; returns how many. */
    public int endForDeadRunner(String runner, String message, Instant now) {
        return update("end jobs of " + runner, "UPDATE vos_job SET phase = 'ERROR', ended_at = ?, error_type = 'fatal',"
                + " error_message = ? WHERE phase = 'EXECUTING' AND runner = ?", now, message, runner);
    }

    /** Jobs QUEUED before {@code before} and still not claimed (their instance may have stopped). */
    public List<String> waitingSince(Instant before, int limit) {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id FROM vos_job WHERE phase = 'QUEUED' AND queued_at < ?"
                        + " ORDER BY created_at LIMIT " + limit)) {
            ps.setObject(1, utc(before));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw failed("queued jobs", e);
        }
        return out;
    }

    /** Removes finished jobs ended before {@code endedBefore} and never-run ones created before {@code createdBefore}. */
    public int sweep(Instant endedBefore, Instant createdBefore) {
        try (Connection c = dataSource.getConnection()) {
            int n = destroyNeverRun(c, createdBefore);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM vos_job WHERE ended_at < ?")) {
                ps.setObject(1, utc(endedBefore));
                return n + ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw failed("sweep", e);
        }
    }
}
