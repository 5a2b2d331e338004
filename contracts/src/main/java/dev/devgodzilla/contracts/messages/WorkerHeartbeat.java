package dev.devgodzilla.contracts.messages;

import java.time.Instant;
import java.util.List;

/**
 * A sandbox-worker's periodic sign of life, on {@code worker-heartbeats} keyed by {@code workerId}.
 * It tells registry-service which agents the worker can run and renews the lease of every attempt
 * in {@code running}.
 */
public record WorkerHeartbeat(
        Integer schemaVersion,
        String eventId,
        Instant occurredAt,
        String workerId,
        String host,
        List<InstalledAgent> agents,
        List<AttemptRef> running,
        int capacity,
        String sandboxBackend,
        int intervalSeconds) {

    public static final int SCHEMA_VERSION = 1;
}
