package dev.devgodzilla.registry.rest;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.devgodzilla.contracts.agents.AgentFields;
import dev.devgodzilla.registry.service.EffectiveAgentConfig;

/**
 * An agent's configuration as {@code GET /agents/{id}/config} shows it: what every run gets ({@code effective}),
 * what the API set ({@code fields}, what a PUT replaces) and where each effective field comes from
 * ({@code built-in}, {@code agents.yaml} or {@code api}). {@code version} is 0 until the first API change.
 * {@code problem} says why the API's fields do not apply, when they were stored before they were checked.
 */
public record AgentConfigView(String agentId, long version, Instant changedAt, String changedBy,
                              ObjectNode effective, ObjectNode fields, Map<String, String> sources, String problem) {

    static AgentConfigView of(EffectiveAgentConfig config) {
        return new AgentConfigView(config.agentId(), config.version(), config.changedAt(), config.changedBy(),
                config.agent() == null ? null : AgentFields.of(config.agent()), config.fields(), config.sources(), config.problem());
    }
}
