package dev.devgodzilla.worker.attempt;

import dev.devgodzilla.contracts.messages.StepEvent;

/** Where attempt events go: {@code step-events}, through the messaging edge. */
public interface StepEventSink {

    /** Sends {@code event} and returns once the broker has it (or the send has failed and was logged). */
    void publish(StepEvent event);
}
