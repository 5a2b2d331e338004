package dev.devgodzilla.execution.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;

/** Tells {@link DurableHandling} that shutdown began, before the database pool and the consumers close. */
@ApplicationScoped
class ProcessStopping {
    void onStop(@Observes ShutdownEvent event) {
        DurableHandling.processStopping();
    }
}
