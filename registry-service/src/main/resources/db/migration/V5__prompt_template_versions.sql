-- Every change of a prompt template through the API; the latest version of a name is in force, a removed one
-- is gone (for "default", the built-in text comes back).
CREATE TABLE prompt_template_versions (
    name        VARCHAR(64)  NOT NULL,
    version     BIGINT       NOT NULL,
    description VARCHAR(1000),
    text        TEXT         NOT NULL,
    removed     BOOLEAN      NOT NULL DEFAULT FALSE,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by  VARCHAR(200),
    PRIMARY KEY (name, version)
);
