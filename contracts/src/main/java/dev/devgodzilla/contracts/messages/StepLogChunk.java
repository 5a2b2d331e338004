package dev.devgodzilla.contracts.messages;

import java.time.Instant;

/** A piece of live output of a running attempt, on {@code step-logs}; {@code seq} orders the chunks. */
public record StepLogChunk(
        String stepId,
        int attempt,
        long seq,
        LogStream stream,
        String text,
        Instant occurredAt) {
}
