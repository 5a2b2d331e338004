package dev.devgodzilla.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts one real KRaft broker for a Quarkus test run and points every Kafka channel at it.
 * Tests reach it through {@link #bootstrapServers()}.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
    private static volatile KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.start();
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    public static String bootstrapServers() {
        return broker.bootstrapServers();
    }
}
