package dev.devgodzilla.execution.service;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.execution.repository.OutboxRepository;
import dev.devgodzilla.execution.repository.OutboxRepository.RowsWritten;
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
     * Runs {@code change} in a new transaction and, once it has committed, wakes the relay if it added
     * outbox rows ({@link OutboxRepository#add} marks the transaction's context): most changes (heartbeats,
     * log chunks, a step's start) announce nothing, and an empty drain is a transaction of its own. No
     * caller has to know which changes announce something. A change that fails rolls back and wakes nothing.
     */
    public <T> Uni<T> commit(Supplier<Uni<T>> change) {
        return Uni.createFrom().deferred(() -> {
            RowsWritten rows = OutboxRepository.noteRowsWritten();
            return Panache.withTransaction(change).invoke(() -> {
                if (rows == null || rows.any()) {
                    relay.wakeUp();
                }
            }).eventually(() -> {
                if (rows != null) {
                    rows.done();
                }
            });
        });
    }
}
