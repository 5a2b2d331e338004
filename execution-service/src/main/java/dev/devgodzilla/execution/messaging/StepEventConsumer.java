package dev.devgodzilla.execution.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepStarted;
import dev.devgodzilla.execution.service.StepProgress;
import dev.devgodzilla.execution.service.StateChanges;
import dev.devgodzilla.execution.service.StepLifecycle;
import io.smallrye.mutiny.Uni;

/** Reads {@code step-events}: each event lands in the timeline and, when not stale, moves its step. */
@ApplicationScoped
public class StepEventConsumer {
    private final StepLifecycle lifecycle;
    private final StateChanges changes;
    private final StepProgress progress;

    public StepEventConsumer(StepLifecycle lifecycle, StateChanges changes, StepProgress progress) {
        this.lifecycle = lifecycle;
        this.changes = changes;
        this.progress = progress;
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
        return DurableHandling.retryingTransientFailures("step event of " + event.stepId(), () -> apply(event));
    }

    /** A start and a completion announce nothing and move a few columns: they need no whole row and no outbox. */
    private Uni<Void> apply(StepEvent event) {
        return switch (event) {
            case StepStarted started -> progress.onStarted(started);
            case StepCompleted completed -> progress.onCompleted(completed);
            default -> changes.commit(() -> lifecycle.onEvent(event));
        };
    }
}
