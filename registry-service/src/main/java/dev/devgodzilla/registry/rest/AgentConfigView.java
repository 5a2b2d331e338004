package dev.devgodzilla.registry.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** An agent's configuration overrides; {@code updatedAt} is null while none were stored. */
public record AgentConfigView(String agentId, JsonNode config, Instant updatedAt) {
}
