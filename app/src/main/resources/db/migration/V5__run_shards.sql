-- A run's tenants split over the servers that share the database (docs/store.md "How a run is shared"): one row per
-- shard, written by the server that began the run; each shard is taken by one server through db-scheduler, which
-- records here who took it and what it found, and the beginning server merges the shards into the one stored run.
CREATE TABLE run_shards (
    run_id          BIGINT      NOT NULL REFERENCES runs (id),
    shard           INT         NOT NULL,
    tenants         TEXT        NOT NULL,            -- JSON array of the shard's customer tenant ids
    state           VARCHAR(10) NOT NULL,            -- pending | running | done | failed
    worker          VARCHAR(200),                    -- the server that took it
    started_at      TIMESTAMP WITH TIME ZONE,
    finished_at     TIMESTAMP WITH TIME ZONE,
    error           TEXT,
    assessment_json BYTEA,                           -- gzip of the shard's result JSON (formats.md §3)
    PRIMARY KEY (run_id, shard)
);
