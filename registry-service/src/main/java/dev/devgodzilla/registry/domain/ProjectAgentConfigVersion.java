package dev.devgodzilla.registry.domain;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.agents.ProjectAgentConfig;

/** One change of what a project sets of an agent's configuration, or its removal. */
public class ProjectAgentConfigVersion {
    public String projectId;

    public String agentId;

    public long version;

    /** A JSON object of the fields set, named as in agents.yaml. */
    public String fields;

    public boolean removed;

    public Instant changedAt;

    public String changedBy;

    /** The override as the bus carries it. */
    public ProjectAgentConfig config() {
        JsonNode node = Json.read(fields, JsonNode.class);
        return new ProjectAgentConfig(ProjectAgentConfig.SCHEMA_VERSION, projectId, agentId, version, changedAt,
                node instanceof ObjectNode object ? object : null, removed);
    }
}
