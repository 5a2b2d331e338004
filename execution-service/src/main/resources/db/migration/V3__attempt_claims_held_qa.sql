-- The worker process that claimed the current attempt: a second claim of the same attempt is refused,
-- so a redelivered job never starts the agent again.
alter table steps add column claimed_by varchar(256);
-- A QA result that arrived before the completion of its attempt was recorded, applied once it is.
alter table steps add column held_qa_result text;
