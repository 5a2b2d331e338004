package dev.devgodzilla.contracts.messages;

import java.time.Instant;

/**
 * The agent finished an attempt successfully.
 *
 * @param output       the tail of the agent's combined output (the full log is an artifact)
 * @param finalMessage the agent's final answer where its stream names one
 * @param sessionId    the agent's session or thread id, so the step can be resumed
 * @param qaCommand    the QA check the step asked for, carried over from its job (null: the QA default)
 */
public record StepCompleted(
        Integer schemaVersion,
        String eventId,
        Instant occurredAt,
        String stepId,
        int attempt,
        String agentId,
        String source,
        int exitCode,
        long durationMs,
        String output,
        String finalMessage,
        TokenUsage usage,
        String sessionId,
        String workspace,
        ArtifactManifest artifacts,
        String qaCommand) implements StepEvent {

    @Override
    public StepEventType type() {
        return StepEventType.COMPLETED;
    }
}
