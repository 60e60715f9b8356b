-- Several instances (docs/ARCHITECTURE.md, "Several instances"): UWS jobs and the leases of the
-- scheduled cleanups live in the database, so any instance can list, poll, run, abort and delete
-- any job, and a cleanup runs on one instance at a time. Keep in step with ../postgresql/V7__jobs_and_leases.sql.
-- (V8 is left to another change.)

CREATE TABLE vos_job (
    id                 VARCHAR(32) PRIMARY KEY,          -- random hex
    job_list           VARCHAR(32) NOT NULL,             -- transfers | async-delete | async-setprops
    kind               VARCHAR(16) NOT NULL,             -- what work it runs (JobKind)
    owner_key          VARCHAR(255) NOT NULL,            -- the user, '' for anonymous callers
    caller_groups      VARCHAR(1000000),                             -- the owner's groups, one a line
    groups_valid_until TIMESTAMP(3) WITH TIME ZONE,      -- when the token vouching for them expires
    spec               VARCHAR(1000000),                             -- the work's parameters (JobKind)
    job_info           VARCHAR(1000000),                             -- the submitted document, when small enough
    phase              VARCHAR(16) NOT NULL,
    created_at         TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    queued_at          TIMESTAMP(3) WITH TIME ZONE,
    started_at         TIMESTAMP(3) WITH TIME ZONE,
    ended_at           TIMESTAMP(3) WITH TIME ZONE,      -- set exactly when the phase is final
    results            VARCHAR(1000000),                             -- "id<TAB>href" lines
    error_type         VARCHAR(16),
    error_message      VARCHAR(1000000),
    details            VARCHAR(1000000),                             -- the negotiated transfer document
    runner             VARCHAR(200)                      -- the instance lease name of whoever runs it
);

-- a user's jobs, oldest first (caps, forgetting the oldest finished); unfinished and expired jobs
CREATE INDEX vos_job_owner ON vos_job (owner_key, created_at);
CREATE INDEX vos_job_phase ON vos_job (phase, created_at);
CREATE INDEX vos_job_ended ON vos_job (ended_at);

-- A lease: who holds the name until when. Taken with one conditional UPDATE (free, expired or
-- already ours) or, for a name never taken, one INSERT; "instance:<id>" rows are the heartbeats of
-- the running instances (a job whose runner's lease ran out is ended with an error).
CREATE TABLE vos_lease (
    name   VARCHAR(200) PRIMARY KEY,
    holder VARCHAR(200) NOT NULL,
    until  TIMESTAMP(3) WITH TIME ZONE NOT NULL
);
