package dev.devgodzilla.registry.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.messages.WorkerHeartbeat;
import dev.devgodzilla.registry.domain.Worker;
import dev.devgodzilla.registry.repository.WorkerRepository;
import io.smallrye.mutiny.Uni;

/** Records worker heartbeats and lets the tracker react to them. */
@ApplicationScoped
public class HeartbeatService {
    private final WorkerRepository workers;
    private final AvailabilityTracker tracker;

    public HeartbeatService(WorkerRepository workers, AvailabilityTracker tracker) {
        this.workers = workers;
        this.tracker = tracker;
    }

    /** Upserts the worker as seen now, then (after commit) recomputes availability. */
    public Uni<Void> record(WorkerHeartbeat heartbeat) {
        Worker worker = new Worker();
        worker.workerId = heartbeat.workerId();
        worker.host = heartbeat.host();
        worker.agents = Json.write(heartbeat.agents() == null ? List.of() : heartbeat.agents());
        worker.running = heartbeat.running() == null ? 0 : heartbeat.running().size();
        worker.capacity = heartbeat.capacity();
        worker.sandboxBackend = heartbeat.sandboxBackend();
        // The registry's clock, not the worker's: liveness must not depend on clock skew between hosts.
        worker.lastSeen = Instant.now();
        return workers.upsert(worker).chain(tracker::refresh);
    }
}
