package dev.devgodzilla.registry;

import dev.devgodzilla.support.rest.OpenApiRoutes;
import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentConfiguration;
import dev.devgodzilla.contracts.agents.AgentRouting;
import dev.devgodzilla.contracts.messages.AgentAvailability;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.contracts.messages.TokenUsage;
import dev.devgodzilla.contracts.messages.InstalledAgent;
import dev.devgodzilla.contracts.messages.WorkerHeartbeat;
import dev.devgodzilla.contracts.prompts.PromptTemplate;
import dev.devgodzilla.testkit.KafkaTestResource;
import dev.devgodzilla.testkit.PostgresTestResource;
import dev.devgodzilla.testkit.TestApiTokens;
import io.quarkus.test.common.WithTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
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

    @Inject
    Pool pool;

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
                    .body("find { it.agentId == 'dummy' }.status.version", equalTo("1"))
                    .body("find { it.agentId == 'dummy' }.status.latencyMs", is(12));

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
    void configIsVersionedAnnouncedAndGuardedByItsVersion() {
        ConsumerTask<String, String> announced = kafka.consumeStrings().fromTopics(Topics.AGENT_CONFIG);
        try {
            String body = """
                    {"baseUrl": "http://127.0.0.1:4010/v1", "credentials": {"OPENAI_API_KEY": "env:MY_CODEX_KEY"},
                     "timeout": "10m", "maxAttempts": 2}""";
            // without a token, or with a read-only one, nothing changes
            given().contentType("application/json").body(body)
                    .when().put("/agents/codex/config").then().statusCode(401).contentType("application/problem+json");
            given().auth().oauth2(TestApiTokens.READER).contentType("application/json").body(body)
                    .when().put("/agents/codex/config").then().statusCode(403);

            // before any change: version 0, built-in values and vendor defaults
            String before = given().when().get("/agents/codex/config").then().statusCode(200)
                    .body("version", is(0))
                    .body("effective.binary", equalTo("codex"))
                    .body("effective.egress", hasItem("api.openai.com:443"))
                    .body("sources.binary", equalTo("built-in"))
                    .extract().header("ETag");
            assertThat(before).isEqualTo("\"v0\"");

            // a change is a new version, with its ETag, its effective values and where each comes from
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json").header("If-Match", before)
                    .body(body).when().put("/agents/codex/config").then().statusCode(200)
                    .header("ETag", "\"v1\"")
                    .body("version", is(1))
                    .body("effective.baseUrl", equalTo("http://127.0.0.1:4010/v1"))
                    .body("effective.timeout", is(600))
                    .body("effective.credentials.OPENAI_API_KEY", equalTo("env:MY_CODEX_KEY"))
                    .body("sources.baseUrl", equalTo("api"))
                    .body("sources.egress", equalTo("built-in"));
            given().when().get("/agents/codex/config").then().statusCode(200)
                    .body("version", is(1)).body("fields.maxAttempts", is(2)).body("changedBy", equalTo("api"));

            // it is announced on agent-config, the newest version last, and this service applies it too
            await().atMost(Duration.ofSeconds(15)).until(() -> announced.getRecords().stream()
                    .filter(r -> "codex".equals(r.key()))
                    .map(r -> Json.read(r.value(), AgentConfiguration.class))
                    .anyMatch(c -> c.version() == 1 && "http://127.0.0.1:4010/v1".equals(c.agent().settings().baseUrl())
                            && c.agent().settings().maxAttempts() == 2));
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    "http://127.0.0.1:4010/v1".equals(AgentCatalog.find("codex").orElseThrow().settings().baseUrl()));

            // a change made on an older version is refused, and changes nothing
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json").header("If-Match", before)
                    .body("{\"maxAttempts\": 5}").when().put("/agents/codex/config").then().statusCode(412)
                    .contentType("application/problem+json").body("detail", containsString("version 1"));
            // a field that does not exist, a secret in place of a reference, a bad mode: 400 naming the field
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json")
                    .body("{\"egres\": [\"x.example:443\"]}").when().put("/agents/codex/config").then()
                    .statusCode(400).contentType("application/problem+json").body("detail", containsString("'egres'"));
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json")
                    .body("{\"credentials\": {\"OPENAI_API_KEY\": \"sk-live-123\"}}").when()
                    .put("/agents/codex/config").then().statusCode(400)
                    .body("detail", containsString("credentials.OPENAI_API_KEY"));
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json")
                    .body("{\"defaultMode\": \"ROOT\"}").when().put("/agents/codex/config").then().statusCode(400)
                    .body("detail", containsString("defaultMode"));
            given().when().get("/agents/codex/config").then().body("version", is(1));

            // {} goes back to the built-in values, as version 2
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json").header("If-Match", "\"v1\"")
                    .body("{}").when().put("/agents/codex/config").then().statusCode(200)
                    .body("version", is(2)).body("sources.baseUrl", equalTo("built-in"));
            // a non-object is a 400 problem, an unknown agent a 404 problem
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json").body("[1,2]")
                    .when().put("/agents/codex/config").then().statusCode(400).contentType("application/problem+json");
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json").body("{}")
                    .when().put("/agents/nope/config").then().statusCode(404).contentType("application/problem+json");
        } finally {
            announced.close();
        }
    }

    @Test
    void aStoredVersionWhoseFieldsNoLongerApplyIsShownWithItsProblemAndBreaksNoOtherAgent() {
        // what the table held before fields were checked: an override with a field that does not exist
        pool.preparedQuery("INSERT INTO agent_config_versions (agent_id, version, fields, changed_at)"
                        + " VALUES ('qwen', 1, '{\"temperature\": 0.2}', now())")
                .execute().await().atMost(Duration.ofSeconds(10));
        ConsumerTask<String, String> announced = kafka.consumeStrings().fromTopics(Topics.AGENT_CONFIG);
        try {
            // the agent reads as its agents.yaml definition, with the stored fields and why they do not apply
            given().when().get("/agents/qwen/config").then().statusCode(200)
                    .body("version", is(1))
                    .body("effective.binary", equalTo("qwen"))
                    .body("fields.temperature", is(0.2f))
                    .body("sources.binary", equalTo("built-in"))
                    .body("problem", containsString("'temperature'"));
            // the periodic announcement still covers every agent, this one included
            await().atMost(Duration.ofSeconds(15)).until(() -> announced.getRecords().stream()
                    .anyMatch(r -> "qwen".equals(r.key())));
            // a change must apply; the next one replaces the bad fields
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json").header("If-Match", "\"v1\"")
                    .body("{\"temperature\": 0.3}").when().put("/agents/qwen/config").then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString("'temperature'"));
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json").header("If-Match", "\"v1\"")
                    .body("{\"maxAttempts\": 2}").when().put("/agents/qwen/config").then().statusCode(200)
                    .body("version", is(2)).body("problem", org.hamcrest.Matchers.nullValue())
                    .body("effective.maxAttempts", is(2));
        } finally {
            announced.close();
        }
    }

    @Test
    void anAgentRegisteredOverTheApiCanBeRemovedAndABuiltInOneCannot() {
        String id = "my-agent-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"id\": \"" + id + "\", \"name\": \"My Agent\", \"binary\": \"my-agent\", \"kind\": \"CLI\"}";
        given().contentType("application/json").body(body).when().post("/agents").then().statusCode(401);
        given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json").body(body)
                .when().post("/agents").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/agents/" + id))
                .body("effective.binary", equalTo("my-agent")).body("version", is(1));
        given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json").body(body)
                .when().post("/agents").then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json")
                .body("{\"id\": \"Bad Id!\"}").when().post("/agents").then().statusCode(400)
                .body("detail", containsString("id"));
        // it is in the catalogue (announced, and applied here) and unavailable until a worker reports it
        await().atMost(Duration.ofSeconds(15)).until(() ->
                given().get("/agents/{id}", id).statusCode() == 200);
        given().when().get("/agents/{id}", id).then().body("available", is(false));

        // built-in agents stay; the registered one goes, and stays gone
        given().auth().oauth2(TestApiTokens.OPERATOR).when().delete("/agents/codex").then().statusCode(409)
                .body("detail", containsString("enabled=false"));
        given().auth().oauth2(TestApiTokens.OPERATOR).when().delete("/agents/{id}", id).then().statusCode(204);
        given().auth().oauth2(TestApiTokens.OPERATOR).when().delete("/agents/{id}", id).then().statusCode(404);
        given().when().get("/agents/{id}/config", id).then().statusCode(404);
        await().atMost(Duration.ofSeconds(15)).until(() ->
                given().get("/agents/{id}", id).statusCode() == 404);
    }

    @Test
    void metricsPerAgentComeFromTheEndedAttemptsCountingEachEventOnce() {
        String step1 = "metrics-" + UUID.randomUUID();
        String step2 = "metrics-" + UUID.randomUUID();
        StepCompleted first = completed(step1, 1, 100, new TokenUsage(1000, 200, 0, 0.5));
        send(Topics.STEP_EVENTS, step1, Json.write(first));
        send(Topics.STEP_EVENTS, step1, Json.write(first));  // read twice, counted once
        send(Topics.STEP_EVENTS, step2, Json.write(new StepFailed(StepEvent.SCHEMA_VERSION, Ids.newEventId(),
                Instant.now(), step2, 1, "qwen", "w", FailureCode.TIMED_OUT, "slow", null, 900, null, null, null)));
        send(Topics.STEP_EVENTS, step2, Json.write(completed(step2, 2, 300, new TokenUsage(500, 100, 0, 0.25))));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().when().get("/agents/metrics").then()
                .statusCode(200)
                .body("find { it.agentId == 'qwen' }.steps", is(2))
                .body("find { it.agentId == 'qwen' }.attempts", is(3))
                .body("find { it.agentId == 'qwen' }.completed", is(2))
                .body("find { it.agentId == 'qwen' }.inputTokens", is(1500))
                .body("find { it.agentId == 'qwen' }.outputTokens", is(300))
                .body("find { it.agentId == 'qwen' }.costUsd", is(0.75f))
                .body("find { it.agentId == 'qwen' }.p50DurationMs", is(300.0f)));
    }

    private static StepCompleted completed(String stepId, int attempt, long durationMs, TokenUsage usage) {
        return new StepCompleted(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), stepId, attempt, "qwen",
                "w", 0, durationMs, "ok", "ok", usage, "s", null, null, null, null);
    }

    @Test
    void theOpenApiDocumentListsEveryRoute() {
        OpenApiRoutes.assertDocumentListsEveryRoute();
    }

    @Test
    void defaultsAndAssignmentsAreVersionedAndAnnounced() {
        ConsumerTask<String, String> announced = kafka.consumeStrings().fromTopics(Topics.AGENT_ROUTING);
        try {
            String tag = given().when().get("/agents/defaults").then().statusCode(200).extract().header("ETag");
            given().contentType("application/json").body("{\"defaultAgent\": \"dummy\"}")
                    .when().put("/agents/defaults").then().statusCode(401);
            String afterDefaults = given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json")
                    .header("If-Match", tag)
                    .body("{\"defaultAgent\": \"dummy\", \"byTaskType\": {\"plan\": \"claude-code\"}}")
                    .when().put("/agents/defaults").then().statusCode(200)
                    .body("defaultAgent", equalTo("dummy")).body("byTaskType.plan", equalTo("claude-code"))
                    .extract().header("ETag");
            // a change made on the version before is refused; an unknown agent is a 400 naming it
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json").header("If-Match", tag)
                    .body("{\"defaultAgent\": \"codex\"}").when().put("/agents/defaults").then().statusCode(412);
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json")
                    .body("{\"assignments\": [{\"projectId\": \"shop\", \"agentId\": \"nope\"}]}")
                    .when().put("/agents/assignments").then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("assignments[0].agentId"));

            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json")
                    .header("If-Match", afterDefaults)
                    .body("{\"assignments\": [{\"projectId\": \"shop\", \"taskType\": \"qa\", \"agentId\": \"qwen\"}]}")
                    .when().put("/agents/assignments").then().statusCode(200)
                    .body("assignments[0].agentId", equalTo("qwen"));
            // the assignments kept the defaults, and the whole routing is announced
            given().when().get("/agents/defaults").then().body("byTaskType.plan", equalTo("claude-code"));
            await().atMost(Duration.ofSeconds(15)).until(() -> announced.getRecords().stream()
                    .map(r -> Json.read(r.value(), AgentRouting.class))
                    .anyMatch(r -> r.assignments().size() == 1 && "claude-code".equals(r.byTaskType().get("plan"))));
        } finally {
            announced.close();
        }
    }

    @Test
    void aProjectSetsItsStepsModelAndLimitsOfAnAgentVersionedAndAnnounced() {
        ConsumerTask<String, String> announced = kafka.consumeStrings().fromTopics(Topics.AGENT_PROJECT_CONFIG);
        String url = "/projects/shop/agents/gemini-cli/config";
        try {
            // nothing set yet: version 0, the agent's own values
            given().when().get(url).then().statusCode(200).header("ETag", "\"v0\"")
                    .body("version", is(0)).body("effective.binary", equalTo("gemini"))
                    .body("sources.maxAttempts", equalTo("agent"));
            String body = "{\"defaultModel\": \"gemini-2.5-flash\", \"maxAttempts\": 1, \"timeout\": \"20m\","
                    + " \"defaultMode\": \"WORKSPACE_WRITE\", \"maxMode\": \"WORKSPACE_WRITE\"}";
            given().contentType("application/json").body(body).when().put(url).then().statusCode(401);
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json").header("If-Match", "\"v0\"")
                    .body(body).when().put(url).then().statusCode(200).header("ETag", "\"v1\"")
                    .body("effective.defaultModel", equalTo("gemini-2.5-flash"))
                    .body("effective.timeout", is(1200))
                    .body("effective.maxMode", equalTo("WORKSPACE_WRITE"))
                    .body("sources.maxAttempts", equalTo("project"))
                    .body("sources.enabled", equalTo("agent"));
            // the agent's own configuration is unchanged
            given().when().get("/agents/gemini-cli/config").then().body("effective.defaultModel",
                    org.hamcrest.Matchers.not(equalTo("gemini-2.5-flash")));
            await().atMost(Duration.ofSeconds(15)).until(() -> announced.getRecords().stream()
                    .filter(r -> "shop/gemini-cli".equals(r.key()))
                    .map(r -> Json.read(r.value(), dev.devgodzilla.contracts.agents.ProjectAgentConfig.class))
                    .anyMatch(c -> c.version() == 1 && c.fields().path("maxAttempts").asInt() == 1));

            // what is the agent's to say, an unknown field, a bad value: 400 naming it; an old version: 412
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json")
                    .body("{\"baseUrl\": \"http://127.0.0.1:1\"}").when().put(url).then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString("'baseUrl'"));
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json")
                    .body("{\"maxMode\": \"ROOT\"}").when().put(url).then().statusCode(400)
                    .body("detail", containsString("maxMode"));
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json").header("If-Match", "\"v0\"")
                    .body("{}").when().put(url).then().statusCode(412).body("detail", containsString("version 1"));
            // an unknown agent: 404; a project id a step cannot carry: 400
            given().when().get("/projects/shop/agents/nope/config").then().statusCode(404)
                    .contentType("application/problem+json");
            given().when().get("/projects/bad%20id/agents/codex/config").then().statusCode(400);

            // removed: the agent's values again, announced as removed; a second DELETE is a 404
            given().auth().oauth2(TestApiTokens.OPERATOR).header("If-Match", "\"v1\"").when().delete(url).then()
                    .statusCode(204);
            given().when().get(url).then().statusCode(200).body("version", is(0))
                    .body("sources.maxAttempts", equalTo("agent"));
            given().auth().oauth2(TestApiTokens.OPERATOR).when().delete(url).then().statusCode(404);
            await().atMost(Duration.ofSeconds(15)).until(() -> announced.getRecords().stream()
                    .filter(r -> "shop/gemini-cli".equals(r.key()))
                    .map(r -> Json.read(r.value(), dev.devgodzilla.contracts.agents.ProjectAgentConfig.class))
                    .anyMatch(c -> c.version() == 2 && c.removed()));
        } finally {
            announced.close();
        }
    }

    @Test
    void promptTemplatesAreVersionedCheckedPreviewedAndAnnounced() {
        ConsumerTask<String, String> announced = kafka.consumeStrings().fromTopics(Topics.PROMPT_TEMPLATES);
        try {
            // the built-in default is there from the start, and cannot be removed
            given().when().get("/prompt-templates").then().statusCode(200)
                    .body("find { it.name == 'default' }.builtIn", is(true));
            given().when().get("/prompt-templates/default").then().statusCode(200).header("ETag", "\"v0\"")
                    .body("text", containsString("{task}"));
            given().auth().oauth2(TestApiTokens.OPERATOR).when().delete("/prompt-templates/default").then()
                    .statusCode(409).contentType("application/problem+json");
            given().when().get("/prompt-templates/variables").then().statusCode(200)
                    .body("task", containsString("task"));

            String text = "{\"description\": \"bug fixes\", \"text\": \"Fix this in {projectId}: {task}"
                    + "{#if instructions}\\nRules: {instructions}{/if}\"}";
            given().contentType("application/json").body(text).when().put("/prompt-templates/bugfix").then()
                    .statusCode(401);
            // created: 201 with its ETag
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json").body(text)
                    .when().put("/prompt-templates/bugfix").then().statusCode(201).header("ETag", "\"v1\"")
                    .header("Location", org.hamcrest.Matchers.endsWith("/prompt-templates/bugfix"))
                    .body("version", is(1)).body("builtIn", is(false));
            // preview renders it for a step request
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json")
                    .body("{\"task\": \"the cart loses items\", \"projectId\": \"shop\", \"instructions\": \"no new deps\"}")
                    .when().post("/prompt-templates/bugfix/preview").then().statusCode(200)
                    .body("version", is(1))
                    .body("prompt", equalTo("Fix this in shop: the cart loses items\nRules: no new deps\n"));
            // a text with an unknown variable or broken syntax is refused naming it; the stored one stays
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json")
                    .body("{\"text\": \"{task} {projct}\"}").when().put("/prompt-templates/bugfix").then()
                    .statusCode(400).contentType("application/problem+json").body("detail", containsString("projct"));
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json")
                    .body("{\"text\": \"{#if task}open\"}").when().put("/prompt-templates/bugfix").then()
                    .statusCode(400);
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json")
                    .body("{\"text\": \"{task}\"}").when().put("/prompt-templates/Bad Name").then().statusCode(400)
                    .body("detail", containsString("name"));
            // a preview without a task: 400 naming it; of an unknown template: 404
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json").body("{\"context\": \"x\"}")
                    .when().post("/prompt-templates/bugfix/preview").then().statusCode(400)
                    .body("detail", containsString("task"));
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json").body("{\"task\": \"x\"}")
                    .when().post("/prompt-templates/nope/preview").then().statusCode(404)
                    .contentType("application/problem+json");
            given().when().get("/prompt-templates/nope").then().statusCode(404);

            // a change on an older version is refused; on the current one it is version 2
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json").header("If-Match", "\"v0\"")
                    .body("{\"text\": \"{task}\"}").when().put("/prompt-templates/bugfix").then().statusCode(412)
                    .body("detail", containsString("version 1"));
            given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json").header("If-Match", "\"v1\"")
                    .body("{\"text\": \"Bug: {task}\"}").when().put("/prompt-templates/bugfix").then()
                    .statusCode(200).header("ETag", "\"v2\"");
            await().atMost(Duration.ofSeconds(15)).until(() -> announced.getRecords().stream()
                    .filter(r -> "bugfix".equals(r.key()))
                    .map(r -> Json.read(r.value(), PromptTemplate.class))
                    .anyMatch(t -> t.version() == 2 && t.text().equals("Bug: {task}")));

            // removed (with the right version), it is gone, announced as removed, and a second DELETE is a 404
            given().auth().oauth2(TestApiTokens.OPERATOR).header("If-Match", "\"v1\"")
                    .when().delete("/prompt-templates/bugfix").then().statusCode(412);
            given().auth().oauth2(TestApiTokens.OPERATOR).header("If-Match", "\"v2\"")
                    .when().delete("/prompt-templates/bugfix").then().statusCode(204);
            given().auth().oauth2(TestApiTokens.OPERATOR).when().delete("/prompt-templates/bugfix").then()
                    .statusCode(404);
            given().when().get("/prompt-templates").then().body("name", org.hamcrest.Matchers.not(hasItem("bugfix")));
            await().atMost(Duration.ofSeconds(15)).until(() -> announced.getRecords().stream()
                    .filter(r -> "bugfix".equals(r.key()))
                    .map(r -> Json.read(r.value(), PromptTemplate.class))
                    .anyMatch(t -> t.version() == 3 && t.removed()));
        } finally {
            announced.close();
        }
    }

    @Test
    void changesMadeAtTheSameMomentEachGetTheirOwnVersionOrA412() throws Exception {
        // Eight writers, no If-Match, at once: each reads the latest version and stores the next. Whoever loses
        // the race for a version is told so (412 problem), never a 500, and no version is stored twice.
        String name = "race-" + UUID.randomUUID().toString().substring(0, 8);
        int writers = 8;
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            List<java.util.concurrent.Future<io.restassured.response.Response>> puts = new java.util.ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String body = "{\"text\": \"writer " + i + ": {task}\"}";
                puts.add(pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json").body(body)
                            .when().put("/prompt-templates/" + name).andReturn();
                }));
            }
            start.countDown();
            int stored = 0;
            for (var put : puts) {
                var response = put.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.asString()).isIn(200, 201, 412);
                if (response.statusCode() == 412) {
                    assertThat(response.contentType()).startsWith("application/problem+json");
                } else {
                    stored++;
                }
            }
            assertThat(stored).isPositive();
            given().when().get("/prompt-templates/" + name).then().statusCode(200).body("version", is(stored));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void agentsAreFilteredByKindAndAvailability() {
        given().when().get("/agents?kind=ide").then().statusCode(200)
                .body("kind.unique()", org.hamcrest.Matchers.contains("IDE"))
                .body("id", hasItem("windsurf"));
        given().when().get("/agents?available=false").then().statusCode(200)
                .body("available.unique()", org.hamcrest.Matchers.contains(false))
                .body("id", hasItem("codex"));
        given().when().get("/agents?kind=robot").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("kind"));
        given().when().get("/agents?available=maybe").then().statusCode(400)
                .body("detail", containsString("available"));
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
                "test-host", List.of(new InstalledAgent(AgentCatalog.DUMMY, true, "1", null, 12L),
                new InstalledAgent("codex", false, null, null)), List.of(), 2, "none", 5, List.of());
    }

    private static void send(String topic, String key, String value) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(topic, key, value)).awaitCompletion();
    }
}
