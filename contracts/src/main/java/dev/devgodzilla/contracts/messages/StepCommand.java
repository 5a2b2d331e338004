package dev.devgodzilla.contracts.messages;

import java.time.Instant;

/**
 * An order about a step, on {@code step-commands}, read by every worker: cancel its running attempt, complete
 * the attempt it handed to an IDE ({@code outcome} done, blocked or failed, with {@code summary} and, when
 * blocked, {@code question}), or remove its per-step workspace once it is finished (attempt 0).
 */
public record StepCommand(
        String eventId,
        Instant occurredAt,
        String stepId,
        int attempt,
        Action action,
        String reason,
        String outcome,
        String summary,
        String question) {

    public StepCommand(String eventId, Instant occurredAt, String stepId, int attempt, Action action,
                       String reason) {
        this(eventId, occurredAt, stepId, attempt, action, reason, null, null, null);
    }

    public enum Action {
        CANCEL,
        COMPLETE_IDE_STEP,
        REMOVE_WORKSPACE
    }
}
