-- Every change of an agent's configuration through the API, as the fields it sets (a JSON object); the
-- effective configuration is the built-in agent with agents.yaml applied, then the latest version's fields.
-- A YAML reload therefore never overwrites an API edit, and every edit is kept with who made it.
CREATE TABLE agent_config_versions (
    agent_id   VARCHAR(100) NOT NULL,
    version    BIGINT       NOT NULL,
    fields     TEXT         NOT NULL,
    registered BOOLEAN      NOT NULL DEFAULT FALSE,
    removed    BOOLEAN      NOT NULL DEFAULT FALSE,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by VARCHAR(200),
    PRIMARY KEY (agent_id, version)
);

-- The overrides stored before versions existed become each agent's first version.
INSERT INTO agent_config_versions (agent_id, version, fields, changed_at)
SELECT agent_id, 1, config, updated_at FROM agent_config;

DROP TABLE agent_config;
