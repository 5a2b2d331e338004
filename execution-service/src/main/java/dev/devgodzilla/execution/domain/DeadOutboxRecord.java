package dev.devgodzilla.execution.domain;

import java.time.Instant;


/** An outbox row Kafka refused for good, kept with the reason instead of blocking the rows after it. */
public class DeadOutboxRecord {
    public Long id;

    public String topic;
    public String recordKey;
    public String ceType;

    public String payload;

    public String reason;
    public Instant createdAt;
    public Instant failedAt;

    public static DeadOutboxRecord of(OutboxRecord row, String reason) {
        DeadOutboxRecord dead = new DeadOutboxRecord();
        dead.id = row.id;
        dead.topic = row.topic;
        dead.recordKey = row.recordKey;
        dead.ceType = row.ceType;
        dead.payload = row.payload;
        dead.reason = reason;
        dead.createdAt = row.createdAt;
        dead.failedAt = Instant.now();
        return dead;
    }
}
