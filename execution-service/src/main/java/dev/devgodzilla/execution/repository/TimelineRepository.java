package dev.devgodzilla.execution.repository;

import static dev.devgodzilla.support.sql.SqlRows.instant;
import static dev.devgodzilla.support.sql.SqlRows.utc;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.execution.domain.TimelineEntry;
import dev.devgodzilla.support.sql.SqlRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** The timeline of each step: the {@code step_events} table. */
@ApplicationScoped
public class TimelineRepository {
    private static final String RECORD = """
            insert into step_events (step_id, attempt, kind, event_id, summary, payload, ignored, occurred_at,
                recorded_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """;
    private static final String RECORD_ONCE = RECORD + "on conflict (event_id) do nothing";

    private final Pool pool;

    public TimelineRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Boolean> seen(String eventId) {
        return UnitOfWork.client(pool).preparedQuery("select 1 from step_events where event_id = $1")
                .execute(Tuple.of(eventId)).map(rows -> rows.size() > 0);
    }

    public Uni<List<TimelineEntry>> of(String stepId) {
        return UnitOfWork.client(pool).preparedQuery("select id, step_id, attempt, kind, event_id, summary,"
                        + " payload, ignored, occurred_at, recorded_at from step_events where step_id = $1"
                        + " order by recorded_at, id")
                .execute(Tuple.of(stepId))
                .map(rows -> SqlRows.all(rows, TimelineRepository::entry));
    }

    /**
     * Adds an entry; the caller has checked {@link #seen} where the event may be redelivered. Inside a unit of work
     * it is written with the unit's write-back ({@link UnitOfWork#later}), so the unit's own reads do not see it.
     */
    public Uni<Void> record(String stepId, int attempt, String kind, String eventId, String summary,
                            String payload, Instant occurredAt, boolean ignored) {
        return UnitOfWork.later(pool, RECORD, values(stepId, attempt, kind, eventId, summary, payload, occurredAt,
                ignored));
    }

    /**
     * Adds an entry unless its event id is in the timeline already; whether it was added. The insert itself tells
     * a redelivery, so an event on every step's way needs no {@link #seen} first.
     */
    public Uni<Boolean> recordOnce(String stepId, int attempt, String kind, String eventId, String summary,
                                   String payload, Instant occurredAt, boolean ignored) {
        return insert(RECORD_ONCE, stepId, attempt, kind, eventId, summary, payload, occurredAt, ignored)
                .map(rows -> rows.rowCount() == 1);
    }

    private Uni<RowSet<Row>> insert(String statement, String stepId, int attempt, String kind, String eventId,
                                    String summary, String payload, Instant occurredAt, boolean ignored) {
        return UnitOfWork.client(pool).preparedQuery(statement).execute(values(stepId, attempt, kind, eventId, summary,
                payload, occurredAt, ignored));
    }

    /** An entry's columns as the inserts bind them. */
    private static Tuple values(String stepId, int attempt, String kind, String eventId, String summary,
                                String payload, Instant occurredAt, boolean ignored) {
        return Tuple.from(new Object[] {stepId, attempt, kind, eventId, summary, payload, ignored, utc(occurredAt),
                utc(Instant.now())});
    }

    private static TimelineEntry entry(Row row) {
        TimelineEntry entry = new TimelineEntry();
        entry.id = row.getLong("id");
        entry.stepId = row.getString("step_id");
        entry.attempt = row.getInteger("attempt");
        entry.kind = row.getString("kind");
        entry.eventId = row.getString("event_id");
        entry.summary = row.getString("summary");
        entry.payload = row.getString("payload");
        entry.ignored = row.getBoolean("ignored");
        entry.occurredAt = instant(row, "occurred_at");
        entry.recordedAt = instant(row, "recorded_at");
        return entry;
    }
}
