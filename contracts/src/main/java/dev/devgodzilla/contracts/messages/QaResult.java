package dev.devgodzilla.contracts.messages;

import java.time.Instant;
import java.util.List;

/** The QA outcome of a completed step, on {@code qa-results} keyed by {@code stepId}. */
public record QaResult(
        Integer schemaVersion,
        String eventId,
        Instant occurredAt,
        String stepId,
        int attempt,
        String agentId,
        QaVerdict verdict,
        List<QaGateResult> gates,
        String summary) {

    public static final int SCHEMA_VERSION = 1;
}
