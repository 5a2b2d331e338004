package dev.devgodzilla.registry.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One change of an agent's configuration through the API: the fields it sets over the agent's built-in and
 * agents.yaml definition, whether the agent exists only through the API, and whether that agent was removed.
 */
@Entity
@Table(name = "agent_config_versions")
@IdClass(AgentConfigVersion.Key.class)
public class AgentConfigVersion extends PanacheEntityBase {
    @Id
    @Column(name = "agent_id")
    public String agentId;

    @Id
    public long version;

    /** A JSON object of the fields set, named as in agents.yaml. */
    public String fields;

    public boolean registered;

    public boolean removed;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "changed_by")
    public String changedBy;

    /** The primary key: an agent and one of its versions. */
    public static class Key implements Serializable {
        public String agentId;
        public long version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.agentId, agentId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(agentId, version);
        }
    }
}
