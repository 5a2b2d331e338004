package dev.devgodzilla.contracts.messages;

import java.time.Instant;

/**
 * The agent finished an attempt successfully.
 *
 * @param output       the tail of the agent's combined output (the full log is an artifact)
 * @param finalMessage the agent's final answer where its stream names one
 * @param sessionId    the agent's session or thread id, so the step can be resumed
 * @param qaCommand    the QA check the step asked for, carried over from its job (null: the QA default)
 * @param qaCheckJobId the QA job ({@link QaJob#idFor}) the worker started for that check as the attempt completed,
 *                     whose answer it sends unasked; null where it started none, and QA sends the job
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
        String qaCommand,
        String qaCheckJobId) implements StepEvent {

    /** This event, naming {@code jobId} as the check its worker started (null: none). */
    public StepCompleted withQaCheckJobId(String jobId) {
        return new StepCompleted(schemaVersion, eventId, occurredAt, stepId, attempt, agentId, source, exitCode,
                durationMs, output, finalMessage, usage, sessionId, workspace, artifacts, qaCommand, jobId);
    }

    @Override
    public StepEventType type() {
        return StepEventType.COMPLETED;
    }
}
