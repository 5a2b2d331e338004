package dev.devgodzilla.contracts.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.messages.Budget;

/**
 * An agent as one flat object of the fields of {@link AgentCatalogFile#FIELDS}, the shape agents.yaml and the
 * configuration API use (limits in seconds), so the two read alike.
 */
public final class AgentFields {
    private AgentFields() {
    }

    public static ObjectNode of(AgentMetadata agent) {
        ObjectNode node = Json.mapper().valueToTree(agent);
        node.remove("id");
        node.remove("settings");
        AgentSettings s = agent.settings();
        if (s.baseUrl() != null) {
            node.put("baseUrl", s.baseUrl());
        } else {
            node.putNull("baseUrl");
        }
        node.set("credentials", Json.mapper().valueToTree(s.credentials()));
        node.set("egress", Json.mapper().valueToTree(s.egress()));
        node.set("defaultMode", Json.mapper().valueToTree(s.defaultMode()));
        node.set("maxMode", Json.mapper().valueToTree(s.maxMode()));
        node.set("timeout", Json.mapper().valueToTree(s.timeoutSeconds()));
        node.set("idleTimeout", Json.mapper().valueToTree(s.idleTimeoutSeconds()));
        node.set("maxAttempts", Json.mapper().valueToTree(s.maxAttempts()));
        node.set("backoff", Json.mapper().valueToTree(s.backoffSeconds()));
        node.put("enabled", s.isEnabled());
        node.set("stepBudget", budget(s.stepBudget()));
        node.set("projectBudget", budget(s.projectBudget()));
        return node;
    }

    /** A budget as the configuration writes it, its time in seconds; null where there is none. */
    private static JsonNode budget(Budget budget) {
        if (budget == null) {
            return NullNode.getInstance();
        }
        ObjectNode node = Json.mapper().createObjectNode();
        node.set("tokens", Json.mapper().valueToTree(budget.tokens()));
        node.set("costUsd", Json.mapper().valueToTree(budget.costUsd()));
        node.set("time", Json.mapper().valueToTree(budget.seconds()));
        return node;
    }
}
