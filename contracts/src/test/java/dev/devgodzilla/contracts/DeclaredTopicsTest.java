package dev.devgodzilla.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.agents.AgentCatalog;

/**
 * Every topic is declared once, from {@link Topics}: the Kubernetes {@code KafkaTopic}s and the compose topic list
 * are generated from it (this test says how to write them again when they differ), and every topic any service's
 * configuration names, dead-letter topics included, is among them. Brokers create no topic on demand, so a topic
 * missing here would fail in every environment.
 */
class DeclaredTopicsTest {
    private static final Path ROOT = ServiceChannels.ROOT;
    private static final Path K8S = ROOT.resolve("deploy/k8s/topics.yaml");
    private static final Path COMPOSE = ROOT.resolve("deploy/compose/topics.txt");
    private static final String REWRITE = "dg.write-topics";

    @Test
    void theKubernetesTopicsAreTheDeclaredOnes() {
        assertGenerated(K8S, kubernetesTopics());
    }

    @Test
    void theComposeTopicsAreTheDeclaredOnes() {
        assertGenerated(COMPOSE, composeTopics());
    }

    @Test
    void everyTopicAServiceIsConfiguredWithIsDeclared() {
        Set<String> configured = configuredTopics();
        assertThat(configured).as("topics found in the services' configuration").contains(Topics.STEP_REQUESTS,
                Topics.dlq(Topics.STEP_LOGS), Topics.JOBS_DLQ);
        assertThat(AgentCatalog.declaredTopics()).containsAll(configured);
    }

    /** Each channel's topic and, with the DLQ strategy, its dead-letter topic, in every service. */
    private static Set<String> configuredTopics() {
        List<ServiceChannels> services = ServiceChannels.all();
        assertThat(services).extracting(ServiceChannels::service).contains("registry-service", "execution-service",
                "sandbox-worker", "qa-service");
        Set<String> topics = new TreeSet<>();
        services.forEach(service -> topics.addAll(service.topics()));
        return topics;
    }

    private static String kubernetesTopics() {
        StringBuilder yaml = new StringBuilder("""
                # Generated from contracts' Topics (DeclaredTopicsTest): every topic of the layer, the job topic of each
                # built-in agent included. Brokers create no topic on demand; registry-service creates the job topics of
                # agents added by configuration.
                """);
        for (String topic : AgentCatalog.declaredTopics()) {
            yaml.append("---\napiVersion: kafka.strimzi.io/v1\nkind: KafkaTopic\nmetadata:\n  name: ")
                    .append(topic.replace('.', '-')).append("\n  labels:\n    strimzi.io/cluster: dg-kafka\nspec:\n")
                    .append("  topicName: ").append(topic).append("\n  partitions: ").append(Topics.partitions(topic))
                    .append("\n  replicas: 3\n");
            Map<String, String> config = new TreeMap<>(Topics.config(topic));
            if (!config.isEmpty()) {
                yaml.append("  config:\n");
                config.forEach((k, v) -> yaml.append("    ").append(k).append(": \"").append(v).append("\"\n"));
            }
        }
        return yaml.toString();
    }

    private static String composeTopics() {
        StringBuilder text = new StringBuilder("# Generated from contracts' Topics (DeclaredTopicsTest): "
                + "name partitions [config=value ...], read by create-topics.sh\n");
        for (String topic : AgentCatalog.declaredTopics()) {
            List<String> fields = new ArrayList<>(List.of(topic, Integer.toString(Topics.partitions(topic))));
            new TreeMap<>(Topics.config(topic)).forEach((k, v) -> fields.add(k + "=" + v));
            text.append(String.join(" ", fields)).append('\n');
        }
        return text.toString();
    }

    private static void assertGenerated(Path file, String expected) {
        GeneratedFile.assertGenerated(file, expected, "DeclaredTopicsTest", REWRITE);
    }
}
