-- Every attempt that ended, as its terminal step event told (one row per event id): the source of
-- GET /agents/metrics.
CREATE TABLE agent_attempts (
    event_id      VARCHAR(200) PRIMARY KEY,
    agent_id      VARCHAR(100) NOT NULL,
    step_id       VARCHAR(256) NOT NULL,
    attempt       INTEGER      NOT NULL,
    outcome       VARCHAR(40)  NOT NULL,
    duration_ms   BIGINT       NOT NULL,
    input_tokens  BIGINT,
    output_tokens BIGINT,
    cost_usd      DOUBLE PRECISION,
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX agent_attempts_agent_idx ON agent_attempts (agent_id);
