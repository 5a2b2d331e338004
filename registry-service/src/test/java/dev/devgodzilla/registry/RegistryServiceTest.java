package dev.devgodzilla.registry;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.messages.AgentAvailability;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.InstalledAgent;
import dev.devgodzilla.contracts.messages.WorkerHeartbeat;
import dev.devgodzilla.testkit.KafkaTestResource;
import dev.devgodzilla.testkit.PostgresTestResource;
import dev.devgodzilla.testkit.TestApiTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/** registry-service against a real broker and a real PostgreSQL (ttl 4 s, sweep 500 ms in tests). */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class RegistryServiceTest {
    private static KafkaCompanion kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaCompanion(KafkaTestResource.bootstrapServers());
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void heartbeatMakesDummyAvailableUntilTheWorkerGoesQuiet() {
        String workerId = "worker-" + UUID.randomUUID();
        ConsumerTask<String, String> availability = kafka.consumeStrings().fromTopics(Topics.AGENT_AVAILABILITY);
        try {
            // a worker reports dummy available
            send(Topics.WORKER_HEARTBEATS, workerId, Json.write(heartbeat(workerId)));

            // agent-availability says dummy is available on that worker
            await().atMost(Duration.ofSeconds(15)).until(() -> indexOf(availability, workerId, true) >= 0);
            // the REST view shows it too (one more heartbeat, so a slow first request stays within the ttl)
            send(Topics.WORKER_HEARTBEATS, workerId, Json.write(heartbeat(workerId)));
            given().when().get("/agents").then().statusCode(200)
                    .body("find { it.id == 'dummy' }.available", is(true))
                    .body("find { it.id == 'dummy' }.workers", hasItem(workerId))
                    .body("find { it.id == 'codex' }.available", is(false))
                    .body("find { it.id == 'codex' }.reason", containsString("npm install -g @openai/codex"));
            given().when().get("/workers").then().statusCode(200).body("workerId", hasItem(workerId));
            given().when().get("/agents/health").then().statusCode(200)
                    .body("find { it.agentId == 'dummy' }.status.available", is(true))
                    .body("find { it.agentId == 'dummy' }.status.version", equalTo("1"));

            // no more heartbeats: after the ttl the sweep publishes dummy unavailable, with a reason
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                int up = indexOf(availability, workerId, true);
                return availability.getRecords().stream().skip(up + 1)
                        .filter(r -> AgentCatalog.DUMMY.equals(r.key()))
                        .map(r -> Json.read(r.value(), AgentAvailability.class))
                        .anyMatch(a -> !a.available() && !a.workers().contains(workerId)
                                && a.reason() != null && a.reason().startsWith("no live worker has dummy"));
            });
            given().when().get("/agents/dummy").then().statusCode(200).body("available", is(false));
        } finally {
            availability.close();
        }
    }

    @Test
    void unknownAgentIsA404Problem() {
        given().when().get("/agents/nope").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", is(404))
                .body("detail", containsString("codex"));
    }

    @Test
    void configIsStoredPerAgent() {
        // without a token nothing changes
        given().contentType("application/json").body("{\"model\":\"m0\"}")
                .when().put("/agents/codex/config").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestApiTokens.READER).contentType("application/json").body("{\"model\":\"m0\"}")
                .when().put("/agents/codex/config").then().statusCode(403);
        // an object is stored and read back
        given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json")
                .body("{\"model\":\"m1\",\"timeout\":60}")
                .when().put("/agents/codex/config").then().statusCode(200).body("config.model", equalTo("m1"));
        given().when().get("/agents/codex/config").then().statusCode(200)
                .body("config.timeout", is(60)).body("agentId", equalTo("codex"));
        // a non-object is a 400 problem, an unknown agent a 404 problem
        given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json").body("[1,2]")
                .when().put("/agents/codex/config").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json").body("{}")
                .when().put("/agents/nope/config").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void malformedHeartbeatGoesToTheDlqWithItsReason() {
        String key = "bad-" + UUID.randomUUID();
        ConsumerTask<String, String> dlq = kafka.consumeStrings().fromTopics(Topics.dlq(Topics.WORKER_HEARTBEATS));
        try {
            send(Topics.WORKER_HEARTBEATS, key, "{not json");
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> dlq.getRecords().stream().anyMatch(r -> key.equals(r.key())));
            ConsumerRecord<String, String> record = dlq.getRecords().stream()
                    .filter(r -> key.equals(r.key())).findFirst().orElseThrow();
            Header reason = record.headers().lastHeader("dead-letter-reason");
            assertThat(reason).isNotNull();
            assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("WorkerHeartbeat");
            assertThat(record.value()).isEqualTo("{not json");
        } finally {
            dlq.close();
        }
        // consumption goes on
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void healthAndMetricsAreUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("dg_agents_available")).body(containsString("dg_workers_live"));
    }

    private static int indexOf(ConsumerTask<String, String> task, String workerId, boolean available) {
        List<ConsumerRecord<String, String>> records = task.getRecords();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> r = records.get(i);
            if (AgentCatalog.DUMMY.equals(r.key())) {
                AgentAvailability a = Json.read(r.value(), AgentAvailability.class);
                if (a.available() == available && a.workers().contains(workerId)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static WorkerHeartbeat heartbeat(String workerId) {
        return new WorkerHeartbeat(WorkerHeartbeat.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), workerId,
                "test-host", List.of(new InstalledAgent(AgentCatalog.DUMMY, true, "1", null),
                new InstalledAgent("codex", false, null, null)), List.of(), 2, "none", 5, List.of());
    }

    private static void send(String topic, String key, String value) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(topic, key, value)).awaitCompletion();
    }
}
