package dev.devgodzilla.registry.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.registry.domain.Worker;
import dev.devgodzilla.support.sql.SqlRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads and writes the {@code workers} table. */
@ApplicationScoped
public class WorkerRepository {
    // An upsert, because two registry instances (or a redelivered heartbeat) may insert the same worker at once;
    // find-then-insert would fail one of them on the primary key.
    private static final String UPSERT = """
            insert into workers (worker_id, host, agents, running, capacity, sandbox_backend, last_seen)
            values ($1, $2, $3, $4, $5, $6, $7)
            on conflict (worker_id) do update set host = excluded.host, agents = excluded.agents,
                running = excluded.running, capacity = excluded.capacity,
                sandbox_backend = excluded.sandbox_backend,
                last_seen = greatest(workers.last_seen, excluded.last_seen)
            """;
    private static final String SEEN_SINCE = "select worker_id, host, agents, running, capacity, sandbox_backend,"
            + " last_seen from workers where last_seen >= $1 order by worker_id";

    private final Pool pool;

    public WorkerRepository(Pool pool) {
        this.pool = pool;
    }

    /** Inserts or refreshes a worker; {@code last_seen} never moves backwards. */
    public Uni<Void> upsert(Worker w) {
        return pool.preparedQuery(UPSERT).execute(Tuple.from(new Object[] {w.workerId, w.host, w.agents, w.running,
                w.capacity, w.sandboxBackend, SqlRows.utc(w.lastSeen)})).replaceWithVoid();
    }

    /** Workers seen at or after {@code cutoff}, by id. */
    public Uni<List<Worker>> seenSince(Instant cutoff) {
        return pool.preparedQuery(SEEN_SINCE).execute(Tuple.of(SqlRows.utc(cutoff)))
                .map(rows -> SqlRows.all(rows, WorkerRepository::worker));
    }

    /** Deletes workers not seen since {@code cutoff}. */
    public Uni<Void> forgetUnseenSince(Instant cutoff) {
        return pool.preparedQuery("delete from workers where last_seen < $1").execute(Tuple.of(SqlRows.utc(cutoff)))
                .replaceWithVoid();
    }

    private static Worker worker(Row row) {
        Worker w = new Worker();
        w.workerId = row.getString("worker_id");
        w.host = row.getString("host");
        w.agents = row.getString("agents");
        w.running = row.getInteger("running");
        w.capacity = row.getInteger("capacity");
        w.sandboxBackend = row.getString("sandbox_backend");
        w.lastSeen = SqlRows.instant(row, "last_seen");
        return w;
    }
}
