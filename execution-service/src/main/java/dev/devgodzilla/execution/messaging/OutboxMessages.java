package dev.devgodzilla.execution.messaging;

import dev.devgodzilla.execution.domain.OutboxRecord;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * Turns an outbox row into the bus record it stands for, with no need to read its body: the same key,
 * topic, body and CloudEvents headers that {@code BusMessages.keyedTo} gives the message the row was
 * written from (a fresh {@code ce_id} and {@code ce_time}, as every send has).
 */
public final class OutboxMessages {
    private OutboxMessages() {
    }

    /** The record for {@code row}, sent by {@code source}, e.g. {@code execution-service}. */
    public static Message<String> of(OutboxRecord row, String source) {
        OutgoingCloudEventMetadata<Object> ce = OutgoingCloudEventMetadata.builder()
                .withId(UUID.randomUUID().toString())
                .withType(row.ceType)
                .withSource(URI.create("dg:" + source))
                .withSubject(row.recordKey)
                .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(row.recordKey)
                .withTopic(row.topic)
                .build();
        return Message.of(row.payload, Metadata.of(kafka, ce));
    }
}
