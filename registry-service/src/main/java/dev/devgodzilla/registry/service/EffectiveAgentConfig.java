package dev.devgodzilla.registry.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.agents.AgentCatalogFile;
import dev.devgodzilla.contracts.agents.AgentConfiguration;
import dev.devgodzilla.contracts.agents.AgentFields;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.registry.domain.AgentConfigVersion;

/**
 * An agent's configuration as every run gets it: the built-in definition, then agents.yaml, then the fields of
 * the latest API version. {@code sources} says per field which of the three set it.
 *
 * @param version 0 while the agent was never changed through the API
 * @param agent   the effective definition; null once an agent registered through the API was removed
 * @param fields  what the latest API version sets
 * @param problem why the latest API version's fields cannot apply (a version stored before they were checked);
 *                the agent is then its agents.yaml definition, so one bad record never breaks reading or
 *                announcing the others. Null when they apply.
 */
public record EffectiveAgentConfig(String agentId, long version, Instant changedAt, String changedBy,
                                   AgentMetadata agent, ObjectNode fields, Map<String, String> sources,
                                   boolean registered, boolean removed, String problem) {
    public static final String BUILT_IN = "built-in";
    public static final String FILE = "agents.yaml";
    public static final String API = "api";

    /**
     * @param builtIn    the agent as shipped, null for one that is not
     * @param configured the agent with agents.yaml applied, null for one that exists only through the API
     * @param latest     the latest API version, null when there is none
     */
    static EffectiveAgentConfig of(String agentId, AgentMetadata builtIn, AgentMetadata configured,
                                   AgentConfigVersion latest) {
        ObjectNode fields = latest == null ? Json.mapper().createObjectNode() : readFields(latest);
        boolean removed = latest != null && latest.removed;
        AgentMetadata agent = null;
        String problem = null;
        if (!removed) {
            try {
                agent = AgentCatalogFile.overlay(configured, agentId, fields,
                        "the configuration of agent '" + agentId + "'");
            } catch (IllegalArgumentException e) {
                agent = configured;
                problem = e.getMessage();
            }
        }
        ObjectNode applied = problem == null ? fields : Json.mapper().createObjectNode();
        return new EffectiveAgentConfig(agentId, latest == null ? 0 : latest.version,
                latest == null ? null : latest.changedAt, latest == null ? null : latest.changedBy, agent, fields,
                agent == null ? Map.of() : sources(builtIn, configured, applied),
                latest != null && latest.registered, removed, problem);
    }

    /** The record on the {@code agent-config} topic. */
    public AgentConfiguration message() {
        return new AgentConfiguration(AgentConfiguration.SCHEMA_VERSION, agentId, version, changedAt, agent, removed);
    }


    private static Map<String, String> sources(AgentMetadata builtIn, AgentMetadata configured, ObjectNode fields) {
        ObjectNode shipped = builtIn == null ? null : AgentFields.of(builtIn);
        ObjectNode file = configured == null ? null : AgentFields.of(configured);
        Map<String, String> sources = new LinkedHashMap<>();
        for (String field : AgentCatalogFile.FIELDS) {
            if (fields.has(field)) {
                sources.put(field, API);
            } else if (file == null || (shipped != null && Objects.equals(value(shipped, field), value(file, field)))) {
                sources.put(field, shipped != null ? BUILT_IN : API);
            } else {
                sources.put(field, FILE);
            }
        }
        return sources;
    }

    private static JsonNode value(ObjectNode node, String field) {
        return node.get(field);
    }

    private static ObjectNode readFields(AgentConfigVersion version) {
        JsonNode node = Json.read(version.fields, JsonNode.class);
        return node instanceof ObjectNode object ? object : Json.mapper().createObjectNode();
    }
}
