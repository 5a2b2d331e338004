package dev.devgodzilla.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.agents.AgentCatalog;

/**
 * Every topic is declared once, from {@link Topics}: the Kubernetes {@code KafkaTopic}s and the compose topic list
 * are generated from it (this test says how to write them again when they differ), and every topic any service's
 * configuration names, dead-letter topics included, is among them. Brokers create no topic on demand, so a topic
 * missing here would fail in every environment.
 */
class DeclaredTopicsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path K8S = ROOT.resolve("deploy/k8s/topics.yaml");
    private static final Path COMPOSE = ROOT.resolve("deploy/compose/topics.txt");
    private static final String REWRITE = "dg.write-topics";
    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.connector");

    @Test
    void theKubernetesTopicsAreTheDeclaredOnes() throws IOException {
        assertGenerated(K8S, kubernetesTopics());
    }

    @Test
    void theComposeTopicsAreTheDeclaredOnes() throws IOException {
        assertGenerated(COMPOSE, composeTopics());
    }

    @Test
    void everyTopicAServiceIsConfiguredWithIsDeclared() throws IOException {
        Set<String> configured = configuredTopics();
        assertThat(configured).as("topics found in the services' configuration").contains(Topics.STEP_REQUESTS,
                Topics.dlq(Topics.STEP_LOGS), Topics.JOBS_DLQ);
        assertThat(AgentCatalog.declaredTopics()).containsAll(configured);
    }

    /** Each channel's topic (its {@code topic}, else its name) and, with the DLQ strategy, its dead-letter topic. */
    private static Set<String> configuredTopics() throws IOException {
        Set<String> topics = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(ROOT, 6)) {
            files = walk.filter(p -> p.toString().contains("/src/main/resources/"))
                    .filter(p -> p.getFileName().toString().matches("(application|microprofile-config)\\.properties"))
                    .toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);
        for (Path file : files) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            }
            for (String key : properties.stringPropertyNames()) {
                Matcher channel = CHANNEL.matcher(key);
                if (!channel.matches() || !"smallrye-kafka".equals(properties.getProperty(key))) {
                    continue;
                }
                String prefix = "mp.messaging." + channel.group(1) + "." + channel.group(2) + ".";
                String topic = properties.getProperty(prefix + "topic", properties.getProperty(prefix + "topics"));
                if (topic == null) {
                    topics.add(channel.group(2));
                } else if (!topic.startsWith("${")) {
                    // a placeholder (the worker's job topics) is the agents' job topics, declared per agent
                    topics.add(topic);
                }
                if ("dead-letter-queue".equals(properties.getProperty(prefix + "failure-strategy"))) {
                    String dlq = properties.getProperty(prefix + "dead-letter-queue.topic");
                    assertThat(dlq).as(file + ": " + prefix + " dead-letter-queue.topic").isNotNull();
                    topics.add(dlq);
                }
            }
        }
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

    private static void assertGenerated(Path file, String expected) throws IOException {
        if (Boolean.getBoolean(REWRITE)) {
            Files.writeString(file, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "")
                .as(ROOT.relativize(file) + " is generated from Topics; write it again with `./mvnw -pl contracts test"
                        + " -Dtest=DeclaredTopicsTest -D" + REWRITE + "=true`")
                .isEqualTo(expected);
    }
}
