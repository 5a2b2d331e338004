package dev.devgodzilla.registry.rest;

import java.time.Instant;
import java.util.List;

import dev.devgodzilla.contracts.messages.InstalledAgent;
import dev.devgodzilla.registry.domain.Worker;
import dev.devgodzilla.registry.service.AvailabilityCalculator;

/** A live worker as {@code GET /workers} shows it. */
public record WorkerInfo(String workerId, String host, List<InstalledAgent> agents, int running, int capacity,
                         String sandboxBackend, Instant lastSeen) {

    static WorkerInfo of(Worker w) {
        return new WorkerInfo(w.workerId, w.host, AvailabilityCalculator.agentsOf(w), w.running, w.capacity,
                w.sandboxBackend, w.lastSeen);
    }
}
