-- The worker whose slot the current attempt's job waits for: it is not claimed yet, but that worker's
-- heartbeats keep its lease, so it is not sent to another worker while that one is heard.
alter table steps add column waiting_on varchar(256);
