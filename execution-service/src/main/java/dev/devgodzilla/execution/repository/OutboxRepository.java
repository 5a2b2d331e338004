package dev.devgodzilla.execution.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.execution.domain.DeadOutboxRecord;
import dev.devgodzilla.execution.domain.OutboxRecord;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;

/** Records waiting in the outbox. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxRecord, Long> {

    /** Set on a transaction's context when it adds a row, so that only such commits wake the relay. */
    private static final String ROWS_WRITTEN = "dg.outbox.rows-written";
    /** Skip locked rows: another relay (in this or another instance) is already sending them. */
    private static final String CLAIM = "select * from outbox order by id limit :limit for update skip locked";
    /**
     * One relay at a time across all instances, for the length of its transaction: two relays sending
     * batches side by side could send a step's later record before its earlier one.
     */
    private static final String RELAY_LOCK = "select pg_try_advisory_xact_lock(7301186)";

    /** The database's clock, so that a row's age does not depend on this instance's. */
    private static final String BACKLOG = "select count(*), coalesce(cast(extract(epoch from (now() - min(created_at)))"
            + " * 1000 as bigint), 0) from outbox";

    /** How many rows wait, and the age of the oldest in milliseconds (0 when none waits). */
    public record Backlog(long rows, long oldestAgeMs) {
    }

    /** Adds a row in the caller's transaction; it is published once that transaction has committed. */
    public Uni<OutboxRecord> add(String topic, String key, Object message) {
        if (VertxContext.isOnDuplicatedContext()) {
            // the transaction runs on this context (its session lives there); its commit reads the mark
            ContextLocals.<RowsWritten>get(ROWS_WRITTEN).ifPresent(RowsWritten::mark);
        }
        return persist(OutboxRecord.of(topic, key, message));
    }

    /**
     * Starts noting whether the transaction beginning on this context adds rows; null when it cannot be noted,
     * which callers take as "it may have": off a duplicated context, or inside another transaction (its rows
     * commit with the outer one, whose note goes on counting them).
     */
    public static RowsWritten noteRowsWritten() {
        if (!VertxContext.isOnDuplicatedContext() || ContextLocals.get(ROWS_WRITTEN).isPresent()) {
            return null;
        }
        RowsWritten rows = new RowsWritten();
        ContextLocals.put(ROWS_WRITTEN, rows);
        return rows;
    }

    /** Whether a transaction added outbox rows. */
    public static final class RowsWritten {
        private volatile boolean written;

        private RowsWritten() {
        }

        void mark() {
            written = true;
        }

        public boolean any() {
            return written;
        }

        /** Ends the note once its transaction has ended, so the next one on this context starts afresh. */
        public void done() {
            if (VertxContext.isOnDuplicatedContext()
                    && ContextLocals.<RowsWritten>get(ROWS_WRITTEN).orElse(null) == this) {
                ContextLocals.remove(ROWS_WRITTEN);
            }
        }
    }

    /** The oldest rows, locked until the transaction ends. */
    public Uni<List<OutboxRecord>> claim(int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(CLAIM, OutboxRecord.class)
                .setParameter("limit", limit)
                .getResultList());
    }

    /** Whether this transaction is the one relay that may send now. */
    public Uni<Boolean> takeRelayTurn() {
        return Panache.getSession().chain(session -> session.createNativeQuery(RELAY_LOCK, Boolean.class)
                .getSingleResult());
    }

    /** Moves {@code row} to the dead rows, in the caller's transaction. */
    public Uni<Void> setAside(DeadOutboxRecord dead, OutboxRecord row) {
        return Panache.getSession().chain(session -> session.persist(dead))
                .chain(() -> delete("id", row.id)).replaceWithVoid();
    }

    public Uni<Backlog> backlog() {
        return Panache.getSession().chain(session -> session.createNativeQuery(BACKLOG, Object[].class)
                .getSingleResult())
                .map(row -> new Backlog(((Number) row[0]).longValue(), ((Number) row[1]).longValue()));
    }

    public Uni<Long> deleteAll(List<Long> ids) {
        return delete("id in ?1", ids);
    }
}
