package dev.devgodzilla.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.contracts.messages.StepCommand;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.execution.domain.OutboxRecord;
import dev.devgodzilla.execution.messaging.OutboxMessages;
import dev.devgodzilla.support.messaging.BusMessages;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * The relay sends an outbox row as written; that record must equal the one built from the message itself,
 * by reading the body back as the relay once did, in body, key, topic and every CloudEvents attribute.
 */
class OutboxMessagesTest {
    private static final String SOURCE = "execution-service";

    @Test
    void sandboxJobGoesOutAsBefore() {
        SandboxJob job = new SandboxJob(SandboxJob.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), "outbox-job", 2,
                "dummy", "model-x", "do it\n", "/work/space", SandboxMode.WORKSPACE_WRITE, 300, 120, "project", "make test", null, "code");
        assertSameRecord(Topics.jobsFor("dummy"), "outbox-job", job, SandboxJob.class);
    }

    @Test
    void stepEventGoesOutAsBefore() {
        StepFailed failed = new StepFailed(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), "outbox-event",
                1, "dummy", SOURCE, FailureCode.WORKER_LOST, "lost", null, 0, null, null, null);
        assertSameRecord(Topics.STEP_EVENTS, "outbox-event", failed, StepEvent.class);
        assertSameRecord(Topics.STEP_EVENTS, "outbox-event", TestBus.completed("outbox-event", 1), StepEvent.class);
    }

    @Test
    void stepCommandGoesOutAsBefore() {
        StepCommand cancel = new StepCommand(Ids.newEventId(), Instant.now(), "outbox-command", 3,
                StepCommand.Action.CANCEL, "cancel requested through the API");
        assertSameRecord(Topics.STEP_COMMANDS, "outbox-command", cancel, StepCommand.class);
    }

    private static void assertSameRecord(String topic, String key, Object message, Class<?> bodyType) {
        OutboxRecord row = OutboxRecord.of(topic, key, message);
        Message<String> before = BusMessages.keyedTo(topic, key, Json.read(row.payload, bodyType), SOURCE);
        Message<String> now = OutboxMessages.of(row, SOURCE);

        assertThat(now.getPayload()).isEqualTo(before.getPayload());
        OutgoingKafkaRecordMetadata<?> kafkaBefore = kafka(before);
        OutgoingKafkaRecordMetadata<?> kafkaNow = kafka(now);
        assertThat(kafkaNow.getKey()).isEqualTo(kafkaBefore.getKey()).isEqualTo(key);
        assertThat(kafkaNow.getTopic()).isEqualTo(kafkaBefore.getTopic()).isEqualTo(topic);
        assertThat(kafkaNow.getHeaders()).isEqualTo(kafkaBefore.getHeaders());

        OutgoingCloudEventMetadata<?> ceBefore = cloudEvent(before);
        OutgoingCloudEventMetadata<?> ceNow = cloudEvent(now);
        assertThat(ceNow.getType()).isEqualTo(ceBefore.getType());
        assertThat(ceNow.getSource()).isEqualTo(ceBefore.getSource());
        assertThat(ceNow.getSubject()).isEqualTo(ceBefore.getSubject());
        assertThat(ceNow.getDataContentType()).isEqualTo(ceBefore.getDataContentType());
        assertThat(ceNow.getDataSchema()).isEqualTo(ceBefore.getDataSchema());
        assertThat(ceNow.getSpecVersion()).isEqualTo(ceBefore.getSpecVersion());
        assertThat(ceNow.getExtensions()).isEqualTo(ceBefore.getExtensions());
        assertThat(ceNow.getTimeStamp()).isPresent();
        assertThat(ceNow.getId()).isNotBlank();
    }

    private static OutgoingKafkaRecordMetadata<?> kafka(Message<String> message) {
        return message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
    }

    private static OutgoingCloudEventMetadata<?> cloudEvent(Message<String> message) {
        return message.getMetadata(OutgoingCloudEventMetadata.class).orElseThrow();
    }
}
