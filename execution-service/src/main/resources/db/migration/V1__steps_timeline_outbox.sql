-- Steps: one row per stepId, the owner of the step's state.
create table steps (
    step_id             varchar(128) primary key,
    request             text         not null,
    request_hash        varchar(64)  not null,
    agent_id            varchar(128) not null,
    model               varchar(256),
    state               varchar(32)  not null,
    attempt             integer      not null default 0,
    max_attempts        integer      not null,
    availability_checks integer      not null default 0,
    lease_expires_at    timestamp(6) with time zone,
    next_attempt_at     timestamp(6) with time zone,
    failure_code        varchar(64),
    reason              text,
    qa_verdict          varchar(32),
    created_at          timestamp(6) with time zone not null,
    updated_at          timestamp(6) with time zone not null,
    version             bigint       not null default 0
);
create index steps_state_lease on steps (state, lease_expires_at);
create index steps_state_next_attempt on steps (state, next_attempt_at);

-- Timeline: every event seen for a step, deduplicated by eventId.
create table step_events (
    id          bigserial primary key,
    step_id     varchar(128) not null,
    attempt     integer      not null,
    kind        varchar(32)  not null,
    event_id    varchar(128) not null unique,
    summary     text,
    payload     text,
    ignored     boolean      not null default false,
    occurred_at timestamp(6) with time zone,
    recorded_at timestamp(6) with time zone not null
);
create index step_events_step on step_events (step_id, recorded_at);

-- Outbox: records written in the same transaction as the state change that caused them.
create table outbox (
    id         bigserial primary key,
    topic      varchar(255) not null,
    record_key varchar(128) not null,
    payload    text         not null,
    created_at timestamp(6) with time zone not null
);
