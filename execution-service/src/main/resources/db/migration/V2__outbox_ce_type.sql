-- Each outbox row keeps the CloudEvents type it was written with, so the relay publishes the row as it is
-- instead of reading the body back into a message just to learn its type.
alter table outbox add column ce_type varchar(255);

-- Rows written before this column existed (normally none: the relay empties the outbox within a second)
-- get the type the relay used to derive from their topic and, for step events, the body's "type".
update outbox set ce_type = 'dev.devgodzilla.sandbox.job' where topic like 'sandbox-jobs.%';
update outbox set ce_type = 'dev.devgodzilla.step.command' where topic = 'step-commands';
update outbox set ce_type = 'dev.devgodzilla.step.' || (payload::jsonb ->> 'type')
    where topic = 'step-events' and payload::jsonb ->> 'type' in ('started', 'completed', 'failed', 'blocked', 'pending');

-- Whatever is left is a row the relay could not read and would have dropped anyway.
delete from outbox where ce_type is null;

alter table outbox alter column ce_type set not null;
