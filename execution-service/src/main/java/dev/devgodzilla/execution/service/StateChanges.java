package dev.devgodzilla.execution.service;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.execution.repository.OutboxRepository;
import dev.devgodzilla.execution.repository.OutboxRepository.RowsWritten;
import dev.devgodzilla.execution.repository.UnitOfWork;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The one way a step's state changes: the change and the outbox rows announcing it commit in one
 * transaction, and only then is the relay woken to publish those rows.
 */
@ApplicationScoped
public class StateChanges {
    private final OutboxWakeUp relay;
    private final Pool pool;

    public StateChanges(OutboxWakeUp relay, Pool pool) {
        this.relay = relay;
        this.pool = pool;
    }

    /**
     * Runs {@code change} in a new transaction (a {@link UnitOfWork}: the steps it loads and changes are written
     * back before the commit) and, once it has committed, wakes the relay if it added
     * outbox rows ({@link OutboxRepository#add} marks the transaction's context): most changes (heartbeats,
     * log chunks, a step's start) announce nothing, and an empty drain is a transaction of its own. No
     * caller has to know which changes announce something. A change that fails rolls back and wakes nothing.
     */
    public <T> Uni<T> commit(Supplier<Uni<T>> change) {
        return Uni.createFrom().deferred(() -> {
            RowsWritten rows = OutboxRepository.noteRowsWritten();
            return UnitOfWork.run(pool, change).invoke(() -> {
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
