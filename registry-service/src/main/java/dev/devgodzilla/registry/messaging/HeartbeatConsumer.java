package dev.devgodzilla.registry.messaging;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.MalformedMessageException;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.WorkerHeartbeat;
import dev.devgodzilla.registry.config.RegistryConfig;
import dev.devgodzilla.registry.service.HeartbeatService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;

/** Consumes {@code worker-heartbeats}; unreadable records are nacked into {@code worker-heartbeats.dlq}. */
@ApplicationScoped
public class HeartbeatConsumer {
    public static final String CHANNEL = Topics.WORKER_HEARTBEATS;

    private final HeartbeatService heartbeats;
    private final RegistryConfig config;

    public HeartbeatConsumer(HeartbeatService heartbeats, RegistryConfig config) {
        this.heartbeats = heartbeats;
        this.config = config;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> record) {
        WorkerHeartbeat heartbeat;
        try {
            heartbeat = read(record.getPayload());
        } catch (MalformedMessageException e) {
            Log.warnf("unreadable heartbeat sent to the DLQ: %s", e.getMessage());
            return Uni.createFrom().completionStage(record.nack(e));
        }
        if (heartbeat.occurredAt() != null
                && heartbeat.occurredAt().isBefore(Instant.now().minus(config.workerTtl()))) {
            // A replayed old heartbeat says nothing about the worker now; it must not revive it.
            Log.debugf("stale heartbeat of %s ignored", heartbeat.workerId());
            return Uni.createFrom().completionStage(record.ack());
        }
        return heartbeats.record(heartbeat)
                .onFailure().invoke(e -> Log.warnf("could not record heartbeat of %s: %s", heartbeat.workerId(),
                        e.getMessage()))
                // The record is fine, the database was not: the next heartbeat replaces it, so no DLQ.
                .onFailure().recoverWithNull()
                .chain(() -> Uni.createFrom().completionStage(record.ack()));
    }

    static WorkerHeartbeat read(String payload) {
        WorkerHeartbeat heartbeat = Json.read(payload, WorkerHeartbeat.class);
        if (heartbeat.workerId() == null || heartbeat.workerId().isBlank()) {
            throw new MalformedMessageException("heartbeat without workerId");
        }
        return heartbeat;
    }
}
