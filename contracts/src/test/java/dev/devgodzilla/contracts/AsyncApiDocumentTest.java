package dev.devgodzilla.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.devgodzilla.contracts.TopicMessages.Carried;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.contracts.messages.StepBlocked;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepRequestValidator;

/**
 * {@code docs/asyncapi.yaml} describes the bus as the contracts define it: a channel per declared topic (one
 * parameterised channel for the agents' job topics), who sends and receives what, the CloudEvents headers, and a
 * JSON Schema of every record made by reflection over its components. It is generated here and must equal the
 * committed file (this test writes it again with {@code -Ddg.write-asyncapi=true}), so a new field, message or
 * topic fails the build until the document follows. The other tests read the committed file and hold it, and the
 * hand-kept parts below (who sends what, the servers), to the code and configuration they describe.
 */
class AsyncApiDocumentTest {
    private static final Path ROOT = ServiceChannels.ROOT;
    private static final Path FILE = ROOT.resolve("docs/asyncapi.yaml");
    private static final String REWRITE = "dg.write-asyncapi";
    private static final String KAFKA_BINDING = "0.5.0";
    private static final String LOCAL_BOOTSTRAP = "localhost:9092";
    private static final String KUBERNETES_BOOTSTRAP = "dg-kafka-kafka-bootstrap:9093";
    /** One channel for every agent's job topic, one for their DLQs: agent ids have no '.', so neither is mistaken. */
    private static final String JOBS_ADDRESS = Topics.jobsFor("{agentId}");
    private static final String JOBS_DLQ_ADDRESS = Topics.dlq(JOBS_ADDRESS);
    /** What registry-service accepts as an agent id; the job channel's parameter stands for one. */
    private static final String AGENT_ID = "[a-z0-9][a-z0-9-]*";
    private static final String JSON = "application/json";

    private static final String EXECUTION = "execution-service";
    private static final String WORKER = "sandbox-worker";
    private static final String QA = "qa-service";
    private static final String REGISTRY = "registry-service";
    private static final String CLI = "cli";
    /** The Quarkus services, whose channels their application.properties (and service-support's) configure. */
    private static final List<String> SERVICES = List.of(EXECUTION, WORKER, QA, REGISTRY);

    /**
     * The components validation insists on; every other one may be left out (null fields are not written). Only
     * StepRequest has a validator; no record has a null check or validation annotation.
     */
    private static final Map<Class<?>, List<String>> REQUIRED = Map.of(StepRequest.class, List.of("stepId", "task"));

    /** What each topic is for, from Topics; key, compaction and dead-letter topic are added from the contracts. */
    private static final Map<String, String> PURPOSE = Map.ofEntries(
            Map.entry(Topics.STEP_REQUESTS, "Steps submitted by producers (a planner, `dg step submit`, any Kafka"
                    + " producer); a stepId is run once however often it is sent."),
            Map.entry(JOBS_ADDRESS, "One attempt of a step, for the workers that can run agent `{agentId}`;"
                    + " `attempt` fences the events of stale attempts. The built-in agents' job topics are declared,"
                    + " registry-service creates those of agents added by agents.yaml or its API."),
            Map.entry(Topics.STEP_EVENTS, "Lifecycle events of the attempts of steps; the body's `type` (and"
                    + " `ce_type`) says which."),
            Map.entry(Topics.STEP_LOGS, "Live output of running attempts, in chunks that `seq` orders."),
            Map.entry(Topics.STEP_COMMANDS, "Orders about a step, read by every worker: cancel its attempt, complete"
                    + " its IDE hand-off, remove its finished workspace."),
            Map.entry(Topics.STEP_FEEDBACK, "Blocked steps that their planner, outside the layer, must re-specify or"
                    + " re-plan."),
            Map.entry(Topics.WORKER_HEARTBEATS, "Each sandbox worker's sign of life: the agents it has and the"
                    + " attempts it runs, whose leases it renews."),
            Map.entry(Topics.AGENT_AVAILABILITY, "Whether each agent can run now, from registry-service."),
            Map.entry(Topics.AGENT_CONFIG, "The effective configuration of each agent, from registry-service; every"
                    + " service applies the newest version it reads."),
            Map.entry(Topics.AGENT_PROJECT_CONFIG, "What a project changes of an agent's configuration, from"
                    + " registry-service."),
            Map.entry(Topics.AGENT_ROUTING, "Which agent runs a step that names none, from registry-service."),
            Map.entry(Topics.PROMPT_TEMPLATES, "The prompt templates, from registry-service."),
            Map.entry(Topics.QA_RESULTS, "The QA verdict of a completed step, from qa-service."),
            Map.entry(Topics.QA_JOBS, "Check commands for the worker that holds a step's workspace; every worker"
                    + " reads every one and runs its own."),
            Map.entry(Topics.QA_JOB_RESULTS, "What the workers' sandboxed checks found."));

    /** One service sending to or receiving from a topic; {@code only} narrows the topic's messages. */
    private record Flow(String service, String action, String topic, List<Class<?>> only) {
        String key() {
            return service + " " + action + " " + topic;
        }
    }

