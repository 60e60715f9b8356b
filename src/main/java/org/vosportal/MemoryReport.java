package org.vosportal;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocatorMetric;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * An opt-in log line of where off-heap memory is, every {@code vospace.memory-report} (e.g.
 * {@code 10s}; off by default): the JDK's direct buffers (the pool {@code -XX:MaxDirectMemorySize}
 * caps, which Netty's pools also draw from), and the two Netty pools in use (Vert.x's, for
 * sockets, and Netty's default, for the REST layer's output buffers) with their active bytes and
 * chunks. The soak turns it on to see which of them grows.
 */
@ApplicationScoped
public class MemoryReport {

    private static final Logger LOG = Logger.getLogger(MemoryReport.class);

    @ConfigProperty(name = "vospace.memory-report")
    Optional<Duration> every;

    private ScheduledExecutorService timer;

    void onStart(@Observes StartupEvent event) {
        if (every.isEmpty() || every.get().isZero()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "memory-report");
            t.setDaemon(true);
            return t;
        });
        long ms = every.get().toMillis();
        timer.scheduleAtFixedRate(() -> LOG.info(line()), ms, ms, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    static String line() {
        StringBuilder b = new StringBuilder("memory:");
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            b.append(' ').append(pool.getName()).append('=').append(mib(pool.getMemoryUsed()))
                    .append("MiB/").append(pool.getCount());
        }
        pool(b, "vertx", io.vertx.core.buffer.impl.VertxByteBufAllocator.POOLED_ALLOCATOR);
        pool(b, "netty", PooledByteBufAllocator.DEFAULT);
        Runtime rt = Runtime.getRuntime();
        b.append(" heap=").append(mib(rt.totalMemory() - rt.freeMemory())).append("MiB threads=")
                .append(Thread.activeCount());
        return b.toString();
    }

    private static void pool(StringBuilder b, String name, ByteBufAllocator a) {
        if (!(a instanceof PooledByteBufAllocator p)) {
            return;
        }
        PooledByteBufAllocatorMetric m = p.metric();
        long active = 0;
        long allocations = 0;
        int chunks = 0;
        for (PoolArenaMetric arena : m.directArenas()) {
            active += arena.numActiveBytes();
            allocations += arena.numActiveAllocations();
            for (var list : arena.chunkLists()) {
                for (var ignored : list) {
                    chunks++;
                }
            }
        }
        b.append(' ').append(name).append("=used ").append(mib(m.usedDirectMemory())).append("MiB active ")
                .append(mib(active)).append("MiB in ").append(allocations).append(" buffers, ").append(chunks)
                .append(" chunks");
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
