package dev.devgodzilla.contracts.agents;

import java.time.Instant;

/**
 * The effective configuration of one agent as registry-service owns it (built-in, agents.yaml and the API's
 * edits applied), on the compacted {@code agent-config} topic, key {@code agentId}. Every service applies the
 * newest version it reads; {@code removed} says an agent registered over the API was deleted.
 *
 * @param version the number of the API's latest edit of the agent, 0 where it was never edited
 */
public record AgentConfiguration(
        Integer schemaVersion,
        String agentId,
        long version,
        Instant changedAt,
        AgentMetadata agent,
        boolean removed) {

    public static final int SCHEMA_VERSION = 1;
}
