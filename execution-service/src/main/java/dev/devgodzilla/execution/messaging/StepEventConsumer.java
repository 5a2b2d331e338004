package dev.devgodzilla.execution.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepStarted;
import dev.devgodzilla.execution.service.StartAndQaEvents;
import dev.devgodzilla.execution.service.StateChanges;
import dev.devgodzilla.execution.service.StepLifecycle;
import io.smallrye.mutiny.Uni;

/** Reads {@code step-events}: each event lands in the timeline and, when not stale, moves its step. */
@ApplicationScoped
public class StepEventConsumer {
    private final StepLifecycle lifecycle;
    private final StateChanges changes;
    private final StartAndQaEvents startAndQa;

    public StepEventConsumer(StepLifecycle lifecycle, StateChanges changes, StartAndQaEvents startAndQa) {
        this.lifecycle = lifecycle;
        this.changes = changes;
        this.startAndQa = startAndQa;
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
        // a start announces nothing and moves two columns: it needs neither the ORM nor the outbox
        return DurableHandling.retryingTransientFailures("step event of " + event.stepId(),
                event instanceof StepStarted started ? () -> startAndQa.onStarted(started)
                        : () -> changes.commit(() -> lifecycle.onEvent(event)));
    }
}
