-- The trace context an outbox row was written in, so the record sent later continues the step's trace.
alter table outbox add column traceparent text;
