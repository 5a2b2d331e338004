package dev.devgodzilla.execution.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.messages.StepLogChunk;
import dev.devgodzilla.execution.repository.StepLogStore;
import io.smallrye.mutiny.Uni;

/** Reads {@code step-logs} into the store that {@code GET /steps/{id}/logs} reads and follows. */
@ApplicationScoped
public class StepLogConsumer {
    private final StepLogStore store;

    public StepLogConsumer(StepLogStore store) {
        this.store = store;
    }

    @Incoming(Channels.STEP_LOGS)
    public Uni<Void> consume(String payload) {
        // Deferred: a record that cannot be read fails the Uni, which sends it to the DLQ.
        return Uni.createFrom().deferred(() -> {
            StepLogChunk chunk = Json.read(payload, StepLogChunk.class);
            if (chunk.stepId() == null || chunk.stepId().isBlank() || chunk.attempt() < 1 || chunk.seq() < 0
                    || chunk.text() == null) {
                return Uni.createFrom().failure(new RejectedMessageException(
                        "log chunk without a stepId, an attempt, a seq or a text"));
            }
            return DurableHandling.retryingTransientFailures("log chunk of " + chunk.stepId(),
                    () -> store.append(chunk));
        });
    }
}
