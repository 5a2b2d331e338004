-- What the latest attempt that reached the agent's end reported: its last message, tokens, cost and the
-- agent's session id, as a JSON object (shown by GET /steps/{id}).
alter table steps add column usage text;
