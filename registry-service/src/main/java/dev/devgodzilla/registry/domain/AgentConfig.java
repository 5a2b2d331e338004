package dev.devgodzilla.registry.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

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
