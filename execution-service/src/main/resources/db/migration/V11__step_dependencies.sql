-- Which steps a step waits for (the step ids among its request's dependencies): it stays WAITING until each
-- has passed QA, and fails with DEPENDENCY_FAILED when one fails, is cancelled or never arrives.
create table step_dependencies (
    step_id    varchar(128) not null,
    depends_on varchar(128) not null,
    primary key (step_id, depends_on)
);
create index step_dependencies_depends_on on step_dependencies (depends_on);
