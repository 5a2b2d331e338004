package dev.devgodzilla.contracts.messages;

import java.time.Instant;

/**
 * The agent could not go on without an answer or a change of the task.
 *
 * @param finalMessage the agent's whole last answer (the question is {@code reason}); null where none was named
 * @param usage        tokens and cost of the attempt, where the agent reports them
 * @param sessionId    the agent's own session, to resume it with the answer
 */
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
        ArtifactManifest artifacts,
        String finalMessage,
        TokenUsage usage,
        String sessionId) implements StepEvent {

    @Override
    public StepEventType type() {
        return StepEventType.BLOCKED;
    }
}
