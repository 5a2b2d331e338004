package dev.devgodzilla.registry.repository;

import dev.devgodzilla.registry.domain.AgentConfig;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads and writes the {@code agent_config} table. */
@ApplicationScoped
public class AgentConfigRepository implements PanacheRepositoryBase<AgentConfig, String> {
}
