-- The prompt rendered from the step's template when it was received, so every attempt gets the same prompt
-- whatever the template became since; null for steps received before templates (their request is rendered).
alter table steps add column prompt text;
