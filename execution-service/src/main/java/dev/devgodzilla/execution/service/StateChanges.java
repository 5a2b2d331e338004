package dev.devgodzilla.execution.service;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The one way a step's state changes: the change and the outbox rows announcing it commit in one
 * transaction, and only then is the relay woken to publish those rows.
 */
@ApplicationScoped
public class StateChanges {
    private final OutboxWakeUp relay;

    public StateChanges(OutboxWakeUp relay) {
        this.relay = relay;
    }

    /**
     * Runs {@code change} in a new transaction and wakes the relay once it has committed. The relay is
     * woken after every commit, whether or not the change wrote rows: an empty drain costs one query,
     * and no caller has to know which changes announce something. A change that fails rolls back and
     * wakes nothing.
     */
    public <T> Uni<T> commit(Supplier<Uni<T>> change) {
        return Panache.withTransaction(change).invoke(relay::wakeUp);
    }
}
