package dev.devgodzilla.contracts.messages;

import java.time.Instant;
import java.util.List;

/**
 * A sandbox-worker's periodic sign of life, on {@code worker-heartbeats} keyed by {@code workerId}.
 * It tells registry-service which agents the worker can run and renews the lease of every attempt
 * in {@code running}.
 *
 * @param waiting attempts whose job this worker took and that wait for a free slot; not claimed yet, so
 *                they are still cancelled at once, but not sent to another worker while this one is heard
 *                (null from workers that do not say)
 * @param handedOver attempts this worker handed to an IDE and follows until they end: PENDING steps it holds,
 *                   so a completion posted to execution-service is routed here (null from workers that do not
 *                   say)
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
        int intervalSeconds,
        List<AttemptRef> waiting,
        List<AttemptRef> handedOver) {

    public static final int SCHEMA_VERSION = 1;

    public WorkerHeartbeat(Integer schemaVersion, String eventId, Instant occurredAt, String workerId, String host,
                           List<InstalledAgent> agents, List<AttemptRef> running, int capacity,
                           String sandboxBackend, int intervalSeconds, List<AttemptRef> waiting) {
        this(schemaVersion, eventId, occurredAt, workerId, host, agents, running, capacity, sandboxBackend,
                intervalSeconds, waiting, null);
    }
}
