package dev.devgodzilla.registry.repository;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.registry.domain.AgentConfig;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

/** Reads and writes the {@code agent_config} table. */
@ApplicationScoped
public class AgentConfigRepository implements PanacheRepositoryBase<AgentConfig, String> {
}
