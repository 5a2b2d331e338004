package dev.devgodzilla.cli;

import dev.devgodzilla.contracts.CloudEvents;
import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.StepRequest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Produces step requests the way any outside producer would: a plain Kafka producer and CloudEvents headers. */
final class StepPublisher implements AutoCloseable {
    private final KafkaProducer<String, String> producer;

    StepPublisher(String bootstrap) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000),
                new StringSerializer(), new StringSerializer());
    }

    void publish(StepRequest request) {
        var record = new ProducerRecord<>(Topics.STEP_REQUESTS, request.stepId(), Json.write(request));
        header(record, CloudEvents.SPEC_VERSION, "1.0");
        header(record, CloudEvents.ID, request.eventId());
        header(record, CloudEvents.SOURCE, "dg:cli");
        header(record, CloudEvents.TYPE, CloudEvents.typeOf(request));
        header(record, CloudEvents.SUBJECT, request.stepId());
        header(record, CloudEvents.CONTENT_TYPE, "application/json");
        try {
            producer.send(record).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new CliException("could not publish to " + Topics.STEP_REQUESTS + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
