package dev.devgodzilla.execution;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.AttemptRef;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.QaResult;
import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepStarted;
import dev.devgodzilla.contracts.messages.TokenUsage;
import dev.devgodzilla.contracts.messages.WorkerHeartbeat;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tests' side of the bus: produces records as producers and workers would, and keeps one reader per
 * topic from the beginning, so every test can look up the records of its own step by key.
 */
final class TestBus {
    static final String WORKER = "test-worker";
    private static KafkaCompanion companion;
    private static final Map<String, ConsumerTask<String, String>> READERS = new ConcurrentHashMap<>();

    private TestBus() {
    }

    static synchronized KafkaCompanion companion() {
        if (companion == null) {
            String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
            companion = new KafkaCompanion(bootstrap);
        }
        return companion;
    }

    static void send(String topic, String key, Object message) {
        sendRaw(topic, key, Json.write(message));
    }

    static void sendRaw(String topic, String key, String value) {
        companion().produceStrings().fromRecords(new ProducerRecord<>(topic, key, value))
                .awaitCompletion(Duration.ofSeconds(10));
    }

    /** Records on {@code topic} keyed {@code key}, read from the start of the topic. */
    static List<ConsumerRecord<String, String>> records(String topic, String key) {
        return READERS.computeIfAbsent(topic, t -> companion().consumeStrings()
                        .withGroupId("test-" + t + "-" + Ids.newEventId())
                        .withOffsetReset(OffsetResetStrategy.EARLIEST)
                        .fromTopics(t))
                .getRecords().stream().filter(r -> key.equals(r.key())).toList();
    }

    static List<SandboxJob> jobs(String stepId) {
        return records(Topics.jobsFor("dummy"), stepId).stream()
                .map(r -> Json.read(r.value(), SandboxJob.class)).toList();
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static StepStarted started(String stepId, int attempt) {
        return new StepStarted(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), stepId, attempt, "dummy",
                WORKER, null, "none");
    }

    static StepCompleted completed(String stepId, int attempt) {
        return new StepCompleted(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), stepId, attempt, "dummy",
                WORKER, 0, 42, "done", "done", new TokenUsage(1200, 340, 100, 0.0125), "session-" + stepId, null, null,
                null, null);
    }

    static QaResult qa(String stepId, int attempt, QaVerdict verdict) {
        return new QaResult(QaResult.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), stepId, attempt, "dummy",
                verdict, List.of(), "gates " + verdict);
    }

    static WorkerHeartbeat heartbeat(String stepId, int attempt) {
        return heartbeatSent(stepId, attempt, Instant.now());
    }

    /** A heartbeat of a worker running attempt {@code attempt} of the step, as it was sent at {@code sentAt}. */
    static WorkerHeartbeat heartbeatSent(String stepId, int attempt, Instant sentAt) {
        return new WorkerHeartbeat(WorkerHeartbeat.SCHEMA_VERSION, Ids.newEventId(), sentAt, WORKER,
                "localhost", List.of(), List.of(new AttemptRef(stepId, attempt)), 1, "none", 1, List.of());
    }

    /** A heartbeat of a full worker whose next job, attempt {@code attempt} of the step, waits for a slot. */
    static WorkerHeartbeat waitingHeartbeat(String stepId, int attempt) {
        return new WorkerHeartbeat(WorkerHeartbeat.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), WORKER,
                "localhost", List.of(), List.of(), 1, "none", 1, List.of(new AttemptRef(stepId, attempt)));
    }
}
