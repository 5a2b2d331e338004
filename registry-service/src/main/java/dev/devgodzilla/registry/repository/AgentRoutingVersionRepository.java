package dev.devgodzilla.registry.repository;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.registry.domain.AgentRoutingVersion;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Reads and writes the {@code agent_routing_versions} table. */
@ApplicationScoped
public class AgentRoutingVersionRepository implements PanacheRepositoryBase<AgentRoutingVersion, Long> {

    /** The version in force, or null before the first change. */
    public Uni<AgentRoutingVersion> latest() {
        return find("order by version desc").firstResult();
    }
}
