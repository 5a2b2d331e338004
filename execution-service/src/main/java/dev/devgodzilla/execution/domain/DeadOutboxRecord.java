package dev.devgodzilla.execution.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An outbox row Kafka refused for good, kept with the reason instead of blocking the rows after it. */
@Entity
@Table(name = "outbox_dead")
public class DeadOutboxRecord {
    @Id
    public Long id;

    public String topic;

    @Column(name = "record_key")
    public String recordKey;

    @Column(name = "ce_type")
    public String ceType;

    public String payload;

    public String reason;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "failed_at")
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
