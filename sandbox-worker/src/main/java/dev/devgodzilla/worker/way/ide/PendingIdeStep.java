package dev.devgodzilla.worker.way.ide;

import java.time.Instant;

/** A tracked IDE step that has not ended yet, as listed by {@code GET /ide-steps}. */
public record PendingIdeStep(String stepId, int attempt, String agentId, IdeStatus status, String commandFile,
                             Instant handedOverAt, Instant pickedUpAt, Instant deadline) {
}
