-- The live output of every attempt, as the worker sent it on step-logs: GET /steps/{id}/logs reads it and
-- follows it. A chunk read twice (a redelivery) is stored once.
create table step_log_chunks (
    step_id     varchar(128) not null,
    attempt     integer      not null,
    seq         bigint       not null,
    stream      varchar(16)  not null,
    text        text         not null,
    occurred_at timestamp with time zone,
    primary key (step_id, attempt, seq)
);
