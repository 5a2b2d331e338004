package dev.devgodzilla.support.messaging;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import dev.devgodzilla.contracts.CloudEvents;
import dev.devgodzilla.contracts.Json;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Builds outgoing bus records the one way the contracts require: JSON body, the business id as the
 * Kafka key, and CloudEvents binary-mode headers naming the message type and the service that sent it.
 */
public final class BusMessages {
    private BusMessages() {
    }

    /**
     * A record for an emitter of {@code String}s.
     *
     * @param key     the Kafka key ({@code stepId}, {@code agentId} or {@code workerId})
     * @param payload a contracts message
     * @param source  the sending service, e.g. {@code execution-service}
     */
    public static Message<String> keyed(String key, Object payload, String source) {
        return record(null, key, CloudEvents.typeOf(payload), Json.write(payload), source);
    }

    /** Like {@link #keyed} but to a topic chosen per record, e.g. {@code sandbox-jobs.<agentId>}. */
    public static Message<String> keyedTo(String topic, String key, Object payload, String source) {
        return record(topic, key, CloudEvents.typeOf(payload), Json.write(payload), source);
    }

    /**
     * A record of a message already written as JSON with its CloudEvents type, e.g. an outbox row: sent
     * as it was stored, without reading the body again.
     *
     * @param topic the topic, or null for the emitter's channel topic
     */
    public static Message<String> written(String topic, String key, String ceType, String json, String source) {
        return record(topic, key, ceType, json, source);
    }

    private static Message<String> record(String topic, String key, String ceType, String json, String source) {
        OutgoingCloudEventMetadata<Object> ce = OutgoingCloudEventMetadata.builder()
                .withId(UUID.randomUUID().toString())
                .withType(ceType)
                .withSource(URI.create("dg:" + source))
                .withSubject(key)
                .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        var kafka = OutgoingKafkaRecordMetadata.<String>builder().withKey(key);
        if (topic != null) {
            kafka.withTopic(topic);
        }
        return Message.of(json, Metadata.of(kafka.build(), ce));
    }
}
