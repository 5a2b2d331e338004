package dev.devgodzilla.registry.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.MalformedMessageException;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.registry.service.AttemptMetrics;
import io.smallrye.mutiny.Uni;

/** Reads {@code step-events} for the agents' metrics: each ended attempt is counted for its agent. */
@ApplicationScoped
public class StepEventConsumer {
    public static final String CHANNEL = "step-events";

    private final AttemptMetrics metrics;

    public StepEventConsumer(AttemptMetrics metrics) {
        this.metrics = metrics;
    }

    /** A record that cannot be read fails the Uni, which sends it to {@code step-events.dlq}. */
    @Incoming(CHANNEL)
    public Uni<Void> consume(String payload) {
        return Uni.createFrom().deferred(() -> {
            StepEvent event = Json.read(payload, StepEvent.class);
            if (event.stepId() == null || event.stepId().isBlank()) {
                throw new MalformedMessageException("step event without a stepId");
            }
            return metrics.record(event);
        });
    }
}
