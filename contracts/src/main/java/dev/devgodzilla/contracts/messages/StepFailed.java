package dev.devgodzilla.contracts.messages;

import java.time.Instant;

/**
 * An attempt (or the whole step, when raised before dispatch) failed.
 *
 * @param exitCode the agent's exit code, null when it never ran or was killed
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
        ArtifactManifest artifacts) implements StepEvent {

    @Override
    public StepEventType type() {
        return StepEventType.FAILED;
    }
}
