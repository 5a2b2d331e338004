package dev.devgodzilla.contracts.messages;

import java.time.Instant;

/** An IDE agent was handed the step as a command file and will pick it up in the IDE. */
public record StepPending(
        Integer schemaVersion,
        String eventId,
        Instant occurredAt,
        String stepId,
        int attempt,
        String agentId,
        String source,
        String commandFile) implements StepEvent {

    @Override
    public StepEventType type() {
        return StepEventType.PENDING;
    }
}
