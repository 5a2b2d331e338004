package dev.devgodzilla.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.agents.ProjectAgentConfig;
import dev.devgodzilla.contracts.messages.AgentAvailability;
import dev.devgodzilla.contracts.messages.StepBlocked;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepStarted;
import dev.devgodzilla.modelserver.AgentTools;
import dev.devgodzilla.modelserver.Conversation;
import dev.devgodzilla.modelserver.ScriptedModelServer;
import dev.devgodzilla.modelserver.Turn;
import dev.devgodzilla.modelserver.Usage;
import dev.devgodzilla.testkit.TestApiTokens;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.awaitility.Awaitility.await;

/**
 * The real agent CLIs through the four services, in the configuration a user gets: a StepRequest on Kafka with
 * no sandbox mode, so the agent's default (NETWORK_RESTRICTED, through the egress proxy), and the agent pointed
 * at the scripted model server only through registry-service's configuration API (its base URL, a credential
 * <em>reference</em> to a variable of the worker's environment, its model). Each agent writes its file with its
 * own tool and then asks a question, so the step ends BLOCKED with the agent's tokens in the step view. A CLI
 * that is not installed under {@code .dg/agents} is skipped.
 */
@ExtendWith(LocalStackExtension.class)
class RealAgentsIT {
    private static final String WORKER = "e2e-real-agents";
    private static final String KEY_VARIABLE_ON_WORKER = "DG_E2E_MODEL_KEY";
    private static final String CLARIFICATION = "I need clarification on the database schema before I can continue.";
    /** Long and random: Copilot masks secret values wherever they appear in its output. */
    private static final String API_KEY = "sk-scripted-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How each CLI is pointed at the server: its binary, its model, its key variable, its URL form. */
    private record Agent(String binary, String model, String keyVariable, boolean v1) {
    }

    private static final Map<String, Agent> AGENTS = Map.of(
            "claude-code", new Agent("claude", "claude-sonnet-4-5", "ANTHROPIC_API_KEY", false),
            "codex", new Agent("codex", "scripted-model", "OPENAI_API_KEY", true),
            "opencode", new Agent("opencode", "scripted-model", "OPENAI_API_KEY", true),
            "kilocode", new Agent("kilo", "scripted-model", "OPENAI_API_KEY", true),
            "gemini-cli", new Agent("gemini", "gemini-2.5-pro", "GEMINI_API_KEY", false),
            "qwen", new Agent("qwen", "scripted-model", "OPENAI_API_KEY", true),
            "copilot", new Agent("copilot", "scripted-model", "COPILOT_PROVIDER_API_KEY", true),
            "codebuddy", new Agent("codebuddy", "scripted-model", "CODEBUDDY_API_KEY", true));

    private static LocalStack stack;
    private static BusClient bus;
    private static ScriptedModelServer server;
    private static Path repos;

    @BeforeAll
    static void start(LocalStack localStack) throws Exception {
        stack = localStack;
        server = ScriptedModelServer.start();
        bus = new BusClient(stack.kafka.bootstrapServers(), List.of(Topics.STEP_EVENTS, Topics.AGENT_AVAILABILITY,
                Topics.AGENT_PROJECT_CONFIG));
        repos = Files.createDirectories(stack.work.resolve("real-agent-repos"));
        Path agentBin = stack.root.resolve(".dg/agents/node_modules/.bin");
        // configured before the worker starts; the worker reads agent-config from its beginning
        for (var agent : AGENTS.entrySet()) {
            if (Files.isExecutable(agentBin.resolve(agent.getValue().binary()))) {
                configure(agent.getKey(), agent.getValue());
            }
        }
        // the worker knows nothing of the model server: only where the agent CLIs are, and the key's value;
        // the other workers go first, and the heavy CLIs' --version probes get the patience of a loaded machine
        stack.keepOnlyWorkers(List.of(WORKER));
        stack.startWorker(WORKER, Map.of(
                "DG_WORKER_VERSION_TIMEOUT", "30s",
                "DG_WORKER_AGENT_PATHS", agentBin.toString(),
                "DG_WORKER_WORKSPACE_ROOTS", repos.toString(),
                "DG_WORKER_CAPACITY", "1",
                KEY_VARIABLE_ON_WORKER, API_KEY));
        stack.keepOnlyWorkers(List.of(WORKER));
    }

