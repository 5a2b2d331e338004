package dev.devgodzilla.contracts.messages;

import java.time.Instant;

/** A worker accepted an attempt and started the agent. */
public record StepStarted(
        Integer schemaVersion,
        String eventId,
        Instant occurredAt,
        String stepId,
        int attempt,
        String agentId,
        String source,
        String workspace,
        String sandboxBackend) implements StepEvent {

    @Override
    public StepEventType type() {
        return StepEventType.STARTED;
    }
}
