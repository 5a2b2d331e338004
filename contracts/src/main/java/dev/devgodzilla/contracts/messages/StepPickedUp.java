package dev.devgodzilla.contracts.messages;

import java.time.Instant;

/** The IDE agent a pending step was handed to started on it (its command file changed, or it left a marker). */
public record StepPickedUp(
        Integer schemaVersion,
        String eventId,
        Instant occurredAt,
        String stepId,
        int attempt,
        String agentId,
        String source) implements StepEvent {

    @Override
    public StepEventType type() {
        return StepEventType.PICKED_UP;
    }
}
