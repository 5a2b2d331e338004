package dev.devgodzilla.contracts.messages;

import java.time.Instant;
import java.util.List;

/**
 * Whether an agent can run now, on the compacted {@code agent-availability} topic keyed by
 * {@code agentId}; the latest record per agent is the truth.
 *
 * @param workers  ids of the live workers that have the agent
 * @param versions the versions those workers report
 * @param reason   why it is unavailable, with how to install it
 */
public record AgentAvailability(
        Integer schemaVersion,
        String eventId,
        Instant occurredAt,
        String agentId,
        boolean available,
        List<String> workers,
        List<String> versions,
        String reason) {

    public static final int SCHEMA_VERSION = 1;
}
