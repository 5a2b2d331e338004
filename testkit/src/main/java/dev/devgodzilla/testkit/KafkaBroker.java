package dev.devgodzilla.testkit;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A real single-node KRaft Kafka broker (combined broker and controller) running in this JVM, from
 * Apache Kafka's own test kit. Starts in about two seconds on a random port.
 */
public final class KafkaBroker implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private KafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Formats and starts a broker, and creates the layer's topics (availability compacted). */
    public static KafkaBroker start() {
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    // every topic is declared (Topics.declared), as in Kubernetes and compose: a missing one fails
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("num.partitions", "2")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            KafkaBroker broker = new KafkaBroker(cluster);
            broker.createLayerTopics();
            return broker;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Creates {@code name} with {@code partitions}, e.g. a scratch topic of a benchmark (none is made on demand). */
    public void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + name, e);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + name, e.getCause());
            }
        }
    }

    /** Creates every topic the layer declares (the built-in agents' job topics too), if missing. */
    public void createLayerTopics() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            List<NewTopic> topics = new java.util.ArrayList<>();
            for (String name : AgentCatalog.declaredTopics()) {
                topics.add(new NewTopic(name, 2, (short) 1).configs(Topics.config(name)));
            }
            for (var result : admin.createTopics(topics).values().values()) {
                try {
                    result.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topics", e.getCause());
                    }
                }
            }
        }
    }

    /**
     * Stops the broker, as an outage of the bus would: clients can no longer produce or consume; the
     * controller and the data stay. {@link #startBroker()} brings it back on the same port.
     */
    public void stopBroker() {
        cluster.brokers().values().forEach(broker -> broker.shutdown());
        cluster.brokers().values().forEach(broker -> broker.awaitShutdown());
    }

    /** Starts the broker stopped by {@link #stopBroker()} again and waits until it serves. */
    public void startBroker() {
        try {
            cluster.brokers().values().forEach(broker -> broker.startup());
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded Kafka broker again", e);
        }
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the embedded Kafka broker", e);
        }
    }
}
