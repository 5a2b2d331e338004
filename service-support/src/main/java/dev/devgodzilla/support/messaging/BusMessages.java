package dev.devgodzilla.support.messaging;

import dev.devgodzilla.contracts.CloudEvents;
import dev.devgodzilla.contracts.Json;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.net.URI;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

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
        OutgoingCloudEventMetadata<Object> ce = OutgoingCloudEventMetadata.builder()
                .withId(UUID.randomUUID().toString())
                .withType(CloudEvents.typeOf(payload))
                .withSource(URI.create("dg:" + source))
                .withSubject(key)
                .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key)
                .build();
        return Message.of(Json.write(payload), Metadata.of(kafka, ce));
    }

    /** Like {@link #keyed} but to a topic chosen per record, e.g. {@code sandbox-jobs.<agentId>}. */
    public static Message<String> keyedTo(String topic, String key, Object payload, String source) {
        Message<String> message = keyed(key, payload, source);
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key)
                .withTopic(topic)
                .build();
        return message.addMetadata(kafka);
    }
}
