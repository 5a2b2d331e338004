package dev.devgodzilla.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * One Strimzi {@code KafkaUser} per service, with ACLs for exactly the topics and groups its configuration names
 * (read, write, dead-letter), plus the few it reaches from code (below, each with its reason); and one for the
 * systems that send steps and follow them. Generated, so a channel added to a service cannot miss its grant.
 */
class KafkaUsersTest {
    private static final Path FILE = ServiceChannels.ROOT.resolve("deploy/k8s/kafka-users.yaml");
    private static final String REWRITE = "dg.write-kafka-users";
    private static final String CLIENT = "dg-client";
    private static final String KEDA = "keda";
    private static final String WORKER_GROUP = "sandbox-workers";

    /** Grants a service's configuration cannot show: topics it names from code. */
    private static final Map<String, List<Acl>> FROM_CODE = Map.of(
            // creates the job topic and its DLQ of every configured agent (AgentJobTopics)
            "registry-service", List.of(Acl.topicPrefix(Topics.SANDBOX_JOBS_PREFIX, "Create", "Describe")),
            // the outbox relay sends jobs, commands and feedback by topic (BusMessages)
            "execution-service", List.of(Acl.topicPrefix(Topics.SANDBOX_JOBS_PREFIX, "Write", "Describe"),
                    Acl.topic(Topics.STEP_COMMANDS, "Write", "Describe"),
                    Acl.topic(Topics.STEP_FEEDBACK, "Write", "Describe")),
            // reads the job topics of the agents it runs (dg.worker.consumed-job-topics) and sends a malformed job to
            // the DLQ of its topic; an ACL pattern can only be a prefix, so it covers both
            "sandbox-worker", List.of(Acl.topicPrefix(Topics.SANDBOX_JOBS_PREFIX, "Read", "Write", "Describe")));

    @Test
    void everyServiceHasAKafkaUserWithItsOwnTopicsOnly() {
        GeneratedFile.assertGenerated(FILE, kafkaUsers(), "KafkaUsersTest", REWRITE);
    }

    @Test
    void aServiceGetsNoTopicItDoesNotName() {
        Map<String, List<Acl>> users = users();
        assertThat(users.keySet()).contains("registry-service", "execution-service", "sandbox-worker", "qa-service",
                CLIENT, KEDA);
        assertThat(users.get("sandbox-worker")).contains(new Acl("group", WORKER_GROUP, "literal", Set.of("Read")));
        assertThat(topicsOf(users.get("qa-service"))).containsExactlyInAnyOrder(Topics.STEP_EVENTS,
                Topics.dlq(Topics.STEP_EVENTS), Topics.QA_JOBS, Topics.QA_JOB_RESULTS,
                Topics.dlq(Topics.QA_JOB_RESULTS), Topics.QA_RESULTS, Topics.AGENT_CONFIG,
                Topics.dlq(Topics.AGENT_CONFIG));
        assertThat(users.get("qa-service")).noneMatch(acl -> acl.name().equals(Topics.STEP_REQUESTS));
        assertThat(users.get("sandbox-worker"))
                .filteredOn(acl -> acl.name().equals(Topics.STEP_EVENTS)).singleElement()
                .satisfies(acl -> assertThat(acl.operations()).containsExactly("Describe", "Write"));
        assertThat(users.get("execution-service"))
                .anySatisfy(acl -> assertThat(acl).isEqualTo(new Acl("group", "execution-availability-", "prefix",
                        Set.of("Read"))));
    }

    private static List<String> topicsOf(List<Acl> acls) {
        return acls.stream().filter(acl -> acl.type().equals("topic")).map(Acl::name).toList();
    }

    /** Adds {@code operations} to what {@code topics} grants on each of {@code granted}. */
    private static void grant(Map<String, Set<String>> topics, Collection<String> granted, String... operations) {
        granted.forEach(t -> topics.computeIfAbsent(t, k -> new TreeSet<>()).addAll(List.of(operations)));
    }

    private static Map<String, List<Acl>> users() {
        Map<String, List<Acl>> users = new LinkedHashMap<>();
        for (ServiceChannels service : ServiceChannels.all()) {
            Map<String, Set<String>> topics = new TreeMap<>();
            grant(topics, service.reads(), "Read", "Describe");
            grant(topics, service.writes(), "Write", "Describe");
            grant(topics, service.deadLetters(), "Write", "Describe");
            List<Acl> acls = new ArrayList<>();
            topics.forEach((topic, operations) -> acls.add(new Acl("topic", topic, "literal", operations)));
            for (String group : service.groups()) {
                int placeholder = group.indexOf("${");
                // a broadcast group gets a name per instance: grant the stable part before it
                acls.add(placeholder < 0 ? new Acl("group", group, "literal", Set.of("Read"))
                        : new Acl("group", group.substring(0, placeholder), "prefix", Set.of("Read")));
            }
            acls.addAll(FROM_CODE.getOrDefault(service.service(), List.of()));
            users.put(service.service(), acls);
        }
        // planners and the dg command line: send steps, follow their events, QA, logs and feedback (by partition,
        // without a group)
        List<Acl> client = new ArrayList<>();
        client.add(Acl.topic(Topics.STEP_REQUESTS, "Write", "Describe"));
        for (String topic : List.of(Topics.STEP_EVENTS, Topics.QA_RESULTS, Topics.STEP_LOGS, Topics.STEP_FEEDBACK)) {
            client.add(Acl.topic(topic, "Read", "Describe"));
        }
        users.put(CLIENT, client);
        // KEDA's Kafka scaler reads the workers' committed offsets and the job topics' ends (worker-autoscaling.yaml)
        users.put(KEDA, List.of(Acl.topicPrefix(Topics.SANDBOX_JOBS_PREFIX, "Describe"),
                new Acl("group", WORKER_GROUP, "literal", Set.of("Describe"))));
        return users;
    }

    private static String kafkaUsers() {
        StringBuilder yaml = new StringBuilder("""
                # Generated from the services' configuration (KafkaUsersTest): one SCRAM-SHA-512 user per service, allowed
                # exactly the topics and consumer groups it uses. The User Operator writes each user's password and
                # sasl.jaas.config to a Secret of the user's name, which the service's Deployment reads.
                """);
        users().forEach((user, acls) -> {
            yaml.append("---\napiVersion: kafka.strimzi.io/v1\nkind: KafkaUser\nmetadata:\n  name: ").append(user)
                    .append("\n  labels:\n    strimzi.io/cluster: dg-kafka\nspec:\n  authentication:\n")
                    .append("    type: scram-sha-512\n  authorization:\n    type: simple\n    acls:\n");
            for (Acl acl : acls) {
                yaml.append("      - resource: {type: ").append(acl.type()).append(", name: ").append(acl.name())
                        .append(", patternType: ").append(acl.patternType()).append("}\n")
                        .append("        operations: [").append(String.join(", ", new TreeSet<>(acl.operations())))
                        .append("]\n");
            }
        });
        return yaml.toString();
    }

    /** One ACL rule of a KafkaUser. */
    record Acl(String type, String name, String patternType, Set<String> operations) {
        static Acl topic(String name, String... operations) {
            return new Acl("topic", name, "literal", new TreeSet<>(List.of(operations)));
        }

        static Acl topicPrefix(String prefix, String... operations) {
            return new Acl("topic", prefix, "prefix", new TreeSet<>(List.of(operations)));
        }
    }
}
