package dev.devgodzilla.execution.service;

/**
 * Asks the outbox relay to publish what has just been committed. Declared here and implemented on the
 * messaging side, so the service layer never depends on messaging.
 */
public interface OutboxWakeUp {

    /** Starts publishing without making the caller wait; never throws. */
    void wakeUp();
}
