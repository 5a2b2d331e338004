-- The project of the step's request, so its agent is looked up with the project's configuration of it.
alter table steps add column project_id varchar(256);
