package org.vosportal.service.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;
import org.vosportal.service.jobs.JobService;
import org.vosportal.service.store.NodeStore;

/**
 * What the service counts beyond Quarkus' own HTTP metrics ({@code /q/metrics}, Prometheus):
 * bytes stored and served, uploads in progress, the UWS job queue, the bytes in storage and the
 * homes' quota use ({@link QuotaGauges}).
 * Requests, their status and duration per route come from Quarkus ({@code http_server_requests}).
 */
@Startup
@ApplicationScoped
public class ServiceMetrics {

    private final Counter bytesIn;
    private final Counter bytesOut;
    private final AtomicInteger uploads = new AtomicInteger();
    /** Held here: Micrometer keeps a gauge's object only weakly. */
    private final QuotaGauges quotaGauges;

    @Inject
    public ServiceMetrics(MeterRegistry registry, JobService jobs, NodeStore store) {
        bytesIn = Counter.builder("vospace.content.in").baseUnit("bytes")
                .description("bytes of file content stored (uploads and upload segments)").register(registry);
        bytesOut = Counter.builder("vospace.content.out").baseUnit("bytes")
                .description("bytes of file content answered to downloads (whole files and ranges)").register(registry);
        Gauge.builder("vospace.uploads.active", uploads, AtomicInteger::get)
                .description("uploads (and upload segments) whose bytes are arriving").register(registry);
        Gauge.builder("vospace.jobs.live", jobs, JobService::live)
                .description("UWS jobs created and not yet ended").register(registry);
        Gauge.builder("vospace.jobs.waiting", jobs, JobService::waiting)
                .description("requests waiting on a job (UWS WAIT)").register(registry);
        Gauge.builder("vospace.stored.bytes", store, s -> s.root().length()).baseUnit("bytes")
                .description("bytes of file content in the tree (the root's length)").register(registry);
        quotaGauges = new QuotaGauges(store);
        quotaGauges.register(registry);
    }

    /** Counts an upload while it runs: {@code try (var t = metrics.upload()) { … }}. */
    public Active upload() {
        uploads.incrementAndGet();
        return uploads::decrementAndGet;
    }

    public void stored(long bytes) {
        bytesIn.increment(bytes);
    }

    /** Counts a download answered with {@code bytes} of content (counted when the answer is made). */
    public void served(long bytes) {
        bytesOut.increment(bytes);
    }

    /** A transfer in progress; closing it ends it. */
    public interface Active extends AutoCloseable {
        @Override
        void close();
    }
}
