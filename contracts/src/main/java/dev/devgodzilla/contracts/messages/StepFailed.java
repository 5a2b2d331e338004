package dev.devgodzilla.contracts.messages;

import java.time.Instant;

/**
 * An attempt (or the whole step, when raised before dispatch) failed.
 *
 * @param exitCode the agent's exit code, null when it never ran or was killed
 * @param usage    the tokens and cost the agent reported before it ended, null where it reported none (they
 *                 count towards the step's budget all the same)
 */
public record StepFailed(
        Integer schemaVersion,
        String eventId,
        Instant occurredAt,
        String stepId,
        int attempt,
        String agentId,
        String source,
        FailureCode code,
        String reason,
        Integer exitCode,
        long durationMs,
        String output,
        String workspace,
        ArtifactManifest artifacts,
        TokenUsage usage) implements StepEvent {

    /** A failure with no usage to report: the agent never ran, or said nothing of it. */
    public StepFailed(Integer schemaVersion, String eventId, Instant occurredAt, String stepId, int attempt,
                      String agentId, String source, FailureCode code, String reason, Integer exitCode,
                      long durationMs, String output, String workspace, ArtifactManifest artifacts) {
        this(schemaVersion, eventId, occurredAt, stepId, attempt, agentId, source, code, reason, exitCode, durationMs,
                output, workspace, artifacts, null);
    }

    @Override
    public StepEventType type() {
        return StepEventType.FAILED;
    }
}
