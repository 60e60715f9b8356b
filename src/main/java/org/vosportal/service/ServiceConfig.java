package org.vosportal.service;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Configuration of the embedded VOSpace service ({@code vospace.service.*}). */
@ConfigMapping(prefix = "vospace.service")
public interface ServiceConfig {

    /** Absolute public base URL of the service; every Location and endpoint is built from it. */
    @WithDefault("http://127.0.0.1:8080/vault")
    String baseUrl();

    /** Authority of node URIs ({@code vos://opencadc.org~vault/...}); '!' is accepted on input. */
    @WithDefault("opencadc.org~vault")
    String authority();

    /** Directory for the database (H2 default), blobs and temporary uploads (H2 needs "./" or absolute). */
    @WithDefault("./data")
    String dataDir();

    /** Authority used when the service writes group URIs ({@code ivo://opencadc.org/gms?team}). */
    @WithDefault("ivo://opencadc.org/gms")
    String groupAuthority();

    /**
     * Authorities whose group URIs grant membership ({@code ivo://opencadc.org/gms}); a group URI
     * of any other authority matches nobody. Default: {@link #groupAuthority()} and
     * {@code ivo://cadc.nrc.ca/gms}, the authority {@code vchmod} always writes.
     */
    Optional<java.util.List<String>> acceptedGroupAuthorities();

    /** Quota given to each new home container. */
    @WithDefault("10G")
    MemorySize homeQuota();

    /** Quota for particular users' homes, overriding {@link #homeQuota()} ({@code home-quotas.alice=1T}). */
    java.util.Map<String, MemorySize> homeQuotas();

    /** HMAC secret for pre-authorised URLs; generated and kept in the data directory when absent. */
    Optional<String> preauthSecret();

    /** Lifetime of the pre-authorised URLs handed out by transfer negotiation. */
    @WithDefault("PT1H")
    Duration preauthTtl();

    /**
     * Lifetime of pre-authorised upload (PUT) URLs, whatever the client asks: a write grant is
     * checked when the URL is issued, so a short life bounds how long a revoked writer keeps it.
     * An upload transaction begun in time may still be finished after it.
     */
    @WithDefault("PT15M")
    Duration preauthPutTtl();

    /** Longest lifetime a client may ask for a share link. */
    @WithDefault("P7D")
    Duration preauthMaxTtl();

    /** Largest XML document accepted in a request. */
    @WithDefault("262144")
    int maxXmlBytes();

    /** How long finished UWS jobs are kept before they are forgotten. */
    @WithDefault("PT24H")
    Duration jobRetention();

    /** Upload transactions ({@code x-put-txn-op: start}) one user may have open at once. */
    @WithDefault("8")
    int maxOpenUploadTransactions();

    /** Remove temporary uploads and unreferenced blobs at start-up (off while the consistency check runs). */
    @WithDefault("true")
    boolean sweepAtStart();

    // ---- Bounded resources (docs/SECURITY.md "Bounded resources") ----------------------------

    /** Largest form body (URL-encoded or multipart) accepted anywhere but the upload routes. */
    @WithDefault("65536")
    int maxFormBytes();

    /** UWS job limits ({@code vospace.service.jobs.*}). */
    Jobs jobs();

    /** Minimum rates of the byte streams ({@code vospace.service.rates.*}). */
    Rates rates();

    /** Where file bytes are kept ({@code vospace.service.blob.*}). */
    Blob blob();

    interface Blob {
        /** {@code local}: files under the data directory; {@code s3}: an S3-compatible object store. */
        @WithDefault("local")
        String backend();

        /**
         * The start-up sweep removes what interrupted uploads left once older than this. Zero (one
         * instance: nothing is in progress at its start); instances sharing one store set it above
         * the upload idle limit (a day), so one starting does not drop another's uploads.
         */
        @WithDefault("0s")
        Duration temporaryMaxAge();

        /** The start-up sweep looks for unreferenced blobs committed this long before (the crash window). */
        @WithDefault("7d")
        Duration orphanWindow();

        /** Blobs younger than this are never orphans yet: another instance may be committing their node. */
        @WithDefault("1m")
        Duration orphanGrace();

