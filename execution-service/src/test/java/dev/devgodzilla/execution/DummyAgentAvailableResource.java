package dev.devgodzilla.execution;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.messages.AgentAvailability;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.testkit.KafkaTestResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The embedded broker with the dummy agent already announced as available, so the service's
 * availability view knows it from its first read of the topic.
 */
public class DummyAgentAvailableResource extends KafkaTestResource {
    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        AgentAvailability dummy = new AgentAvailability(AgentAvailability.SCHEMA_VERSION, Ids.newEventId(),
                Instant.now(), AgentCatalog.DUMMY, true, List.of("test-worker"), List.of("1"), null);
        try (KafkaCompanion companion = new KafkaCompanion(bootstrapServers())) {
            companion.produceStrings()
                    .fromRecords(new ProducerRecord<>(Topics.AGENT_AVAILABILITY, AgentCatalog.DUMMY, Json.write(dummy)))
                    .awaitCompletion(Duration.ofSeconds(30));
        }
        return config;
    }
}
