package org.vosportal.service.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.vosportal.service.ServiceConfig;

/**
 * This instance among the ones sharing the database: its name (the {@code runner} of the jobs it
 * runs), its heartbeat (the lease {@code instance:<name>}, renewed every
 * {@code vospace.service.cluster.heartbeat}), and {@link #once}: the gate that lets a scheduled
 * cleanup run on one instance per period instead of on every one.
 */
@ApplicationScoped
public class ThisInstance {

    private static final Logger LOG = Logger.getLogger(ThisInstance.class);
    public static final String INSTANCE_PREFIX = "instance:";

    @Inject
    ServiceDatabase database;

    @Inject
    ServiceConfig config;

    @Inject
    MeterRegistry registry;

    private final String name = INSTANCE_PREFIX + host() + ":" + ProcessHandle.current().pid() + ":" + suffix();
    private final Map<String, Counter> runs = new ConcurrentHashMap<>();
    private volatile Leases leases;

    private static String suffix() {
        byte[] b = new byte[4];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String host() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            return h.length() > 100 ? h.substring(0, 100) : h;
        } catch (java.io.IOException e) {
            return "host";
        }
    }

    /** The lease name of this instance, e.g. {@code instance:web-1:4711:9f3a01bc}. */
    public String name() {
        return name;
    }

    public Leases leases() {
        Leases l = leases;
        if (l == null) {
            l = new Leases(database.dataSource());
            leases = l;
        }
        return l;
    }

    void start(@Observes StartupEvent ev) {
        heartbeat();
        LOG.infof("this instance is %s", name);
    }

    @Scheduled(every = "${vospace.service.cluster.heartbeat:PT10S}", delayed = "${vospace.service.cluster.heartbeat:PT10S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        Instant now = Instant.now();
        try {
            leases().take(name, name, now, now.plus(config.cluster().instanceTimeout()));
        } catch (RuntimeException e) {
            LOG.warnf("heartbeat not recorded: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        try {
            leases().release(name, name);
        } catch (RuntimeException e) {
            LOG.debugf("lease not released: %s", e.getMessage());
        }
    }

    /** Whether another instance's heartbeat is current: another process shares the database now. */
    /** Whether no other instance can share this database at all (one only this process can open). */
    public boolean alone() {
        return database.singleProcess();
    }

    public boolean othersAlive() {
        if (database.singleProcess()) {
            return false;
        }
        return leases().running(INSTANCE_PREFIX, name, Instant.now()) > 0;
    }

    /** Whether the instance {@code runner} (a {@link #name()}) is alive as far as its heartbeat tells. */
    public boolean alive(String runner) {
        if (name.equals(runner)) {
            return true;
        }
        return !database.singleProcess() && leases().holder(runner, Instant.now()) != null;
    }

    /**
     * True on the one instance that gets to run the scheduled task {@code task} now: it takes the
     * lease {@code task:<task>} for three quarters of the task's period, so the other instances,
     * whose schedules fire within the same period, find it taken and skip, and the next period's
     * first caller finds it free again. Counted in {@code vospace.scheduled.runs{task}}.
     */
    public boolean once(String task, Duration period) {
        Instant now = Instant.now();
        boolean mine;
        try {
            mine = leases().take("task:" + task, name, now, now.plus(period.multipliedBy(3).dividedBy(4)));
        } catch (RuntimeException e) {
            LOG.warnf("scheduled %s skipped: %s", task, e.getMessage());
            return false;
        }
        if (mine) {
            runs.computeIfAbsent(task, t -> Counter.builder("vospace.scheduled.runs").tag("task", t)
                    .description("scheduled cleanups run by this instance").register(registry)).increment();
        }
        return mine;
    }
}