        /**
         * How often one of the running instances sweeps while others run (the start-up sweep is
         * skipped then): what puts left once older than a day and an hour (never an upload still
         * in progress), and orphans in two passes {@link #sweepConfirmAfter} apart.
         */
        @WithDefault("6h")
        Duration sweepEvery();

        /** How long an unreferenced blob must stay unreferenced before the periodic sweep deletes it. */
        @WithDefault("10m")
        Duration sweepConfirmAfter();

        S3 s3();
    }

    interface S3 {
        /** The S3 API's URL (MinIO, Ceph RGW, s3proxy); empty: AWS's own endpoint for the region. */
        Optional<String> endpoint();

        @WithDefault("us-east-1")
        String region();

        @WithDefault("vospace")
        String bucket();

        /** Keys are {@code {prefix}blobs/{hour}/{id}}; a prefix lets several services share a bucket. */
        Optional<String> prefix();

        /** Access key; absent: the SDK's default credential chain (environment, profile, instance role). */
        Optional<String> accessKey();

        Optional<String> secretKey();

        /** Path-style URLs ({@code endpoint/bucket/key}), which most S3-compatible servers want. */
        @WithDefault("true")
        boolean pathStyle();

        /** Downloads answer 303 to a presigned S3 URL, so the bytes do not pass through this service. */
        @WithDefault("false")
        boolean presignedDownloads();

        /** The S3 URL clients are sent to for presigned downloads, when it differs from {@link #endpoint}. */
        Optional<String> publicEndpoint();

        /** Multipart part size: also the most a put holds in its local spool file at once. */
        @WithDefault("8M")
        MemorySize partSize();

        /** Create the bucket at start when it does not exist. */
        @WithDefault("true")
        boolean createBucket();
    }

    interface Jobs {
        /** Jobs not yet finished (PENDING, QUEUED, EXECUTING, SUSPENDED) one user may have. */
        @WithDefault("100")
        int maxLivePerUser();

        /** Jobs not yet finished, all users together. */
        @WithDefault("2000")
        int maxLive();

        /** Jobs kept per user, finished ones included; the oldest finished are forgotten first. */
        @WithDefault("1000")
        int maxStoredPerUser();

        /** Jobs kept, all users together; the oldest finished are forgotten first. */
        @WithDefault("20000")
        int maxStored();

        /** A job still PENDING or SUSPENDED (never run) after this long is destroyed. */
        @WithDefault("PT1H")
        Duration pendingExpiry();

        /** Largest job document (jobInfo) kept with a job; a larger one is not kept. */
        @WithDefault("16384")
        int maxJobInfoBytes();

        /** Error summaries are cut to this many characters. */
        @WithDefault("1024")
        int maxMessageChars();

        /** Requests waiting in UWS {@code WAIT} at once, all users together; more answer at once. */
        @WithDefault("1000")
        int maxWaiters();

        /** Requests one user may have waiting in UWS {@code WAIT} at once; more answer at once. */
        @WithDefault("20")
        int maxWaitersPerUser();

        /** How often waiting requests (UWS {@code WAIT}) look for a change of phase in the database. */
        @WithDefault("PT0.25S")
        Duration waitPoll();

        /** How often finished jobs past their retention and never-run jobs past their expiry are removed. */
        @WithDefault("PT1M")
        Duration sweepEvery();
    }

    interface Rates {
        /** An upload body that delivers fewer bytes than this in {@link #window()} is cut (408). */
        @WithDefault("65536")
        long uploadMinBytes();

        /** The period over which the upload rate is measured; a package write blocked this long is cut. */
        @WithDefault("PT30S")
        Duration window();
    }
    // ---- end bounded resources -----------------------------------------------------------------

    /** Several instances sharing the database ({@code vospace.service.cluster.*}; docs/ARCHITECTURE.md). */
    Cluster cluster();

    interface Cluster {
        /** How often an instance renews its lease ({@code vos_lease} row {@code instance:<id>}). */
        @WithDefault("PT10S")
        Duration heartbeat();

        /**
         * An instance whose lease was not renewed for this long is taken for dead: the jobs it was
         * running end in ERROR, and the jobs it had queued are run by another instance.
         */
        @WithDefault("PT1M")
        Duration instanceTimeout();
    }
}
