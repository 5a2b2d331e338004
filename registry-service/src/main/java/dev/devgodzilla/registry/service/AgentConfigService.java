package dev.devgodzilla.registry.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.registry.domain.AgentConfig;
import dev.devgodzilla.registry.repository.AgentConfigRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Stores and reads per-agent configuration overrides. */
@ApplicationScoped
public class AgentConfigService {
    private final AgentConfigRepository configs;

    public AgentConfigService(AgentConfigRepository configs) {
        this.configs = configs;
    }

    /** The stored overrides of {@code agentId}, or null when there are none. */
    public Uni<AgentConfig> find(String agentId) {
        return Panache.withSession(() -> configs.findById(agentId));
    }

    /** Replaces the overrides of {@code agentId}. */
    public Uni<AgentConfig> put(String agentId, ObjectNode config) {
        String json = Json.write(config);
        return Panache.withTransaction(() -> configs.findById(agentId).chain(existing -> {
            AgentConfig row = existing != null ? existing : new AgentConfig();
            row.agentId = agentId;
            row.config = json;
            row.updatedAt = Instant.now();
            return existing != null ? Uni.createFrom().item(row) : configs.persist(row);
        }));
    }
}
