-- What the step's attempts have spent so far, summed over every attempt that reported it (tokens are input and
-- output as the agent reports them): held against the step's budget and, summed per project and agent, the
-- project's.
alter table steps add column spent_tokens bigint not null default 0;
alter table steps add column spent_cost_usd double precision not null default 0;
alter table steps add column spent_ms bigint not null default 0;
create index steps_project_agent on steps (project_id, agent_id) where project_id is not null;
