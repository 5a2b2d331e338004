package dev.devgodzilla.execution.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.messages.QaResult;
import dev.devgodzilla.execution.service.StepProgress;
import io.smallrye.mutiny.Uni;

/** Reads {@code qa-results}: the QA verdict of a completed step. */
@ApplicationScoped
public class QaResultConsumer {
    private final StepProgress events;

    public QaResultConsumer(StepProgress events) {
        this.events = events;
    }

    @Incoming(Channels.QA_RESULTS)
    public Uni<Void> consume(String payload) {
        // Deferred: a record that cannot be read fails the Uni, which sends it to the DLQ.
        return Uni.createFrom().deferred(() -> handle(payload));
    }

    private Uni<Void> handle(String payload) {
        QaResult result = Json.read(payload, QaResult.class);
        if (result.stepId() == null || result.verdict() == null) {
            return Uni.createFrom().failure(new RejectedMessageException("QA result without a stepId or verdict"));
        }
        return DurableHandling.retryingTransientFailures("QA result of " + result.stepId(),
                () -> events.onQaResult(result));
    }
}