    @AfterAll
    static void stop() throws Exception {
        if (bus != null) {
            bus.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The agent, once the worker reports it available; the test is skipped where its CLI is not installed. */
    private static Agent installedAndAvailable(String agentId) {
        Agent agent = AGENTS.get(agentId);
        Path binary = stack.root.resolve(".dg/agents/node_modules/.bin").resolve(agent.binary());
        Assumptions.assumeTrue(Files.isExecutable(binary), () -> agentId + " is not installed at " + binary);
        await().atMost(Duration.ofSeconds(60)).until(() -> bus.messages(Topics.AGENT_AVAILABILITY, agentId,
                AgentAvailability.class).stream().anyMatch(a -> a.available() && a.workers().contains(WORKER)));
        return agent;
    }

    /** Points the agent at the model server through the configuration API, as a user would. */
    private static void configure(String agentId, Agent agent) {
        ObjectNode fields = JSON.createObjectNode()
                .put("baseUrl", server.baseUrl() + (agent.v1() ? "/v1" : ""))
                .put("defaultModel", agent.model());
        fields.putObject("credentials").put(agent.keyVariable(), "env:" + KEY_VARIABLE_ON_WORKER);
        given().baseUri(stack.registry.baseUrl()).auth().oauth2(TestApiTokens.OPERATOR)
                .contentType("application/json").body(fields.toString())
                .put("/agents/{id}/config", agentId).then().statusCode(200);
    }

    @ParameterizedTest(name = "{0} writes its file and asks a question, in the default sandbox mode")
    @ValueSource(strings = {"claude-code", "codex", "opencode", "kilocode", "gemini-cli", "qwen", "copilot",
            "codebuddy"})
    void realAgentRunsThroughThePipeline(String agentId) throws Exception {
        Agent agent = installedAndAvailable(agentId);

        String stepId = PipelineIT.newStepId();
        Path workspace = Files.createDirectories(repos.resolve(agentId + "-" + stepId));
        server.script(Conversation.of(AgentTools.writeFile(agentId, workspace.resolve("hello.txt"), "hello from " + agentId),
                Turn.text(CLARIFICATION)));
        long started = System.nanoTime();
        bus.publish(StepRequest.of(stepId, agentId, "Create the file hello.txt containing exactly: hello from "
                + agentId).withWorkspace(workspace.toString()));

        await().atMost(Duration.ofSeconds(240)).until(() -> List.of("BLOCKED", "FAILED", "TIMED_OUT", "COMPLETED",
                "QA_PASSED", "QA_FAILED").contains(stack.state(stepId)));
        long tookMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        JsonPath view = given().baseUri(stack.execution.baseUrl()).get("/steps/{id}", stepId).then()
                .statusCode(200).extract().jsonPath();
        String describe = "step " + view.prettify() + "\nworker log: " + stack.work.resolve("logs");

        assertThat(view.getString("state")).as(describe).isEqualTo("BLOCKED");
        assertThat(view.getString("reason")).as(describe).contains("clarification on the database schema");
        assertThat(workspace.resolve("hello.txt")).as(describe).hasContent("hello from " + agentId);
        assertThat(view.getLong("usage.inputTokens") + view.getLong("usage.outputTokens")).as(describe).isPositive();
        assertThat(view.getString("usage.sessionId")).as(describe).isNotBlank();
        assertThat(view.getString("model")).isEqualTo(agent.model());
        // the run had the default mode: NETWORK_RESTRICTED, reaching the model through the egress proxy
        StepStarted start = bus.stepEvents(stepId, StepStarted.class).getFirst();
        assertThat(start.sandboxBackend()).as(describe).isEqualTo("bwrap");
        StepBlocked blocked = bus.stepEvents(stepId, StepBlocked.class).getFirst();
        assertThat(blocked.output()).as("the key never leaves the sandbox").doesNotContain(API_KEY);
        assertThat(server.scriptedCalls()).as("the prompt reached the model").anyMatch(call ->
                call.body().contains("hello.txt containing exactly: hello from " + agentId));
        System.out.printf("real agent %s: %s, file written, %d tokens in + %d out, %d ms%n", agentId,
                view.getString("state"), view.getLong("usage.inputTokens"), view.getLong("usage.outputTokens"),
                tookMs);
    }

    @ParameterizedTest(name = "{0}, answered, resumes its own session")
    @ValueSource(strings = {"claude-code", "codex", "opencode", "kilocode", "gemini-cli", "qwen", "copilot", "codebuddy"})
    void anAnsweredRealAgentResumesItsOwnSession(String agentId) throws Exception {
        installedAndAvailable(agentId);

        String stepId = PipelineIT.newStepId();
        Path workspace = Files.createDirectories(repos.resolve(agentId + "-" + stepId));
        server.script(Conversation.of(Turn.text(CLARIFICATION)));
        bus.publish(StepRequest.of(stepId, agentId, "Add the schema of the orders table").withWorkspace(
                workspace.toString()));
        await().atMost(Duration.ofSeconds(240)).until(() -> List.of("BLOCKED", "FAILED", "TIMED_OUT", "COMPLETED",
                "QA_PASSED", "QA_FAILED").contains(stack.state(stepId)));
        JsonPath blocked = given().baseUri(stack.execution.baseUrl()).get("/steps/{id}", stepId).then().extract()
                .jsonPath();
        assertThat(blocked.getString("state")).as(blocked.prettify()).isEqualTo("BLOCKED");
        String session = blocked.getString("usage.sessionId");
        assertThat(session).as(blocked.prettify()).isNotBlank();

        // answered: the next attempt resumes that session and finishes
        server.script(Conversation.of(Turn.text("Done: the orders table uses PostgreSQL 16.")));
        given().baseUri(stack.execution.baseUrl()).auth().oauth2(TestApiTokens.OPERATOR)
                .contentType("application/json").body("{\"answer\": \"PostgreSQL 16\"}")
                .post("/steps/{id}/answer", stepId).then().statusCode(202);
        await().atMost(Duration.ofSeconds(240)).until(() -> List.of("BLOCKED", "FAILED", "TIMED_OUT", "COMPLETED",
                "QA_PASSED", "QA_FAILED").contains(stack.state(stepId))
                && given().baseUri(stack.execution.baseUrl()).get("/steps/{id}", stepId).then().extract()
                .<Integer>path("attempt") == 2);
        JsonPath resumed = given().baseUri(stack.execution.baseUrl()).get("/steps/{id}", stepId).then().extract()
                .jsonPath();
        String describe = resumed.prettify() + "\nworker log: " + stack.work.resolve("logs");
        assertThat(resumed.getString("state")).as(describe).isIn("COMPLETED", "QA_PASSED", "QA_FAILED");
        String log = given().baseUri(stack.execution.baseUrl()).accept("text/plain")
                .get("/steps/{id}/logs?attempt=2", stepId).asString();
        assertThat(log).as(describe).contains("[worker] resuming session " + session);
        assertThat(resumed.getString("usage.sessionId")).as("the resumed run carries the same session\n" + describe)
                .isEqualTo(session);
        assertThat(server.scriptedCalls()).as("the answer reached the model").anyMatch(call ->
                call.body().contains("PostgreSQL 16"));
        System.out.printf("real agent %s: answered, resumed session %s, %s%n", agentId, session,
                resumed.getString("state"));
    }

    @ParameterizedTest(name = "{0}, reporting more tokens than its project lets a step spend, is stopped")
    @ValueSource(strings = {"claude-code", "codex"})
    void aRealAgentOverItsStepsTokenBudgetEndsBudgetExceeded(String agentId) throws Exception {
        installedAndAvailable(agentId);
        String project = "budget-" + agentId;
        given().baseUri(stack.registry.baseUrl()).auth().oauth2(TestApiTokens.OPERATOR)
                .contentType("application/json").body("{\"stepBudget\": {\"tokens\": 20000}}")
                .put("/projects/{p}/agents/{id}/config", project, agentId).then().statusCode(anyOf(is(200), is(201)));
        String stepId = PipelineIT.newStepId();
        Path workspace = Files.createDirectories(repos.resolve(agentId + "-" + stepId));
        // every model call says it used 150000 tokens: the first one is over the step's 20000
        server.script(Conversation.of(AgentTools.writeFile(agentId, workspace.resolve("big.txt"), "expensive"),
                Turn.text("Done.")));
        server.reportUsage(new Usage(140_000, 10_000));
        try {
            // announced, and so read by execution-service before the step comes
            await().atMost(Duration.ofSeconds(30)).until(() -> !bus.messages(Topics.AGENT_PROJECT_CONFIG,
                    project + "/" + agentId, ProjectAgentConfig.class).isEmpty());
            Thread.sleep(1_000);
            bus.publish(StepRequest.of(stepId, agentId, "Write big.txt").withWorkspace(workspace.toString())
                    .withProjectId(project));
            await().atMost(Duration.ofSeconds(240)).until(() -> List.of("BLOCKED", "FAILED", "TIMED_OUT",
                    "COMPLETED", "QA_PASSED", "QA_FAILED").contains(stack.state(stepId)));
        } finally {
            server.reportUsage(null);
        }
        JsonPath step = given().baseUri(stack.execution.baseUrl()).get("/steps/{id}", stepId).then().extract()
                .jsonPath();
        assertThat(step.getString("state")).as(step.prettify()).isEqualTo("FAILED");
        assertThat(step.getString("failureCode")).as(step.prettify()).isEqualTo("BUDGET_EXCEEDED");
        assertThat(step.getString("reason")).as(step.prettify()).contains("of the 20000 left");
        assertThat(step.getInt("attempt")).as("no second attempt spends more").isEqualTo(1);
        System.out.printf("real agent %s: stopped over its budget: %s%n", agentId, step.getString("reason"));
    }
}
