package org.vosportal.vospace;

import java.time.Instant;
import java.util.List;

/**
 * The state of a UWS job as it travels in XML ({@code <uws:job>}); written by the service, read by
 * the portal's client.
 */
public record UwsJob(String jobId, String ownerId, Phase phase, Instant creationTime, Instant startTime,
        Instant endTime, Instant destruction, List<Result> results, ErrorSummary error, String jobInfoXml) {

    public UwsJob {
        results = List.copyOf(results);
    }

    public enum Phase {
        PENDING, QUEUED, EXECUTING, COMPLETED, ERROR, ABORTED, UNKNOWN, HELD, SUSPENDED, ARCHIVED;

        /** Phases from which a job still moves on by itself. */
        public boolean isActive() {
            return this == QUEUED || this == EXECUTING;
        }

        public boolean isFinal() {
            return this == COMPLETED || this == ERROR || this == ABORTED || this == ARCHIVED;
        }
    }

    public record Result(String id, String href) {
    }

    /** {@code type} is "fatal" or "transient"; {@code message} is the fault text. */
    public record ErrorSummary(String type, String message) {
    }

    public String result(String id) {
        for (Result r : results) {
            if (r.id().equals(id)) {
                return r.href();
            }
        }
        return null;
    }
}
