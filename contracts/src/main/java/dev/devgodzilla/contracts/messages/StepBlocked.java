package dev.devgodzilla.contracts.messages;

import java.time.Instant;

/** The agent could not go on without an answer or a change of the task. */
public record StepBlocked(
        Integer schemaVersion,
        String eventId,
        Instant occurredAt,
        String stepId,
        int attempt,
        String agentId,
        String source,
        String reason,
        String context,
        FeedbackAction suggestedAction,
        long durationMs,
        String output,
        String workspace,
        ArtifactManifest artifacts) implements StepEvent {

    @Override
    public StepEventType type() {
        return StepEventType.BLOCKED;
    }
}