    /**
     * Who sends and receives what, read from the producers and consumers; a service's dead-letter sends follow
     * from what it receives. {@link #theFlowsAreTheServicesChannels} holds this to the services' configuration.
     */
    private static final List<Flow> FLOWS = List.of(
            receives(EXECUTION, Topics.STEP_REQUESTS), receives(EXECUTION, Topics.STEP_EVENTS),
            receives(EXECUTION, Topics.STEP_LOGS), receives(EXECUTION, Topics.WORKER_HEARTBEATS),
            receives(EXECUTION, Topics.QA_RESULTS), receives(EXECUTION, Topics.AGENT_AVAILABILITY),
            receives(EXECUTION, Topics.AGENT_CONFIG), receives(EXECUTION, Topics.AGENT_PROJECT_CONFIG),
            receives(EXECUTION, Topics.AGENT_ROUTING), receives(EXECUTION, Topics.PROMPT_TEMPLATES),
            sends(EXECUTION, JOBS_ADDRESS),
            // the failures it raises itself, and the ends of IDE hand-offs that no worker holds
            sends(EXECUTION, Topics.STEP_EVENTS, StepCompleted.class, StepFailed.class, StepBlocked.class),
            sends(EXECUTION, Topics.STEP_COMMANDS), sends(EXECUTION, Topics.STEP_FEEDBACK),
            receives(WORKER, JOBS_ADDRESS), receives(WORKER, Topics.STEP_COMMANDS), receives(WORKER, Topics.QA_JOBS),
            receives(WORKER, Topics.AGENT_CONFIG),
            sends(WORKER, Topics.STEP_EVENTS), sends(WORKER, Topics.STEP_LOGS), sends(WORKER, Topics.WORKER_HEARTBEATS),
            sends(WORKER, Topics.QA_JOB_RESULTS),
            receives(QA, Topics.STEP_EVENTS), receives(QA, Topics.QA_JOB_RESULTS), receives(QA, Topics.AGENT_CONFIG),
            sends(QA, Topics.QA_JOBS), sends(QA, Topics.QA_RESULTS),
            receives(REGISTRY, Topics.WORKER_HEARTBEATS), receives(REGISTRY, Topics.STEP_EVENTS),
            receives(REGISTRY, Topics.AGENT_CONFIG),
            sends(REGISTRY, Topics.AGENT_AVAILABILITY), sends(REGISTRY, Topics.AGENT_CONFIG),
            sends(REGISTRY, Topics.AGENT_PROJECT_CONFIG), sends(REGISTRY, Topics.AGENT_ROUTING),
            sends(REGISTRY, Topics.PROMPT_TEMPLATES),
            sends(CLI, Topics.STEP_REQUESTS), receives(CLI, Topics.STEP_EVENTS), receives(CLI, Topics.QA_RESULTS),
            receives(CLI, Topics.STEP_LOGS));

