package dev.devgodzilla.worker.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.support.messaging.BusMessages;
import dev.devgodzilla.worker.attempt.StepEventSink;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** Publishes lifecycle events on {@code step-events}, keyed by step id. */
@ApplicationScoped
public class StepEventPublisher implements StepEventSink {
    private static final Duration ACK_LIMIT = Duration.ofSeconds(15);

    private final MutinyEmitter<String> emitter;

    public StepEventPublisher(@Channel(Channels.STEP_EVENTS) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /**
     * Sends {@code event} and waits until the broker has it, so that a terminal event is never lost to a
     * shutdown that follows right after.
     */
    @Override
    public void publish(StepEvent event) {
        try {
            emitter.sendMessage(BusMessages.keyed(event.stepId(), event, Channels.SOURCE))
                    .await().atMost(ACK_LIMIT);
        } catch (RuntimeException e) {
            Log.errorf(e, "could not publish %s of step %s attempt %d", event.type(), event.stepId(),
                    event.attempt());
        }
    }
}
