package dev.devgodzilla.contracts.messages;

import java.time.Instant;

/** An order to a running step, on {@code step-commands}. */
public record StepCommand(
        String eventId,
        Instant occurredAt,
        String stepId,
        int attempt,
        Action action,
        String reason) {

    public enum Action {
        CANCEL
    }
}
