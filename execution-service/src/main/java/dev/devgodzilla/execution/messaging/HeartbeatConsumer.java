package dev.devgodzilla.execution.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.messages.AttemptRef;
import dev.devgodzilla.contracts.messages.WorkerHeartbeat;
import dev.devgodzilla.execution.bus.BusWatch;
import dev.devgodzilla.execution.service.StateChanges;
import dev.devgodzilla.execution.service.StepLifecycle;
import io.smallrye.mutiny.Uni;

/** Reads {@code worker-heartbeats} to keep the leases of running attempts alive. */
@ApplicationScoped
public class HeartbeatConsumer {
    private final StepLifecycle lifecycle;
    private final StateChanges changes;
    private final BusWatch bus;

    public HeartbeatConsumer(StepLifecycle lifecycle, StateChanges changes, BusWatch bus) {
        this.lifecycle = lifecycle;
        this.changes = changes;
        this.bus = bus;
    }

    @Incoming(Channels.WORKER_HEARTBEATS)
    public Uni<Void> consume(String payload) {
        // Deferred: a record that cannot be read fails the Uni, which sends it to the DLQ.
        return Uni.createFrom().deferred(() -> handle(payload));
    }

    private Uni<Void> handle(String payload) {
        WorkerHeartbeat heartbeat = Json.read(payload, WorkerHeartbeat.class);
        List<AttemptRef> running = heartbeat.running() == null ? List.of() : heartbeat.running();
        List<AttemptRef> waiting = heartbeat.waiting() == null ? List.of() : heartbeat.waiting();
        List<AttemptRef> handedOver = heartbeat.handedOver() == null ? List.of() : heartbeat.handedOver();
        if (running.isEmpty() && waiting.isEmpty() && handedOver.isEmpty()) {
            bus.heartbeatApplied();
            return Uni.createFrom().voidItem();
        }
        // Counted once its renewals are committed: the sweeper's grace after a restart starts from there, so
        // a slow first transaction (a cold pool, a loaded machine) cannot let a renewed lease expire.
        return DurableHandling.retryingTransientFailures("heartbeat of " + heartbeat.workerId(),
                        () -> changes.commit(() -> lifecycle.onHeartbeat(heartbeat.workerId(),
                                heartbeat.occurredAt(), running, waiting, handedOver)))
                .invoke(bus::heartbeatApplied);
    }
}
