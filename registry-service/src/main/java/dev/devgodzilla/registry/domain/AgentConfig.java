package dev.devgodzilla.registry.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Configuration overrides of one agent, kept as a JSON object. */
@Entity
@Table(name = "agent_config")
public class AgentConfig extends PanacheEntityBase {
    @Id
    @Column(name = "agent_id")
    public String agentId;

    /** A JSON object. */
    public String config;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
