package dev.devgodzilla.cli;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.QaResult;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepLogChunk;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads what happens to one step from the bus as it happens: its events, its QA result and,
 * optionally, its live output. Positions are taken before the step is submitted, so nothing is missed.
 */
final class StepFollower implements AutoCloseable {
    /** Something that happened to the step. */
    sealed interface Update permits EventUpdate, QaUpdate, LogUpdate {
    }

    record EventUpdate(StepEvent event) implements Update {
    }

    record QaUpdate(QaResult result) implements Update {
    }

    record LogUpdate(StepLogChunk chunk) implements Update {
    }

    private final KafkaConsumer<String, String> consumer;
    private final String stepId;

    /**
     * @param fromStart read the topics from their beginning (following an existing step) instead of
     *                  from now (following a step about to be submitted)
     */
    StepFollower(String bootstrap, String stepId, boolean withLogs, boolean fromStart) {
        this.stepId = stepId;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        List<String> topics = withLogs ? List.of(Topics.STEP_EVENTS, Topics.QA_RESULTS, Topics.STEP_LOGS)
                : List.of(Topics.STEP_EVENTS, Topics.QA_RESULTS);
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(15))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        if (fromStart) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position); // resolve the positions now, before anything is produced
    }

    /** Hands every update of the step to {@code sink} until {@code done} says so or {@code deadline} passes. */
    boolean follow(Consumer<Update> sink, java.util.function.Predicate<Update> done, Instant deadline) {
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (!stepId.equals(record.key())) {
                    continue;
                }
                Update update = read(record);
                if (update == null) {
                    continue;
                }
                sink.accept(update);
                if (done.test(update)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Update read(ConsumerRecord<String, String> record) {
        try {
            return switch (record.topic()) {
                case Topics.STEP_EVENTS -> new EventUpdate(Json.read(record.value(), StepEvent.class));
                case Topics.QA_RESULTS -> new QaUpdate(Json.read(record.value(), QaResult.class));
                case Topics.STEP_LOGS -> new LogUpdate(Json.read(record.value(), StepLogChunk.class));
                default -> null;
            };
        } catch (RuntimeException e) {
            return null; // not ours to judge: the services route unreadable records to their DLQs
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
