package dev.devgodzilla.contracts.agents;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.devgodzilla.contracts.Json;

/**
 * What one project changes of one agent's configuration, owned by registry-service and announced on the
 * compacted {@code agent-project-config} topic (key {@code <projectId>/<agentId>}). It applies over the agent's
 * effective configuration to the steps of that project: their model, limits and sandbox modes, decided by
 * execution-service before dispatch. Where a model endpoint, credentials or egress are is the agent's, not a
 * project's, to say.
 *
 * @param version the number of the API's latest change, 0 while there is none
 * @param fields  the fields set, named as in agents.yaml, among {@link #FIELDS}
 * @param removed the project's override was deleted: the agent's own configuration applies again
 */
public record ProjectAgentConfig(Integer schemaVersion, String projectId, String agentId, long version,
                                 Instant changedAt, ObjectNode fields, boolean removed) {
    public static final int SCHEMA_VERSION = 1;
    public static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    /** What a project may set: what execution-service decides per step. */
    public static final List<String> FIELDS = List.of("defaultModel", "defaultMode", "maxMode", "timeout",
            "idleTimeout", "maxAttempts", "backoff", "enabled", "stepBudget", "projectBudget");

    public ProjectAgentConfig {
        fields = fields == null ? Json.mapper().createObjectNode() : fields.deepCopy();
    }

    /** The record key: one override per project and agent. */
    public static String key(String projectId, String agentId) {
        return projectId + "/" + agentId;
    }

    public String key() {
        return key(projectId, agentId);
    }

    /**
     * {@code agent} as this project's steps get it.
     *
     * @throws IllegalArgumentException a field a project may not set, or a value it cannot take, named
     */
    public AgentMetadata applyTo(AgentMetadata agent) {
        if (removed || fields.isEmpty()) {
            return agent;
        }
        for (Iterator<String> names = fields.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("project '" + projectId + "' cannot set '" + name + "' of agent '"
                        + agentId + "'; a project sets " + String.join(", ", FIELDS) + " (the rest is the agent's:"
                        + " PUT /agents/" + agentId + "/config)");
            }
        }
        return AgentCatalogFile.overlay(agent, agentId, fields, "the configuration of agent '" + agentId
                + "' for project '" + projectId + "'");
    }
}
