package dev.devgodzilla.execution.repository;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.execution.domain.OutboxRecord;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** Records waiting in the outbox. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxRecord, Long> {

    /** Skip locked rows: another relay (in this or another instance) is already sending them. */
    private static final String CLAIM = "select * from outbox order by id limit :limit for update skip locked";

    public Uni<OutboxRecord> add(String topic, String key, Object message) {
        OutboxRecord row = new OutboxRecord();
        row.topic = topic;
        row.recordKey = key;
        row.payload = Json.write(message);
        row.createdAt = Instant.now();
        return persist(row);
    }

    /** The oldest rows, locked until the transaction ends. */
    public Uni<List<OutboxRecord>> claim(int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(CLAIM, OutboxRecord.class)
                .setParameter("limit", limit)
                .getResultList());
    }

    public Uni<Long> deleteAll(List<Long> ids) {
        return delete("id in ?1", ids);
    }
}
