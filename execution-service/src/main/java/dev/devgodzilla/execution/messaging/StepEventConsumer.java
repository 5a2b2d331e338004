package dev.devgodzilla.execution.messaging;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.execution.service.StepLifecycle;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads {@code step-events}: each event lands in the timeline and, when not stale, moves its step. */
@ApplicationScoped
public class StepEventConsumer {
    private final StepLifecycle lifecycle;
    private final OutboxRelay relay;

    public StepEventConsumer(StepLifecycle lifecycle, OutboxRelay relay) {
        this.lifecycle = lifecycle;
        this.relay = relay;
    }

    @Incoming(Channels.STEP_EVENTS)
    public Uni<Void> consume(String payload) {
        // Deferred: a record that cannot be read fails the Uni, which sends it to the DLQ.
        return Uni.createFrom().deferred(() -> handle(payload));
    }

    private Uni<Void> handle(String payload) {
        StepEvent event = Json.read(payload, StepEvent.class);
        if (event.stepId() == null || event.stepId().isBlank()) {
            return Uni.createFrom().failure(new RejectedMessageException("step event without a stepId"));
        }
        // A failure may have scheduled nothing or written a record to the outbox: let the relay look.
        return Panache.withTransaction(() -> lifecycle.onEvent(event)).invoke(relay::wakeUp);
    }
}
