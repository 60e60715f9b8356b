package org.vosportal;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Keeps direct memory (off the heap, capped by {@code -XX:MaxDirectMemorySize}, by default the heap
 * size) from filling under sustained load. The 50-user soak at {@code -Xmx256m} filled its 256 MiB
 * in ten minutes (the embedded H2 database then closed itself and every request failed until a
 * restart) through two caches that only grow:
 * <ul>
 * <li>Netty's per-thread caches of freed buffers: the event loops' caches kept ~18,000 small
 *     buffers, each pinning a 64 KiB chunk of the pool (Quarkus' chunk size), so the pool grew by
 *     fragmentation. {@link #applyBeforeStart} turns them off (set before Netty is loaded; the pool
 *     itself stays, and the soak's use of it falls to 6-55 MiB).</li>
 * <li>The JDK's per-thread cache of the temporary direct buffers it copies heap buffers through
 *     for file I/O (the database commits on each worker thread, {@code WRITE_DELAY=0}). Its bound is
 *     read before any code of the application runs, so it must be a JVM option, {@value #FLAG}
 *     (the launchers of {@code deploy/} and {@code bench/} pass it); a start without it warns.</li>
 * </ul>
 */
@ApplicationScoped
public class DirectMemoryBounds {

    static final String PROPERTY = "jdk.nio.maxCachedBufferSize";
    static final String FLAG = "-D" + PROPERTY + "=262144";
    /** Netty's cache sizes per thread (entries per size class; 0: no cache). */
    static final String[] NETTY_CACHES = {"io.netty.allocator.smallCacheSize", "io.netty.allocator.normalCacheSize"};
    private static final Logger LOG = Logger.getLogger(DirectMemoryBounds.class);

    /** From {@code main}, before Quarkus (and Netty) start; an operator's own -D setting wins. */
    public static void applyBeforeStart() {
        for (String key : NETTY_CACHES) {
            if (System.getProperty(key) == null) {
                System.setProperty(key, "0");
            }
        }
    }

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return; // tests and dev mode: surefire passes the same settings (DirectMemoryBoundsTest)
        }
        if (!bounded()) {
            LOG.warnf("The JVM caches large direct buffers per thread without a bound (%s is not set):"
                    + " under load the direct memory fills and the embedded database stops. Start java with %s"
                    + " (deploy/README.md, 'Memory').", PROPERTY, FLAG);
        }
        if (nettyCaches() > 0) {
            LOG.warnf("Netty keeps freed buffers in per-thread caches (%s=%d): under load they pin the pool's"
                    + " chunks and direct memory fills (deploy/README.md, 'Memory').", NETTY_CACHES[0], nettyCaches());
        }
    }

    /** The entries Netty's thread caches hold per size class, as the allocator was built. */
    static int nettyCaches() {
        return io.netty.buffer.PooledByteBufAllocator.defaultSmallCacheSize()
                + io.netty.buffer.PooledByteBufAllocator.defaultNormalCacheSize();
    }

    /**
     * Whether a 1 MiB write from a heap buffer leaves no direct buffer cached in its thread:
     * measured, because the property may be set after the JDK has read it.
     */
    static boolean bounded() {
        AtomicLong cached = new AtomicLong();
        CountDownLatch written = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                Path probe = Files.createTempFile("nio-cache-probe", ".bin");
                try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.WRITE)) {
                    long before = directBytes();
                    ch.write(ByteBuffer.allocate(1 << 20));
                    cached.set(directBytes() - before); // still this thread: its cache is alive
                } finally {
                    Files.deleteIfExists(probe);
                }
            } catch (IOException e) {
                cached.set(-1);
            } finally {
                written.countDown();
            }
        }, "nio-cache-probe");
        t.start();
        try {
            written.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
        return cached.get() < (1 << 20); // another thread's allocation may blur it, never by 1 MiB exactly
    }

    private static long directBytes() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                return pool.getTotalCapacity();
            }
        }
        return 0;
    }
}
