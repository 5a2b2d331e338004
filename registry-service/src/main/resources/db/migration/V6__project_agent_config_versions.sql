-- Every change of what a project sets of an agent's configuration (its steps' model, limits and sandbox
-- modes), as the fields it sets; the latest version of a project and agent is in force.
CREATE TABLE project_agent_config_versions (
    project_id VARCHAR(128) NOT NULL,
    agent_id   VARCHAR(100) NOT NULL,
    version    BIGINT       NOT NULL,
    fields     TEXT         NOT NULL,
    removed    BOOLEAN      NOT NULL DEFAULT FALSE,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by VARCHAR(200),
    PRIMARY KEY (project_id, agent_id, version)
);
