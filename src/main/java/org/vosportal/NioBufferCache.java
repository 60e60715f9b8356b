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
 * Warns when the JVM keeps an unbounded cache of direct buffers per thread. The JDK copies every
 * heap buffer written to or read from a file through a temporary direct buffer and keeps the
 * largest ones in a cache per thread, for as long as the thread lives. With the database
 * committing on each worker thread ({@code WRITE_DELAY=0}, for durability), 50 users' uploads
 * filled the 256 MiB of direct memory of an {@code -Xmx256m} instance in a few minutes: the
 * embedded H2 database then closed itself and every request failed until a restart. The bound
 * is a JVM option read before any code of the application runs, so it cannot be set from here:
 * {@value #FLAG} (the launchers of {@code deploy/} and {@code bench/} pass it).
 */
@ApplicationScoped
public class NioBufferCache {

    static final String PROPERTY = "jdk.nio.maxCachedBufferSize";
    static final String FLAG = "-D" + PROPERTY + "=262144";
    private static final Logger LOG = Logger.getLogger(NioBufferCache.class);

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return; // tests and dev mode: surefire passes the flag; a short run never fills the cache
        }
        if (!bounded()) {
            LOG.warnf("The JVM caches large direct buffers per thread without a bound (%s is not set):"
                    + " under load the direct memory fills and the embedded database stops. Start java with %s"
                    + " (deploy/README.md, 'Memory').", PROPERTY, FLAG);
        }
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
