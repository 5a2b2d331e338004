package dev.devgodzilla.registry.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One version of the agent routing, as the JSON of its {@code AgentRouting} document. */
@Entity
@Table(name = "agent_routing_versions")
public class AgentRoutingVersion extends PanacheEntityBase {
    @Id
    public long version;

    public String routing;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "changed_by")
    public String changedBy;
}
