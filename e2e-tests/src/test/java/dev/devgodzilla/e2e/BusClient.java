package dev.devgodzilla.e2e;

import dev.devgodzilla.contracts.CloudEvents;
import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepRequest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A plain Kafka producer and a recording consumer, as an outside system would use the bus: no
 * framework, only the topic contract.
 */
final class BusClient implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    /**
     * Records seen so far by topic and key, each key's in arrival order: a lookup costs the same with ten records
     * on the bus or ten thousand, so a benchmark waiting on its steps does not take CPU from the stack it measures.
     */
    private final Map<String, List<ConsumerRecord<String, String>>> seen = new ConcurrentHashMap<>();
    /** When each record was polled here ({@link System#nanoTime()}), for figures measured on one clock. */
    private final Map<ConsumerRecord<String, String>, Long> arrivals = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    BusClient(String bootstrap, List<String> topics) {
        // sent at once, as a step's hop inside the pipeline is: the round trip it measures is the broker's alone
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "0"), new StringSerializer(),
                new StringSerializer());
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(20))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        poller = Thread.ofPlatform().daemon().name("bus-client").start(this::poll);
    }

    private void poll() {
        while (running) {
            var records = consumer.poll(Duration.ofMillis(100));
            long now = System.nanoTime();
            records.forEach(record -> {
                arrivals.put(record, now);
                seen.computeIfAbsent(slot(record.topic(), record.key()), k -> new CopyOnWriteArrayList<>())
                        .add(record);
            });
            if (!records.isEmpty()) {
                synchronized (seen) {
                    seen.notifyAll();
                }
            }
        }
        consumer.close();
    }

    /** Publishes a StepRequest with CloudEvents headers, as the topic contract documents. */
    void publish(StepRequest request) throws Exception {
        producer.send(stepRequest(request)).get();
    }

    /** Like {@link #publish(StepRequest)}, in the producer's own trace: a W3C {@code traceparent} header. */
    void publish(StepRequest request, String traceparent) throws Exception {
        ProducerRecord<String, String> record = stepRequest(request);
        record.headers().add("traceparent", bytes(traceparent));
        producer.send(record).get();
    }

    private static ProducerRecord<String, String> stepRequest(StepRequest request) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.STEP_REQUESTS, request.stepId(),
                Json.write(request));
        record.headers().add(CloudEvents.SPEC_VERSION, bytes("1.0"))
                .add(CloudEvents.ID, bytes(request.eventId()))
                .add(CloudEvents.SOURCE, bytes("dg:e2e-test"))
                .add(CloudEvents.TYPE, bytes(CloudEvents.typeOf(request)));
        return record;
    }

    /** Publishes any text under any key, e.g. a record that is not a valid message. */
    void publishRaw(String topic, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    /** Publishes {@code value} under {@code key} to one given partition of {@code topic}. */
    void publishTo(String topic, int partition, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
    }

    /** How many partitions {@code topic} has. */
    int partitions(String topic) {
        return producer.partitionsFor(topic).size();
    }

    /** Records seen so far on {@code topic} under {@code key}, in arrival order. */
    List<ConsumerRecord<String, String>> records(String topic, String key) {
        return List.copyOf(seen.getOrDefault(slot(topic, key), List.of()));
    }

    /**
     * The first record on {@code topic} under {@code key} that {@code matching} accepts, waiting for it to arrive
     * (woken by each poll that brings records, not by polling here).
     */
    ConsumerRecord<String, String> awaitRecord(String topic, String key,
                                               Predicate<ConsumerRecord<String, String>> matching, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            List<ConsumerRecord<String, String>> records = seen.getOrDefault(slot(topic, key), List.of());
            for (; checked < records.size(); checked++) {
                if (matching.test(records.get(checked))) {
                    return records.get(checked);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching record on " + topic + " under " + key + " within " + timeout);
            }
            synchronized (seen) {
                if (seen.getOrDefault(slot(topic, key), List.of()).size() == checked) {
                    seen.wait(Math.max(1, left / 1_000_000));
                }
            }
        }
    }

    private static String slot(String topic, String key) {
        return topic + "/" + key; // a topic's name holds no slash
    }

    /** Values seen on {@code topic} under {@code key}, read as {@code type}. */
    <T> List<T> messages(String topic, String key, Class<T> type) {
        return records(topic, key).stream().map(r -> Json.read(r.value(), type)).toList();
    }

    /** The step events of {@code type} seen so far for {@code stepId}, in arrival order. */
    <T extends StepEvent> List<T> stepEvents(String stepId, Class<T> type) {
        return messages(Topics.STEP_EVENTS, stepId, StepEvent.class).stream()
                .filter(type::isInstance).map(type::cast).toList();
    }

    /** When {@code record} was polled here, on {@link System#nanoTime()}'s clock. */
    long arrivedAt(ConsumerRecord<String, String> record) {
        return arrivals.get(record);
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5_000);
        producer.close();
    }
}
