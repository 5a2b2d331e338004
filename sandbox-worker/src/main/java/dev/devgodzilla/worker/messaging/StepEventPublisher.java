package dev.devgodzilla.worker.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.support.messaging.BusMessages;
import dev.devgodzilla.worker.attempt.Backoff;
import dev.devgodzilla.worker.attempt.StepEventSink;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Publishes lifecycle events on {@code step-events}, keyed by step id, and gives none up: a send the broker
 * does not acknowledge is sent again with backoff (the same event id, which execution-service applies
 * once) until it is acknowledged. Only once the worker shuts down does a send get a last try, after which
 * the attempt's lease, no longer renewed, makes execution-service dispatch the step again.
 */
@ApplicationScoped
public class StepEventPublisher implements StepEventSink {
    private static final Duration ACK_LIMIT = Duration.ofSeconds(15);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final MutinyEmitter<String> emitter;
    private volatile boolean stopping;

    public StepEventPublisher(@Channel(Channels.STEP_EVENTS) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Sends {@code event} and waits until the broker has it; blocking, never on an event loop. */
    @Override
    public void publish(StepEvent event) {
        Backoff backoff = new Backoff(Duration.ofMillis(500), MAX_BACKOFF);
        for (int tries = 1; ; tries++) {
            try {
                emitter.sendMessage(BusMessages.keyed(event.stepId(), event, Channels.SOURCE))
                        .await().atMost(ACK_LIMIT);
                if (tries > 1) {
                    Log.infof("%s of step %s attempt %d published after %d tries", event.type(), event.stepId(),
                            event.attempt(), tries);
                }
                return;
            } catch (RuntimeException e) {
                if (stopping || Thread.currentThread().isInterrupted()) {
                    Log.errorf("could not publish %s of step %s attempt %d before shutdown: %s; its lease runs"
                            + " out and the step is dispatched again", event.type(), event.stepId(), event.attempt(),
                            e.getMessage());
                    return;
                }
                Log.warnf("could not publish %s of step %s attempt %d (try %d): %s; trying again in %d ms",
                        event.type(), event.stepId(), event.attempt(), tries, e.getMessage(), backoff.next().toMillis());
                if (!backoff.pause()) {
                    return;
                }
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }
}
