-- Every change of the agent routing (default agent, default agent per task type, assignments by project and
-- task type) through the API, as the whole AgentRouting document; the latest version is in force.
CREATE TABLE agent_routing_versions (
    version    BIGINT PRIMARY KEY,
    routing    TEXT   NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by VARCHAR(200)
);
