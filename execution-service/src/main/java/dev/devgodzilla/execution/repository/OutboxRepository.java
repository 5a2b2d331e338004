package dev.devgodzilla.execution.repository;

import static dev.devgodzilla.support.sql.SqlRows.instant;
import static dev.devgodzilla.support.sql.SqlRows.utc;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.execution.domain.DeadOutboxRecord;
import dev.devgodzilla.execution.domain.OutboxRecord;
import dev.devgodzilla.support.sql.SqlRows;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Records waiting in the outbox. */
@ApplicationScoped
public class OutboxRepository {

    /** Set on a transaction's context when it adds a row, so that only such commits wake the relay. */
    private static final String ROWS_WRITTEN = "dg.outbox.rows-written";
    /** Skip locked rows: another relay (in this or another instance) is already sending them. */
    private static final String CLAIM = "select id, topic, record_key, ce_type, payload, created_at, traceparent"
            + " from outbox order by id limit $1 for update skip locked";
    private static final String ADD = "insert into outbox (topic, record_key, ce_type, payload, created_at,"
            + " traceparent) values ($1, $2, $3, $4, $5, $6)";
    private static final String SET_ASIDE = """
            insert into outbox_dead (id, topic, record_key, ce_type, payload, reason, created_at, failed_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            """;
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

    private final Pool pool;

    public OutboxRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Adds a row in the caller's transaction; it is published once that transaction has committed. Inside a unit
     * of work the insert goes with the unit's write-back ({@link UnitOfWork#later}).
     */
    public Uni<Void> add(String topic, String key, Object message) {
        if (VertxContext.isOnDuplicatedContext()) {
            // the transaction runs on this context (its unit of work lives there); its commit reads the mark
            ContextLocals.<RowsWritten>get(ROWS_WRITTEN).ifPresent(RowsWritten::mark);
        }
        OutboxRecord row = OutboxRecord.of(topic, key, message);
        return UnitOfWork.later(pool, ADD, Tuple.of(row.topic, row.recordKey, row.ceType, row.payload,
                utc(row.createdAt), row.traceparent));
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
        return client().preparedQuery(CLAIM).execute(Tuple.of(limit))
                .map(rows -> SqlRows.all(rows, OutboxRepository::record));
    }

    /** Whether this transaction is the one relay that may send now. */
    public Uni<Boolean> takeRelayTurn() {
        return client().preparedQuery(RELAY_LOCK).execute().map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Moves {@code row} to the dead rows, in the caller's transaction (which holds the row's lock). */
    public Uni<Void> setAside(DeadOutboxRecord dead, OutboxRecord row) {
        return client().preparedQuery(SET_ASIDE).execute(Tuple.from(new Object[] {dead.id, dead.topic,
                        dead.recordKey, dead.ceType, dead.payload, dead.reason, utc(dead.createdAt),
                        utc(dead.failedAt)}))
                .chain(() -> client().preparedQuery("delete from outbox where id = $1").execute(Tuple.of(row.id)))
                .replaceWithVoid();
    }

    public Uni<Backlog> backlog() {
        return client().preparedQuery(BACKLOG).execute()
                .map(rows -> SqlRows.first(rows, row -> new Backlog(row.getLong(0), row.getLong(1))));
    }

    public Uni<Integer> deleteAll(List<Long> ids) {
        return client().preparedQuery("delete from outbox where id = any($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new))).map(rows -> rows.rowCount());
    }

    private SqlClient client() {
        return UnitOfWork.client(pool);
    }

    private static OutboxRecord record(Row row) {
        OutboxRecord record = new OutboxRecord();
        record.id = row.getLong("id");
        record.topic = row.getString("topic");
        record.recordKey = row.getString("record_key");
        record.ceType = row.getString("ce_type");
        record.payload = row.getString("payload");
        record.createdAt = instant(row, "created_at");
        record.traceparent = row.getString("traceparent");
        return record;
    }
}
