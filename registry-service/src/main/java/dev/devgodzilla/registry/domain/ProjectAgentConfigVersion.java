package dev.devgodzilla.registry.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.agents.ProjectAgentConfig;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One change of what a project sets of an agent's configuration, or its removal. */
@Entity
@Table(name = "project_agent_config_versions")
@IdClass(ProjectAgentConfigVersion.Key.class)
public class ProjectAgentConfigVersion extends PanacheEntityBase {
    @Id
    @Column(name = "project_id")
    public String projectId;

    @Id
    @Column(name = "agent_id")
    public String agentId;

    @Id
    public long version;

    /** A JSON object of the fields set, named as in agents.yaml. */
    public String fields;

    public boolean removed;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "changed_by")
    public String changedBy;

    /** The override as the bus carries it. */
    public ProjectAgentConfig config() {
        JsonNode node = Json.read(fields, JsonNode.class);
        return new ProjectAgentConfig(ProjectAgentConfig.SCHEMA_VERSION, projectId, agentId, version, changedAt,
                node instanceof ObjectNode object ? object : null, removed);
    }

    /** The primary key: a project, an agent and one of its versions. */
    public static class Key implements Serializable {
        public String projectId;
        public String agentId;
        public long version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.projectId, projectId)
                    && Objects.equals(k.agentId, agentId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(projectId, agentId, version);
        }
    }
}
