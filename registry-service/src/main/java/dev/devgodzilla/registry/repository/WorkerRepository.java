package dev.devgodzilla.registry.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.registry.domain.Worker;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Reads and writes the {@code workers} table. */
@ApplicationScoped
public class WorkerRepository implements PanacheRepositoryBase<Worker, String> {

    // A native upsert, because two registry instances (or a redelivered heartbeat) may insert the
    // same worker at once; find-then-persist would fail one of them on the primary key.
    private static final String UPSERT = """
            INSERT INTO workers (worker_id, host, agents, running, capacity, sandbox_backend, last_seen)
            VALUES (:id, :host, :agents, :running, :capacity, :backend, :lastSeen)
            ON CONFLICT (worker_id) DO UPDATE SET host = EXCLUDED.host, agents = EXCLUDED.agents,
                running = EXCLUDED.running, capacity = EXCLUDED.capacity,
                sandbox_backend = EXCLUDED.sandbox_backend,
                last_seen = GREATEST(workers.last_seen, EXCLUDED.last_seen)
            """;

    /** Inserts or refreshes a worker; {@code last_seen} never moves backwards. Needs a transaction. */
    public Uni<Integer> upsert(Worker w) {
        return getSession().flatMap(session -> session.createNativeQuery(UPSERT)
                .setParameter("id", w.workerId)
                .setParameter("host", w.host)
                .setParameter("agents", w.agents)
                .setParameter("running", w.running)
                .setParameter("capacity", w.capacity)
                .setParameter("backend", w.sandboxBackend)
                .setParameter("lastSeen", w.lastSeen)
                .executeUpdate());
    }

    /** Workers seen at or after {@code cutoff}, by id. */
    public Uni<List<Worker>> seenSince(Instant cutoff) {
        return find("lastSeen >= ?1 order by workerId", cutoff).list();
    }

    /** Deletes workers not seen since {@code cutoff}. Needs a transaction. */
    public Uni<Long> forgetUnseenSince(Instant cutoff) {
        return delete("lastSeen < ?1", cutoff);
    }
}
