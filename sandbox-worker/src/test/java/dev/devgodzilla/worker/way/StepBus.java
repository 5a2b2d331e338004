package dev.devgodzilla.worker.way;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.StepCommand;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepLogChunk;
import dev.devgodzilla.contracts.messages.WorkerHeartbeat;
import dev.devgodzilla.testkit.KafkaTestResource;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** The worker's topics as the hand-off tests see them: jobs and commands in, events, logs and heartbeats out. */
public final class StepBus implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(30);

    private final KafkaCompanion kafka = new KafkaCompanion(KafkaTestResource.bootstrapServers());
    private final ConsumerTask<String, String> events = kafka.consumeStrings().fromTopics(Topics.STEP_EVENTS);
    private final ConsumerTask<String, String> logs = kafka.consumeStrings().fromTopics(Topics.STEP_LOGS);
    private final ConsumerTask<String, String> heartbeats = kafka.consumeStrings()
            .fromTopics(Topics.WORKER_HEARTBEATS);

    public void send(SandboxJob job) {
        produce(Topics.jobsFor(job.agentId()), job.stepId(), Json.write(job));
    }

    /** Sends a cancel until the step reports a terminal event (the command consumer may still be joining). */
    public void cancelUntilTerminal(String stepId, int attempt) {
        StepCommand cancel = new StepCommand(Ids.newEventId(), Instant.now(), stepId, attempt,
                StepCommand.Action.CANCEL, "the user changed their mind");
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            produce(Topics.STEP_COMMANDS, stepId, Json.write(cancel));
            return events(stepId).stream().anyMatch(StepBus::terminal);
        });
    }

    public List<StepEvent> events(String stepId) {
        return of(events, stepId).stream().map(r -> Json.read(r.value(), StepEvent.class)).toList();
    }

    /** The first event of {@code type} for the attempt, waiting for it. */
    public <T extends StepEvent> T awaitEvent(String stepId, int attempt, Class<T> type) {
        return await().atMost(WAIT).until(() -> events(stepId).stream()
                        .filter(e -> e.attempt() == attempt && type.isInstance(e)).map(type::cast).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    /** The terminal event of the step, waiting for it. */
    public StepEvent awaitTerminal(String stepId) {
        return await().atMost(WAIT).until(() -> events(stepId).stream().filter(StepBus::terminal).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    public List<String> logText(String stepId) {
        return of(logs, stepId).stream().map(r -> Json.read(r.value(), StepLogChunk.class).text()).toList();
    }

    public List<WorkerHeartbeat> heartbeats() {
        return heartbeats.getRecords().stream().map(r -> Json.read(r.value(), WorkerHeartbeat.class)).toList();
    }

    public static boolean terminal(StepEvent event) {
        return switch (event.type()) {
            case COMPLETED, FAILED, BLOCKED -> true;
            case STARTED, PENDING, PICKED_UP -> false;
        };
    }

    private void produce(String topic, String key, String value) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(topic, key, value)).awaitCompletion();
    }

    private static List<ConsumerRecord<String, String>> of(ConsumerTask<String, String> task, String key) {
        return task.getRecords().stream().filter(r -> key.equals(r.key())).toList();
    }

    @Override
    public void close() {
        events.close();
        logs.close();
        heartbeats.close();
        kafka.close();
    }
}