    /** execution-service's outbox channel sends each row to the row's own topic, which no property names. */
    private static final Set<String> OUTBOX_TOPICS = Set.of(JOBS_ADDRESS, Topics.STEP_COMMANDS, Topics.STEP_FEEDBACK);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                    .disable(YAMLGenerator.Feature.SPLIT_LINES)
                    .build())
            .build();

    @Test
    void theCommittedDocumentIsTheGeneratedOne() throws IOException {
        Map<String, Object> document = document();
        String expected = "# Generated from contracts by AsyncApiDocumentTest; do not edit. Write it again with\n"
                + "# `./mvnw -pl contracts test -Dtest=AsyncApiDocumentTest -D" + REWRITE + "=true`.\n"
                + YAML.writeValueAsString(document);
        // what is written reads back as what was meant (quoting of '1.0', '#/...' and the like)
        assertThat(YAML.readTree(expected).toString()).isEqualTo(YAML.valueToTree(document).toString());
        if (Boolean.getBoolean(REWRITE)) {
            Files.createDirectories(FILE.getParent());
        }
        GeneratedFile.assertGenerated(FILE, expected, "AsyncApiDocumentTest", REWRITE);
    }

    @Test
    void everyDeclaredTopicIsAChannel() throws IOException {
        JsonNode channels = committed().path("channels");
        List<String> fixed = new ArrayList<>();
        List<Pattern> parameterised = new ArrayList<>();
        channels.forEach(c -> {
            String address = c.path("address").asText();
            if (address.contains("{")) {
                parameterised.add(Pattern.compile(Arrays.stream(address.split("\\{\\w+}", -1))
                        .map(Pattern::quote).reduce((a, b) -> a + AGENT_ID + b).orElseThrow()));
            } else {
                fixed.add(address);
            }
        });
        // the catalogue's agents and one added by configuration: each has its job topic
        List<String> agents = new ArrayList<>(AgentCatalog.all().stream().map(AgentMetadata::id).toList());
        agents.add("my-agent");
        List<String> declared = Topics.declared(agents);
        for (String topic : declared) {
            long channelsOfTopic = (fixed.contains(topic) ? 1 : 0)
                    + parameterised.stream().filter(p -> p.matcher(topic).matches()).count();
            assertThat(channelsOfTopic).as("channels of %s has for topic %s", ROOT.relativize(FILE), topic)
                    .isEqualTo(1);
        }
        assertThat(declared).as("every channel of %s is a declared topic", ROOT.relativize(FILE))
                .containsAll(fixed);
        assertThat(parameterised).as("the job topics' channel and their DLQs'").hasSize(2);
    }

    @Test
    void everyRecordsComponentsAreInItsSchema() throws IOException {
        JsonNode schemas = committed().path("components").path("schemas");
        for (Class<?> record : reachableRecords()) {
            JsonNode schema = schemas.path(schemaName(record));
            assertThat(schema.isObject()).as("a schema of %s", record.getName()).isTrue();
            List<String> properties = new ArrayList<>();
            schema.path("properties").fieldNames().forEachRemaining(properties::add);
            assertThat(properties).as("the schema of %s in %s", record.getName(), ROOT.relativize(FILE))
                    .containsAll(Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList());
        }
    }

    @Test
    void whatJsonWritesOfEveryMessageFitsItsSchema() throws IOException {
        JsonNode document = committed();
        JsonNode messages = document.path("components").path("messages");
        for (TopicMessages topic : carriers()) {
            for (Carried carried : topic.messages()) {
                String id = messageId(carried, topic);
                JsonNode payload = messages.path(id).path("payload");
                assertThat(payload.isObject()).as("message %s of %s", id, topic.topic()).isTrue();
                List<String> problems = new ArrayList<>();
                validate(Json.mapper().valueToTree(sample(carried.record())), payload, document, id, problems);
                assertThat(problems).as("a %s with every field set, against %s", carried.record().getSimpleName(),
                        ROOT.relativize(FILE)).isEmpty();
            }
        }
    }

    @Test
    void everyDeclaredTopicCarriesMessagesOfTheirCloudEventsTypes() {
        Set<Class<?>> carried = new LinkedHashSet<>();
        for (String topic : AgentCatalog.declaredTopics()) {
            TopicMessages messages = TopicMessages.of(topic).orElse(null);
            assertThat(messages).as("TopicMessages.of(%s)", topic).isNotNull();
            assertThat(messages.messages()).as("the records on %s", topic).isNotEmpty();
            assertThat(messages.deadLetter()).isEqualTo(topic.endsWith(Topics.DLQ_SUFFIX));
            for (Carried c : messages.messages()) {
                carried.add(c.record());
                assertThat(c.type()).as("the type of %s", c.record().getName())
                        .isEqualTo(CloudEvents.typeOf(sample(c.record())));
                Set<String> components = Arrays.stream(c.record().getRecordComponents())
                        .map(RecordComponent::getName).collect(java.util.stream.Collectors.toSet());
                Matcher placeholder = PLACEHOLDER.matcher(messages.key());
                while (placeholder.find()) {
                    assertThat(components).as("the key %s of %s names components of %s", messages.key(), topic,
                            c.record().getSimpleName()).contains(placeholder.group(1));
                }
            }
        }
        List<Object> stepEvents = TopicMessages.of(Topics.STEP_EVENTS).orElseThrow().messages().stream()
                .map(c -> (Object) c.record()).toList();
        assertThat(stepEvents).as("every kind of StepEvent, in its order")
                .containsExactly((Object[]) StepEvent.class.getPermittedSubclasses());
        assertThat(TopicMessages.of("no-such-topic")).isEmpty();
        assertThat(TopicMessages.of(Topics.dlq(Topics.STEP_FEEDBACK))).as("not declared").isEmpty();
        assertThat(TopicMessages.of(Topics.dlq(Topics.jobsFor("codex")))).as("every job topic has its DLQ")
                .hasValueSatisfying(t -> assertThat(t.deadLetter()).isTrue());
        // every message record of the messages package is on a topic or part of one that is
        Set<Class<?>> reachable = reachableRecords();
        for (Class<?> record : messageRecords()) {
            assertThat(reachable).as("%s is carried on a topic or inside a record that is", record.getName())
                    .contains(record);
        }
    }

    @Test
    void theFlowsAreTheServicesChannels() {
        List<ServiceChannels> services = ServiceChannels.all();
        assertThat(services).extracting(ServiceChannels::service).containsExactlyInAnyOrderElementsOf(SERVICES);
        Set<String> configured = new TreeSet<>();
        for (ServiceChannels service : services) {
            service.reads().forEach(t -> configured.add(service.service() + " receive " + t));
            service.writes().forEach(t -> configured.add(service.service() + " send " + t));
            // the job channel's configured DLQ is one of the job topics' DLQs
            service.deadLetters().forEach(t -> configured.add(service.service() + " send "
                    + (t.startsWith(Topics.SANDBOX_JOBS_PREFIX) ? JOBS_DLQ_ADDRESS : t)));
        }
        Set<String> described = new TreeSet<>();
        flows().stream().filter(f -> SERVICES.contains(f.service())).map(Flow::key).forEach(described::add);
        assertThat(described).as("the flows of AsyncApiDocumentTest cover the services' channels")
                .containsAll(configured);
        Set<String> unconfigured = new TreeSet<>(described);
        unconfigured.removeAll(configured);
        assertThat(unconfigured).as("flows no channel names a topic of: the outbox's, and the worker's job topics")
                .containsExactlyInAnyOrderElementsOf(Stream.concat(
                        OUTBOX_TOPICS.stream().map(t -> EXECUTION + " send " + t),
                        Stream.of(WORKER + " receive " + JOBS_ADDRESS)).toList());
    }

    @Test
    void theServersAreTheDeployedBrokers() throws IOException {
        for (ServiceChannels service : ServiceChannels.all()) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(service.file(), StandardCharsets.UTF_8)) {
                properties.load(in);
            }
            assertThat(properties.getProperty("kafka.bootstrap.servers")).as(service.service())
                    .isEqualTo("${KAFKA_BOOTSTRAP_SERVERS:" + LOCAL_BOOTSTRAP + "}");
            assertThat(Files.readString(ROOT.resolve("deploy/k8s/" + service.service() + ".yaml")))
                    .as("deploy/k8s/%s.yaml", service.service())
                    .contains("{name: KAFKA_BOOTSTRAP_SERVERS, value: \"" + KUBERNETES_BOOTSTRAP + "\"}")
                    .contains("{name: KAFKA_SASL_MECHANISM, value: SCRAM-SHA-512}");
        }
        List<String> listeners = new ArrayList<>();
        for (JsonNode resource : YAML.readValues(YAML.createParser(ROOT.resolve("deploy/k8s/kafka.yaml").toFile()),
                JsonNode.class).readAll()) {
            if ("Kafka".equals(resource.path("kind").asText())) {
                for (JsonNode listener : resource.path("spec").path("kafka").path("listeners")) {
                    listeners.add(resource.path("metadata").path("name").asText() + "-kafka-bootstrap:"
                            + listener.path("port").asInt() + " " + listener.path("type").asText()
                            + (listener.path("tls").asBoolean() ? " tls " : " plain ")
                            + listener.path("authentication").path("type").asText("none"));
                }
            }
        }
        assertThat(listeners).as("the listeners of deploy/k8s/kafka.yaml")
                .containsExactly(KUBERNETES_BOOTSTRAP + " internal tls scram-sha-512");
    }

    @Test
    void theRequiredComponentsAreWhatValidationRequires() {
        StepRequest minimal = new StepRequest(null, null, null, "s1", null, null, null, null, null, "do it", null,
                null, null, null, null, null, null, null, null, null);
        assertThat(StepRequestValidator.validate(minimal)).isEmpty();
        for (String field : REQUIRED.get(StepRequest.class)) {
            ObjectNode json = Json.mapper().valueToTree(minimal);
            json.remove(field);
            StepRequest without = Json.mapper().convertValue(json, StepRequest.class);
            assertThat(StepRequestValidator.validate(without)).extracting(StepRequestValidator.Violation::field)
                    .as("a request without %s", field).contains(field);
        }
    }

    // ---- the document ----

    private static Map<String, Object> document() {
        Schemas schemas = new Schemas();
        Map<String, Object> messages = new LinkedHashMap<>();
        Map<String, Object> channels = new LinkedHashMap<>();
        for (TopicMessages topic : carriers()) {
            Map<String, Object> channelMessages = new LinkedHashMap<>();
            for (Carried carried : topic.messages()) {
                String id = messageId(carried, topic);
                messages.put(id, message(carried, topic, schemas));
                channelMessages.put(id, ref("#/components/messages/" + id));
            }
            Map<String, Object> channel = map("address", topic.topic(), "description", describe(topic),
                    "messages", channelMessages);
            if (topic.topic().startsWith(JOBS_ADDRESS)) {
                channel.put("parameters", map("agentId", map(
                        "description", "An agent of the catalogue: lower-case letters, digits and '-' (the"
                                + " built-in agents are the examples).",
                        "examples", AgentCatalog.builtIn().stream().map(AgentMetadata::id).sorted().toList())));
            }
            channel.put("bindings", map("kafka", kafkaTopic(topic.topic())));
            channels.put(channelId(topic.topic()), channel);
        }
        Map<String, Object> operations = new LinkedHashMap<>();
        for (Flow flow : flows()) {
            TopicMessages topic = TopicMessages.of(flow.topic()).orElseThrow();
            String channel = channelId(flow.topic());
            List<Object> refs = topic.messages().stream()
                    .filter(c -> flow.only().isEmpty() || flow.only().contains(c.record()))
                    .map(c -> (Object) ref("#/channels/" + channel + "/messages/" + messageId(c, topic)))
                    .toList();
            operations.put(camel(flow.service()) + capitalised(flow.action()) + capitalised(channel), map(
                    "action", flow.action(),
                    "channel", ref("#/channels/" + channel),
                    "summary", flow.service() + ("send".equals(flow.action()) ? " sends to " : " receives from ")
                            + flow.topic() + (topic.deadLetter() ? " what it could not process" : ""),
                    "tags", List.of(map("name", flow.service())),
                    "messages", refs));
        }
        schemas.all.put("CloudEventHeaders", cloudEventHeaders());
        schemas.all.put("DeadLetterHeaders", deadLetterHeaders());
        return map(
                "asyncapi", "3.0.0",
                "info", map(
                        "title", "DevGodzilla execution layer",
                        "version", Integer.toString(schemaVersion()),
                        "description", """
                                The Kafka topics of the execution layer and the records on them, from the contracts \
                                module (Topics, TopicMessages, CloudEvents and the message records).
                                Every record value is a JSON message written by `Json`: ISO-8601 times, null fields \
                                left out, unknown fields ignored when read; so a field is required only where its \
                                schema says so. Every record has CloudEvents binary-mode headers and the key its \
                                message names. The version is the messages' `schemaVersion`.
                                """),
                "defaultContentType", JSON,
                "servers", map(
                        "local", map("host", LOCAL_BOOTSTRAP, "protocol", "kafka",
                                "description", "The services' default (KAFKA_BOOTSTRAP_SERVERS unset), e.g. the"
                                        + " broker of `./dg up`. Compose publishes its broker on localhost:29092."),
                        "kubernetes", map("host", KUBERNETES_BOOTSTRAP, "protocol", "kafka-secure",
                                "description", "The internal listener of the Strimzi cluster dg-kafka"
                                        + " (deploy/k8s/kafka.yaml): TLS with the cluster CA (Secret"
                                        + " dg-kafka-cluster-ca-cert), a SCRAM KafkaUser per service.",
                                "security", List.of(ref("#/components/securitySchemes/scram")))),
                "channels", channels,
                "operations", operations,
                "components", map("schemas", schemas.all, "messages", messages, "securitySchemes", map("scram", map(
                        "type", "scramSha512",
                        "description", "SASL SCRAM-SHA-512 over TLS as a Strimzi KafkaUser, with ACLs for its own"
                                + " topics and groups (deploy/k8s/kafka-users.yaml)"))));
    }

    /** The topics as channels: every declared one, the agents' job topics as one. */
    private static List<TopicMessages> carriers() {
        Set<String> topics = new LinkedHashSet<>();
        for (String topic : AgentCatalog.declaredTopics()) {
            if (topic.startsWith(Topics.SANDBOX_JOBS_PREFIX)) {
                // the job topics and then their DLQs, wherever the first of them is listed
                topics.add(JOBS_ADDRESS);
                topics.add(JOBS_DLQ_ADDRESS);
            } else {
                topics.add(topic);
            }
        }
        return topics.stream().map(t -> TopicMessages.of(t)
                .orElseThrow(() -> new IllegalStateException("TopicMessages says nothing of " + t))).toList();
    }

    private static List<Flow> flows() {
        List<Flow> all = new ArrayList<>();
        for (String service : Stream.concat(SERVICES.stream(), Stream.of(CLI)).toList()) {
            List<Flow> own = FLOWS.stream().filter(f -> f.service().equals(service)).toList();
            all.addAll(own);
            if (SERVICES.contains(service)) {
                // every channel a service reads gives up on a record by sending it to the topic's dead-letter topic
                own.stream().filter(f -> "receive".equals(f.action()))
                        .forEach(f -> all.add(sends(service, Topics.dlq(f.topic()))));
            }
        }
        return all;
    }

    private static String describe(TopicMessages topic) {
        StringBuilder text = new StringBuilder();
        if (topic.deadLetter()) {
            String original = topic.topic().substring(0, topic.topic().length() - Topics.DLQ_SUFFIX.length());
            text.append("Records of `").append(original).append("` that a consumer could not process (SmallRye's")
                    .append(" dead-letter-queue failure strategy): the original key, value and headers, with")
                    .append(" `dead-letter-*` headers saying why and where from. No service reads it.");
            if (topic.topic().equals(JOBS_DLQ_ADDRESS)) {
                text.append(" A worker sends a job it cannot read to the DLQ of the job topic it came from, any")
                        .append(" other failure to its job channel's configured `").append(Topics.JOBS_DLQ)
                        .append("`.");
            }
        } else {
            String purpose = PURPOSE.get(topic.topic());
            if (purpose == null) {
                throw new IllegalStateException("say what " + topic.topic() + " is for in AsyncApiDocumentTest.PURPOSE");
            }
            text.append(purpose).append(" Key: `").append(topic.key()).append("`.");
            if (Topics.isCompacted(topic.topic())) {
                text.append(" Compacted: the latest record per key is the state.");
            }
            String dlq = Topics.dlq(topic.topic());
            if (TopicMessages.of(dlq).isPresent()) {
                text.append(" Records its consumers cannot process go to `").append(dlq).append("`.");
            }
        }
        return text.toString();
    }

    private static Map<String, Object> kafkaTopic(String topic) {
        Map<String, Object> binding = map("partitions", Topics.partitions(topic));
        Map<String, Object> config = new LinkedHashMap<>();
        new TreeMap<>(Topics.config(topic)).forEach((name, value) -> config.put(name, switch (name) {
            case "cleanup.policy" -> List.of(value.split(","));
            case "retention.ms", "retention.bytes", "delete.retention.ms", "max.message.bytes" -> Long.parseLong(value);
            default -> throw new IllegalStateException("no Kafka binding field for topic setting " + name);
        }));
        if (!config.isEmpty()) {
            binding.put("topicConfiguration", config);
        }
        binding.put("bindingVersion", KAFKA_BINDING);
        return binding;
    }

    private static Map<String, Object> message(Carried carried, TopicMessages topic, Schemas schemas) {
        String name = messageId(carried, topic);
        String summary = topic.deadLetter()
                ? "A " + carried.record().getSimpleName() + " (" + carried.type() + ") a consumer gave up on."
                : "A " + carried.record().getSimpleName() + " (" + carried.type() + ").";
        Map<String, Object> key = PLACEHOLDER.matcher(topic.key()).find()
                ? map("type", "string", "description", "`" + topic.key() + "`: the record's components in braces.")
                : map("type", "string", "const", topic.key());
        return map(
                "name", name,
                "summary", summary,
                "contentType", JSON,
                "headers", map("allOf", List.of(
                        ref("#/components/schemas/" + (topic.deadLetter() ? "DeadLetterHeaders" : "CloudEventHeaders")),
                        map("type", "object", "properties", map(CloudEvents.TYPE, map("const", carried.type()))))),
                "payload", schemas.ref(carried.record()),
                "bindings", map("kafka", map("key", key, "bindingVersion", KAFKA_BINDING)));
    }

    private static Map<String, Object> cloudEventHeaders() {
        return map(
                "type", "object",
                "description", "CloudEvents 1.0 in binary content mode (Kafka protocol binding): the attributes are"
                        + " `ce_*` headers and the record value is the event's data, so a consumer routes on `ce_type`"
                        + " without reading the body.",
                "required", List.of(CloudEvents.SPEC_VERSION, CloudEvents.ID, CloudEvents.SOURCE, CloudEvents.TYPE),
                "properties", cloudEventProperties());
    }

    private static Map<String, Object> cloudEventProperties() {
        return map(
                CloudEvents.SPEC_VERSION, map("type", "string", "const", "1.0"),
                CloudEvents.ID, map("type", "string", "description", "Unique per send: the services send a fresh"
                        + " UUID every time, also when they send a record again; the body's `eventId` is the"
                        + " message's own id."),
                CloudEvents.SOURCE, map("type", "string", "description", "`dg:` and the sender: dg:execution-service,"
                        + " dg:sandbox-worker, dg:qa-service, dg:registry-service, dg:cli."),
                CloudEvents.TYPE, map("type", "string", "description", "What the message is; each message names its"
                        + " own."),
                CloudEvents.SUBJECT, map("type", "string", "description", "The record key."),
                CloudEvents.TIME, map("type", "string", "format", "date-time", "description", "When it was sent;"
                        + " the services set it, the CLI does not."),
                CloudEvents.CONTENT_TYPE, map("type", "string", "const", JSON,
                        "description", "The CloudEvents `datacontenttype`."));
    }

    /** SmallRye's KafkaDeadLetterQueue keeps the original headers and adds these, values as UTF-8 text. */
    private static Map<String, Object> deadLetterHeaders() {
        Map<String, Object> properties = cloudEventProperties();
        properties.putAll(map(
                "dead-letter-exception-class-name", map("type", "string", "description", "The failure's class."),
                "dead-letter-reason", map("type", "string", "description", "The failure's message."),
                "dead-letter-cause-class-name", map("type", "string", "description", "The class of the failure's"
                        + " cause, where it has one."),
                "dead-letter-cause", map("type", "string", "description", "The message of the failure's cause,"
                        + " where it has one."),
                "dead-letter-topic", map("type", "string", "description", "The topic the record was read from."),
                "dead-letter-partition", map("type", "string", "pattern", "^[0-9]+$",
                        "description", "Its partition there."),
                "dead-letter-offset", map("type", "string", "pattern", "^[0-9]+$",
                        "description", "Its offset there.")));
        return map(
                "type", "object",
                "description", "The headers of the original record as they were (its CloudEvents headers), and"
                        + " those the dead-letter-queue failure strategy adds; key and value are the original's too.",
                "required", List.of("dead-letter-exception-class-name", "dead-letter-reason", "dead-letter-topic",
                        "dead-letter-partition", "dead-letter-offset"),
                "properties", properties);
    }

    /** The highest {@code SCHEMA_VERSION} of the messages: what the document's version says. */
    private static int schemaVersion() {
        int version = 0;
        for (TopicMessages topic : carriers()) {
            for (Carried carried : topic.messages()) {
                try {
                    version = Math.max(version, carried.record().getField("SCHEMA_VERSION").getInt(null));
                } catch (NoSuchFieldException e) {
                    // StepCommand and StepLogChunk carry no schema version
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return version;
    }

    private static String messageId(Carried carried, TopicMessages topic) {
        return schemaName(carried.record()) + (topic.deadLetter() ? "DeadLetter" : "");
    }

    /** A nested record is named after the records around it, e.g. {@code AgentRouting.Assignment}. */
    private static String schemaName(Class<?> type) {
        return type.getEnclosingClass() == null ? type.getSimpleName()
                : schemaName(type.getEnclosingClass()) + "." + type.getSimpleName();
    }

    private static String channelId(String topic) {
        return camel(topic.replace("{agentId}", ""));
    }

    private static String camel(String name) {
        String[] words = name.split("[^A-Za-z0-9]+");
        StringBuilder id = new StringBuilder(words[0]);
        Arrays.stream(words).skip(1).map(AsyncApiDocumentTest::capitalised).forEach(id::append);
        return id.toString();
    }

    private static String capitalised(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static Flow receives(String service, String topic) {
        return new Flow(service, "receive", topic, List.of());
    }

    private static Flow sends(String service, String topic, Class<?>... only) {
        return new Flow(service, "send", topic, List.of(only));
    }

    private static Map<String, Object> ref(String pointer) {
        return map("$ref", pointer);
    }

    /** A map that keeps the order its entries are given in, so the document is written the same every time. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * JSON Schemas of records, by reflection over their components: the names and types {@link Json} writes. The
     * discriminator of a polymorphic interface and any property Jackson writes from a getter besides the
     * components are added; a type it has no JSON form for fails, so that someone decides one.
     */
    private static final class Schemas {
        final Map<String, Object> all = new TreeMap<>();

        Map<String, Object> ref(Class<?> record) {
            String name = schemaName(record);
            if (!all.containsKey(name)) {
                all.put(name, null); // taken, against a record that contains itself
                all.put(name, record(record));
            }
            return AsyncApiDocumentTest.ref("#/components/schemas/" + name);
        }

        private Map<String, Object> record(Class<?> record) {
            Map<String, Object> properties = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            for (Class<?> type : record.getInterfaces()) {
                JsonTypeInfo info = type.getAnnotation(JsonTypeInfo.class);
                JsonSubTypes subtypes = type.getAnnotation(JsonSubTypes.class);
                if (info != null && subtypes != null) {
                    for (JsonSubTypes.Type subtype : subtypes.value()) {
                        if (subtype.value() == record) {
                            properties.put(info.property(), map("type", "string", "const", subtype.name()));
                            required.add(info.property());
                        }
                    }
                }
            }
            Set<String> components = new LinkedHashSet<>();
            for (RecordComponent component : record.getRecordComponents()) {
                components.add(component.getName());
                properties.put(component.getName(), of(component.getGenericType()));
                if (REQUIRED.getOrDefault(record, List.of()).contains(component.getName())) {
                    required.add(component.getName());
                }
            }
            ObjectMapper mapper = Json.mapper();
            BeanDescription bean = mapper.getSerializationConfig().introspect(mapper.constructType(record));
            new TreeMap<>(bean.findProperties().stream()
                    .filter(p -> !components.contains(p.getName()) && p.couldSerialize() && p.getGetter() != null)
                    .collect(java.util.stream.Collectors.toMap(BeanPropertyDefinition::getName, p -> p)))
                    .forEach((name, property) -> {
                        Map<String, Object> schema = new LinkedHashMap<>(
                                of(property.getGetter().getAnnotated().getGenericReturnType()));
                        schema.put("readOnly", true);
                        schema.put("description", "Written from " + record.getSimpleName() + "."
                                + property.getGetter().getName() + "(); ignored when read.");
                        properties.put(name, schema);
                    });
            Map<String, Object> schema = map("type", "object", "title", schemaName(record),
                    "description", "Java record " + record.getName() + ".", "properties", properties);
            if (!required.isEmpty()) {
                schema.put("required", required);
            }
            return schema;
        }

        private Map<String, Object> of(Type type) {
            if (type instanceof ParameterizedType parameterised) {
                Class<?> raw = (Class<?>) parameterised.getRawType();
                Type[] arguments = parameterised.getActualTypeArguments();
                if (raw == Optional.class) {
                    return of(arguments[0]);
                }
                if (Set.class.isAssignableFrom(raw)) {
                    return map("type", "array", "uniqueItems", true, "items", of(arguments[0]));
                }
                if (Collection.class.isAssignableFrom(raw)) {
                    return map("type", "array", "items", of(arguments[0]));
                }
                if (Map.class.isAssignableFrom(raw) && arguments[0] == String.class) {
                    return map("type", "object", "additionalProperties", of(arguments[1]));
                }
            } else if (type instanceof Class<?> c) {
                if (c == String.class || c == char.class || c == Character.class) {
                    return map("type", "string");
                }
                if (c == int.class || c == Integer.class || c == short.class || c == Short.class || c == byte.class
                        || c == Byte.class) {
                    return map("type", "integer", "format", "int32");
                }
                if (c == long.class || c == Long.class) {
                    return map("type", "integer", "format", "int64");
                }
                if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
                    return map("type", "number", "format", c == float.class || c == Float.class ? "float" : "double");
                }
                if (c == boolean.class || c == Boolean.class) {
                    return map("type", "boolean");
                }
                if (c == Instant.class || c == OffsetDateTime.class || c == ZonedDateTime.class) {
                    return map("type", "string", "format", "date-time");
                }
                if (c == LocalDate.class) {
                    return map("type", "string", "format", "date");
                }
                if (c == UUID.class) {
                    return map("type", "string", "format", "uuid");
                }
                if (c == URI.class) {
                    return map("type", "string", "format", "uri");
                }
                if (c.isEnum()) {
                    return map("type", "string", "enum",
                            Arrays.stream(c.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList());
                }
                if (c == ObjectNode.class) {
                    return map("type", "object");
                }
                if (c.isRecord()) {
                    return ref(c);
                }
            }
            throw new IllegalArgumentException("no JSON Schema for " + type + ": say in AsyncApiDocumentTest how Json"
                    + " writes it");
        }
    }

    // ---- checks against the committed document ----

    private static JsonNode committed() throws IOException {
        assertThat(FILE).as("the generated document").exists();
        return YAML.readTree(FILE.toFile());
    }

    /**
     * Checks {@code value} against {@code schema}, stricter than JSON Schema in one way: a property the schema does
     * not list is a problem, so a field that Json writes and the document lacks is found.
     */
    private static void validate(JsonNode value, JsonNode schema, JsonNode document, String path,
                                 List<String> problems) {
        if (schema.has("$ref")) {
            JsonNode target = document.at(schema.get("$ref").asText().substring(1));
            assertThat(target.isMissingNode()).as("%s: %s resolves", path, schema.get("$ref")).isFalse();
            validate(value, target, document, path, problems);
            return;
        }
        schema.path("allOf").forEach(s -> validate(value, s, document, path, problems));
        if (schema.has("const") && !schema.get("const").equals(value)) {
            problems.add(path + ": " + value + " is not " + schema.get("const"));
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            problems.add(path + ": " + value + " is none of " + schema.get("enum"));
        }
        String type = schema.path("type").asText("");
        boolean fits = switch (type) {
            case "" -> true;
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> false;
        };
        if (!fits) {
            problems.add(path + ": " + value + " is not of type " + type);
            return;
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            value.properties().forEach(field -> {
                String at = path + "." + field.getKey();
                if (properties.has(field.getKey())) {
                    validate(field.getValue(), properties.get(field.getKey()), document, at, problems);
                } else if (schema.path("additionalProperties").isObject()) {
                    validate(field.getValue(), schema.get("additionalProperties"), document, at, problems);
                } else if (properties.isObject()) {
                    problems.add(at + ": written by Json, missing from the schema");
                }
            });
            schema.path("required").forEach(r -> {
                if (!value.has(r.asText())) {
                    problems.add(path + ": required " + r.asText() + " is missing");
                }
            });
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                validate(value.get(i), schema.get("items"), document, path + "[" + i + "]", problems);
            }
        }
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** A record with every component set (nested records too), so that Json writes every field it has. */
    private static Object sample(Type type) {
        if (type instanceof ParameterizedType parameterised) {
            Class<?> raw = (Class<?>) parameterised.getRawType();
            Type[] arguments = parameterised.getActualTypeArguments();
            if (raw == Optional.class) {
                return Optional.of(sample(arguments[0]));
            }
            if (Set.class.isAssignableFrom(raw)) {
                return Set.of(sample(arguments[0]));
            }
            if (Collection.class.isAssignableFrom(raw)) {
                return List.of(sample(arguments[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("k", sample(arguments[1]));
            }
            throw new IllegalArgumentException("no sample of " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return "x";
        }
        if (c == int.class || c == Integer.class) {
            return 1;
        }
        if (c == long.class || c == Long.class) {
            return 1L;
        }
        if (c == double.class || c == Double.class) {
            return 1.5;
        }
        if (c == boolean.class || c == Boolean.class) {
            return true;
        }
        if (c == Instant.class) {
            return Instant.EPOCH;
        }
        if (c == UUID.class) {
            return new UUID(1, 1);
        }
        if (c.isEnum()) {
            return c.getEnumConstants()[0];
        }
        if (c == ObjectNode.class) {
            return Json.mapper().createObjectNode().put("k", "v");
        }
        if (c.isRecord()) {
            RecordComponent[] components = c.getRecordComponents();
            Object[] values = Arrays.stream(components).map(rc -> sample(rc.getGenericType())).toArray();
            try {
                Constructor<?> canonical = c.getDeclaredConstructor(Arrays.stream(components)
                        .map(RecordComponent::getType).toArray(Class<?>[]::new));
                return canonical.newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make a " + c.getName(), e);
            }
        }
        throw new IllegalArgumentException("no sample of " + type);
    }

    /** The records on the declared topics and every record inside them. */
    private static Set<Class<?>> reachableRecords() {
        Set<Class<?>> records = new LinkedHashSet<>();
        carriers().forEach(t -> t.messages().forEach(c -> collect(c.record(), records)));
        return records;
    }

    private static void collect(Type type, Set<Class<?>> records) {
        if (type instanceof ParameterizedType parameterised) {
            Arrays.stream(parameterised.getActualTypeArguments()).forEach(a -> collect(a, records));
        } else if (type instanceof Class<?> c && c.isRecord() && records.add(c)) {
            Arrays.stream(c.getRecordComponents()).forEach(rc -> collect(rc.getGenericType(), records));
        }
    }

    /** The top-level records of the messages package. */
    private static List<Class<?>> messageRecords() {
        Path dir = ROOT.resolve("contracts/src/main/java/dev/devgodzilla/contracts/messages");
        try (Stream<Path> files = Files.list(dir)) {
            List<Class<?>> records = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString().replace(".java", "");
                Class<?> type = Class.forName("dev.devgodzilla.contracts.messages." + name);
                if (type.isRecord()) {
                    records.add(type);
                }
            }
            assertThat(records).hasSizeGreaterThan(10);
            return records;
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
