-- Workers as last reported by their heartbeats; a worker is live while last_seen is within the TTL.
CREATE TABLE workers (
    worker_id       VARCHAR(200) PRIMARY KEY,
    host            VARCHAR(255),
    agents          TEXT         NOT NULL,
    running         INTEGER      NOT NULL DEFAULT 0,
    capacity        INTEGER      NOT NULL DEFAULT 0,
    sandbox_backend VARCHAR(100),
    last_seen       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX workers_last_seen_idx ON workers (last_seen);

-- Per-agent configuration overrides, stored as a JSON object.
CREATE TABLE agent_config (
    agent_id   VARCHAR(100) PRIMARY KEY,
    config     TEXT         NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
