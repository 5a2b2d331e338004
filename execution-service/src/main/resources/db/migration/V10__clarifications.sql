-- What a blocked step asked, and its answer: an open clarification keeps the step from being dispatched; an
-- answer sends it to a new attempt with the question and the answer in its prompt, resuming the agent's session.
create table clarifications (
    id               varchar(64)  primary key,
    step_id          varchar(128) not null,
    attempt          integer      not null,
    agent_id         varchar(100),
    question         text,
    context          text,
    suggested_action varchar(32),
    session_id       varchar(512),
    state            varchar(16)  not null,
    answer           text,
    answered_by      varchar(200),
    created_at       timestamp with time zone not null,
    answered_at      timestamp with time zone
);
create index clarifications_step on clarifications (step_id);
create index clarifications_open on clarifications (state) where state = 'OPEN';

-- The agent session the next attempt resumes, from the answered clarification.
alter table steps add column resume_session_id varchar(512);
