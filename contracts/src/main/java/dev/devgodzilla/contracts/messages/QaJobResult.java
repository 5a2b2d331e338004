package dev.devgodzilla.contracts.messages;

import java.time.Instant;

/**
 * What a worker's sandboxed check of a {@link QaJob} found, on {@code qa-job-results}.
 *
 * @param check  the check's verdict, exit code, duration and the tail of its output
 * @param output the check's whole output as an artifact on the worker, or null when nothing ran
 */
public record QaJobResult(
        Integer schemaVersion,
        String eventId,
        Instant occurredAt,
        String jobId,
        String stepId,
        int attempt,
        String workerId,
        QaGateResult check,
        Artifact output) {

    public static final int SCHEMA_VERSION = 1;
}
