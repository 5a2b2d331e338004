package dev.devgodzilla.execution;

import dev.devgodzilla.contracts.CloudEvents;
import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentCatalogFile;
import dev.devgodzilla.contracts.agents.AgentConfiguration;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.contracts.agents.AgentRouting;
import dev.devgodzilla.contracts.messages.AgentAvailability;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.TokenUsage;
import dev.devgodzilla.contracts.prompts.PromptTemplate;
import dev.devgodzilla.contracts.agents.ProjectAgentConfig;
import dev.devgodzilla.testkit.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A step's way through the bus: request, job, worker events, QA; and the records that must not pass. */
@QuarkusTest
@WithTestResource(DummyAgentAvailableResource.class)
@WithTestResource(PostgresTestResource.class)
class StepFlowTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theRegistrysAgentConfigurationSetsLimitsAndADisabledAgentFailsAtOnce() {
        // registry-service announces codex disabled: a step for it fails at once, saying how to enable it
        announce("codex", 100, fields -> fields.put("enabled", false));
        await().atMost(WAIT).until(() -> !AgentCatalog.find("codex").orElseThrow().settings().isEnabled());
        try {
            StepRequest forCodex = StepRequest.of("flow-disabled", "codex", "hello");
            TestBus.send(Topics.STEP_REQUESTS, forCodex.stepId(), forCodex);
            await().atMost(WAIT).until(() -> "FAILED".equals(state("flow-disabled")));
            assertThat(view("flow-disabled").getString("failureCode")).isEqualTo("POLICY_REJECTED");
            assertThat(view("flow-disabled").getString("reason")).contains("disabled").contains("enabled=true");
            assertThat(TestBus.records(Topics.jobsFor("codex"), "flow-disabled")).isEmpty();
        } finally {
            announce("codex", 101, fields -> fields);
            await().atMost(WAIT).until(() -> AgentCatalog.find("codex").orElseThrow().settings().isEnabled());
        }

        // limits from the dummy's configuration go into its job; the model's source is in the timeline
        announce("dummy", 100, fields -> fields.put("timeout", 77).put("idleTimeout", 33).put("defaultModel", "m-77"));
        await().atMost(WAIT).until(() -> Integer.valueOf(77).equals(
                AgentCatalog.find("dummy").orElseThrow().settings().timeoutSeconds()));
        try {
            StepRequest request = StepRequest.of("flow-configured", null, "hello");
            TestBus.send(Topics.STEP_REQUESTS, request.stepId(), request);
            await().atMost(WAIT).until(() -> TestBus.jobs("flow-configured").size() == 1);
            SandboxJob job = TestBus.jobs("flow-configured").getFirst();
            assertThat(job.timeoutSeconds()).isEqualTo(77);
            assertThat(job.idleTimeoutSeconds()).isEqualTo(33);
            assertThat(job.model()).isEqualTo("m-77");
            assertThat(view("flow-configured").getList("events.summary", String.class))
                    .anyMatch(s -> s.contains("model m-77 (from the agent's configuration)"));
        } finally {
            // back to the built-in dummy for the other tests
            announce("dummy", 101, fields -> fields);
            await().atMost(WAIT).until(() -> AgentCatalog.find("dummy").orElseThrow().settings().timeoutSeconds()
                    == null);
        }
    }

    @Test
    void aStepThatNamesNoAgentGoesWhereTheRoutingSays() {
        TestBus.send(Topics.AGENT_ROUTING, AgentRouting.KEY, new AgentRouting(AgentRouting.SCHEMA_VERSION, 1,
                Instant.now(), "dummy", java.util.Map.of("review", "codex"),
                List.of(new AgentRouting.Assignment("shop", null, "dummy"))));
        await().atMost(WAIT).until(() -> {
            StepRequest probe = StepRequest.of("flow-route-probe-" + Ids.newEventId(), null, "hello");
            TestBus.send(Topics.STEP_REQUESTS, probe.stepId(), withProjectAndType(probe, "shop", "execute"));
            await().atMost(WAIT).until(() -> state(probe.stepId()) != null);
            return view(probe.stepId()).getList("events.summary", String.class).stream()
                    .anyMatch(s -> s.contains("(from assignment (project shop))"));
        });

        StepRequest review = withProjectAndType(StepRequest.of("flow-route-review", null, "look"), "other", "review");
        TestBus.send(Topics.STEP_REQUESTS, review.stepId(), review);
        await().atMost(WAIT).until(() -> state("flow-route-review") != null);
        assertThat(view("flow-route-review").getString("agentId")).isEqualTo("codex");
        assertThat(view("flow-route-review").getList("events.summary", String.class))
                .anyMatch(s -> s.contains("(from the default agent of task type review)"));
    }

    @Test
    void aProjectsConfigurationOfTheAgentSetsItsStepsModelLimitsAndModes() {
        com.fasterxml.jackson.databind.node.ObjectNode fields = Json.mapper().createObjectNode()
                .put("defaultModel", "m-shop").put("timeout", 88).put("maxAttempts", 1)
                .put("defaultMode", "READ_ONLY").put("maxMode", "WORKSPACE_WRITE");
        TestBus.send(Topics.AGENT_PROJECT_CONFIG, "flow-shop/dummy", new ProjectAgentConfig(
                ProjectAgentConfig.SCHEMA_VERSION, "flow-shop", "dummy", 3, Instant.now(), fields, false));
        // the project's steps get its model, limits and default mode once execution-service has read it
        await().atMost(WAIT).until(() -> {
            StepRequest probe = withProjectAndType(StepRequest.of("flow-proj-" + Ids.newEventId(), "dummy", "hello"),
                    "flow-shop", null);
            TestBus.send(Topics.STEP_REQUESTS, probe.stepId(), probe);
            await().atMost(WAIT).until(() -> TestBus.jobs(probe.stepId()).size() == 1);
            SandboxJob job = TestBus.jobs(probe.stepId()).getFirst();
            return "m-shop".equals(job.model()) && job.timeoutSeconds() == 88
                    && job.sandboxMode() == dev.devgodzilla.contracts.messages.SandboxMode.READ_ONLY
                    && view(probe.stepId()).getList("events.summary", String.class).stream()
                    .anyMatch(s -> s.contains("model m-shop (from project flow-shop's configuration of the agent)"));
        });
        // another project's step, and one of no project, keep the agent's own values
        StepRequest other = withProjectAndType(StepRequest.of("flow-proj-other", "dummy", "hello"), "elsewhere", null);
        TestBus.send(Topics.STEP_REQUESTS, other.stepId(), other);
        await().atMost(WAIT).until(() -> TestBus.jobs("flow-proj-other").size() == 1);
        assertThat(TestBus.jobs("flow-proj-other").getFirst().timeoutSeconds()).isEqualTo(300);
        assertThat(TestBus.jobs("flow-proj-other").getFirst().sandboxMode()).isNull();
        // a mode above the project's maximum is refused before dispatch
        StepRequest tooMuch = withProjectAndType(StepRequest.of("flow-proj-full", "dummy", "hello"), "flow-shop", null)
                .withSandboxMode(dev.devgodzilla.contracts.messages.SandboxMode.FULL_ACCESS);
        TestBus.send(Topics.STEP_REQUESTS, tooMuch.stepId(), tooMuch);
        await().atMost(WAIT).until(() -> "FAILED".equals(state("flow-proj-full")));
        assertThat(view("flow-proj-full").getString("failureCode")).isEqualTo("POLICY_REJECTED");
        assertThat(view("flow-proj-full").getString("reason")).contains("WORKSPACE_WRITE").contains("flow-shop");
        assertThat(TestBus.jobs("flow-proj-full")).isEmpty();
        // a project that does not allow the agent: its steps are refused, naming the project
        TestBus.send(Topics.AGENT_PROJECT_CONFIG, "flow-closed/dummy", new ProjectAgentConfig(
                ProjectAgentConfig.SCHEMA_VERSION, "flow-closed", "dummy", 1, Instant.now(),
                Json.mapper().createObjectNode().put("enabled", false), false));
        await().atMost(WAIT).until(() -> {
            StepRequest probe = withProjectAndType(StepRequest.of("flow-closed-" + Ids.newEventId(), "dummy",
                    "hello"), "flow-closed", null);
            TestBus.send(Topics.STEP_REQUESTS, probe.stepId(), probe);
            await().atMost(WAIT).until(() -> state(probe.stepId()) != null && !"RECEIVED".equals(state(probe.stepId())));
            return "FAILED".equals(state(probe.stepId())) && view(probe.stepId()).getString("reason")
                    .contains("not allowed in project 'flow-closed'") && TestBus.jobs(probe.stepId()).isEmpty();
        });
        // removed: the agent's own values again
        TestBus.send(Topics.AGENT_PROJECT_CONFIG, "flow-shop/dummy", new ProjectAgentConfig(
                ProjectAgentConfig.SCHEMA_VERSION, "flow-shop", "dummy", 4, Instant.now(), null, true));
        await().atMost(WAIT).until(() -> {
            StepRequest probe = withProjectAndType(StepRequest.of("flow-proj-" + Ids.newEventId(), "dummy", "hello"),
                    "flow-shop", null);
            TestBus.send(Topics.STEP_REQUESTS, probe.stepId(), probe);
            await().atMost(WAIT).until(() -> TestBus.jobs(probe.stepId()).size() == 1);
            return TestBus.jobs(probe.stepId()).getFirst().timeoutSeconds() == 300;
        });
    }

    @Test
    void aStepGetsThePromptOfItsTemplateAndTheTimelineSaysWhichOne() {
        TestBus.send(Topics.PROMPT_TEMPLATES, "bugfix", new PromptTemplate(PromptTemplate.SCHEMA_VERSION, "bugfix", 4,
                Instant.now(), null, "Bug in {projectId}: {task}", false));
        TestBus.send(Topics.PROMPT_TEMPLATES, "terse", new PromptTemplate(PromptTemplate.SCHEMA_VERSION, "terse", 1,
                Instant.now(), null, "{task} ({agentId})", false));
        // a template of the step's task type applies once execution-service has read it
        await().atMost(WAIT).until(() -> {
            StepRequest probe = withProjectAndType(StepRequest.of("flow-tpl-" + Ids.newEventId(), "dummy", "crash"),
                    "shop", "bugfix");
            TestBus.send(Topics.STEP_REQUESTS, probe.stepId(), probe);
            await().atMost(WAIT).until(() -> TestBus.jobs(probe.stepId()).size() == 1);
            return TestBus.jobs(probe.stepId()).getFirst().prompt().equals("Bug in shop: crash\n")
                    && view(probe.stepId()).getList("events.summary", String.class).stream()
                    .anyMatch(s -> s.contains("prompt template 'bugfix' v4 (from the task type)"));
        });
        // one the request names wins over it
        StepRequest named = withTemplate(withProjectAndType(StepRequest.of("flow-tpl-named", "dummy", "crash"),
                "shop", "bugfix"), "terse");
        TestBus.send(Topics.STEP_REQUESTS, named.stepId(), named);
        await().atMost(WAIT).until(() -> TestBus.jobs("flow-tpl-named").size() == 1);
        assertThat(TestBus.jobs("flow-tpl-named").getFirst().prompt()).isEqualTo("crash (dummy)\n");
        assertThat(view("flow-tpl-named").getList("events.summary", String.class))
                .anyMatch(s -> s.contains("prompt template 'terse' v1 (from the request)"));
        // a step of another type gets the built-in default
        StepRequest plain = StepRequest.of("flow-tpl-plain", "dummy", "hello");
        TestBus.send(Topics.STEP_REQUESTS, plain.stepId(), plain);
        await().atMost(WAIT).until(() -> TestBus.jobs("flow-tpl-plain").size() == 1);
        assertThat(TestBus.jobs("flow-tpl-plain").getFirst().prompt()).isEqualTo("hello\n");
        assertThat(view("flow-tpl-plain").getList("events.summary", String.class))
                .anyMatch(s -> s.contains("prompt template 'default' built in (from the default)"));
        // a template that does not exist is refused at the edge, naming the field, and nothing is stored
        given().auth().oauth2(dev.devgodzilla.testkit.TestApiTokens.OPERATOR).contentType("application/json")
                .body("{\"stepId\": \"flow-tpl-missing\", \"task\": \"x\", \"promptTemplate\": \"nope\"}")
                .post("/steps").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem("promptTemplate"));
        assertThat(state("flow-tpl-missing")).isNull();
        // a removed template no longer applies
        TestBus.send(Topics.PROMPT_TEMPLATES, "terse", new PromptTemplate(PromptTemplate.SCHEMA_VERSION, "terse", 2,
                Instant.now(), null, "", true));
        await().atMost(WAIT).until(() -> given().auth().oauth2(dev.devgodzilla.testkit.TestApiTokens.OPERATOR)
                .contentType("application/json")
                .body("{\"stepId\": \"flow-tpl-gone\", \"task\": \"x\", \"promptTemplate\": \"terse\"}")
                .post("/steps").statusCode() == 400);
    }

    private static StepRequest withTemplate(StepRequest r, String template) {
        return new StepRequest(r.schemaVersion(), r.eventId(), r.occurredAt(), r.stepId(), r.planId(), r.projectId(),
                r.agentId(), r.model(), r.taskType(), r.task(), r.context(), r.dependencies(), r.instructions(),
                r.workspace(), r.sandboxMode(), r.timeoutSeconds(), r.qaCommand(), r.labels(), r.setupCommand(),
                template);
    }

    private static StepRequest withProjectAndType(StepRequest r, String projectId, String taskType) {
        return new StepRequest(r.schemaVersion(), r.eventId(), r.occurredAt(), r.stepId(), r.planId(), projectId,
                r.agentId(), r.model(), taskType, r.task(), r.context(), r.dependencies(), r.instructions(),
                r.workspace(), r.sandboxMode(), r.timeoutSeconds(), r.qaCommand(), r.labels(), r.setupCommand());
    }

    /** Sends what registry-service would announce: the built-in agent with {@code fields} applied. */
    private static void announce(String agentId, long version,
                                 java.util.function.UnaryOperator<com.fasterxml.jackson.databind.node.ObjectNode> fields) {
        AgentMetadata agent = AgentCatalogFile.overlay(AgentCatalog.builtIn(agentId).orElseThrow(), agentId,
                fields.apply(Json.mapper().createObjectNode()), "test");
        TestBus.send(Topics.AGENT_CONFIG, agentId, new AgentConfiguration(AgentConfiguration.SCHEMA_VERSION, agentId,
                version, Instant.now(), agent, false));
    }

    @Test
    void requestRunsToQaPassed() {
        // a producer submits a step on step-requests
        StepRequest request = StepRequest.of("flow-happy", null, "say hello\nsecond line");
        TestBus.send(Topics.STEP_REQUESTS, request.stepId(), request);

        // the worker's job arrives on sandbox-jobs.dummy, keyed by stepId, with CloudEvents headers
        await().atMost(WAIT).until(() -> TestBus.records(Topics.jobsFor("dummy"), "flow-happy").size() == 1);
        ConsumerRecord<String, String> record = TestBus.records(Topics.jobsFor("dummy"), "flow-happy").getFirst();
        assertThat(TestBus.header(record, CloudEvents.TYPE)).isEqualTo("dev.devgodzilla.sandbox.job");
        SandboxJob job = Json.read(record.value(), SandboxJob.class);
        assertThat(job.attempt()).isEqualTo(1);
        assertThat(job.agentId()).isEqualTo("dummy");
        assertThat(job.prompt()).startsWith("say hello\nsecond line");
        assertThat(job.timeoutSeconds()).isEqualTo(300);
        assertThat(view("flow-happy").getString("state")).isEqualTo("DISPATCHED");

        // the worker starts and completes the attempt
        TestBus.send(Topics.STEP_EVENTS, "flow-happy", TestBus.started("flow-happy", 1));
        TestBus.send(Topics.STEP_EVENTS, "flow-happy", TestBus.completed("flow-happy", 1));
        await().atMost(WAIT).until(() -> "COMPLETED".equals(StepFlowTest.state("flow-happy")));
        JsonPath completed = view("flow-happy");
        assertThat(completed.getList("events.kind", String.class))
                .containsSubsequence("received", "dispatched", "started", "completed");
        assertThat(completed.getString("request.task")).isEqualTo("say hello\nsecond line");
        // what the agent said and used, from the completed event
        assertThat(completed.getInt("usage.attempt")).isEqualTo(1);
        assertThat(completed.getString("usage.finalMessage")).isEqualTo("done");
        assertThat(completed.getLong("usage.inputTokens")).isEqualTo(1200);
        assertThat(completed.getLong("usage.outputTokens")).isEqualTo(340);
        assertThat(completed.getDouble("usage.costUsd")).isEqualTo(0.0125);
        assertThat(completed.getString("usage.sessionId")).isEqualTo("session-flow-happy");

        // QA passes
        TestBus.send(Topics.QA_RESULTS, "flow-happy", TestBus.qa("flow-happy", 1, QaVerdict.PASSED));
        await().atMost(WAIT).until(() -> "QA_PASSED".equals(StepFlowTest.state("flow-happy")));
        assertThat(view("flow-happy").getString("qaVerdict")).isEqualTo("PASSED");
    }

    @Test
    void aQaResultThatOvertakesTheCompletionIsHeldAndAppliedWhenItIsRecorded() {
        StepRequest request = StepRequest.of("flow-qa-early", null, "quick");
        TestBus.send(Topics.STEP_REQUESTS, request.stepId(), request);
        await().atMost(WAIT).until(() -> TestBus.jobs("flow-qa-early").size() == 1);
        TestBus.send(Topics.STEP_EVENTS, "flow-qa-early", TestBus.started("flow-qa-early", 1));
        await().atMost(WAIT).until(() -> "RUNNING".equals(StepFlowTest.state("flow-qa-early")));

        // qa-results is read before step-events has delivered the completion QA checked
        TestBus.send(Topics.QA_RESULTS, "flow-qa-early", TestBus.qa("flow-qa-early", 1, QaVerdict.PASSED));
        await().atMost(WAIT).until(() -> view("flow-qa-early").getList("events.kind", String.class)
                .contains("qa-held"));
        assertThat(view("flow-qa-early").getString("state")).isEqualTo("RUNNING");

        TestBus.send(Topics.STEP_EVENTS, "flow-qa-early", TestBus.completed("flow-qa-early", 1));
        await().atMost(WAIT).until(() -> "QA_PASSED".equals(StepFlowTest.state("flow-qa-early")));
        assertThat(view("flow-qa-early").getList("events.kind", String.class))
                .containsSubsequence("started", "qa-held", "completed", "qa");
    }

    @Test
    void unreadableAndInvalidRequestsGoToTheDlqAndConsumptionGoesOn() {
        // a record that is not JSON, then one without a task, then a valid one
        TestBus.sendRaw(Topics.STEP_REQUESTS, "dlq-malformed", "{not json");
        TestBus.sendRaw(Topics.STEP_REQUESTS, "dlq-missing", "{\"stepId\":\"dlq-missing\"}");
        TestBus.send(Topics.STEP_REQUESTS, "dlq-valid", StepRequest.of("dlq-valid", "dummy", "after the bad ones"));

        String dlq = Topics.dlq(Topics.STEP_REQUESTS);
        await().atMost(WAIT).until(() -> !TestBus.records(dlq, "dlq-malformed").isEmpty()
                && !TestBus.records(dlq, "dlq-missing").isEmpty());
        assertThat(TestBus.header(TestBus.records(dlq, "dlq-malformed").getFirst(), "dead-letter-reason"))
                .contains("not a valid StepRequest");
        assertThat(TestBus.header(TestBus.records(dlq, "dlq-missing").getFirst(), "dead-letter-reason"))
                .contains("task: is required");

        // the valid record behind them is processed
        await().atMost(WAIT).until(() -> TestBus.jobs("dlq-valid").size() == 1);
    }

    @Test
    void duplicateStartsNothingNewAndConflictIsRejected() {
        StepRequest request = StepRequest.of("flow-dup", "dummy", "only once");
        TestBus.send(Topics.STEP_REQUESTS, "flow-dup", request);
        await().atMost(WAIT).until(() -> TestBus.jobs("flow-dup").size() == 1);

        // the same body again (new envelope), then a different body under the same stepId
        TestBus.send(Topics.STEP_REQUESTS, "flow-dup", StepRequest.of("flow-dup", "dummy", "only once"));
        TestBus.send(Topics.STEP_REQUESTS, "flow-dup", StepRequest.of("flow-dup", "dummy", "something else"));

        String dlq = Topics.dlq(Topics.STEP_REQUESTS);
        await().atMost(WAIT).until(() -> !TestBus.records(dlq, "flow-dup").isEmpty());
        assertThat(TestBus.records(dlq, "flow-dup")).hasSize(1);
        assertThat(TestBus.header(TestBus.records(dlq, "flow-dup").getFirst(), "dead-letter-reason"))
                .startsWith("stepId flow-dup already exists with a different request (it is ");
        // the duplicate was handled before the conflict reached the DLQ: still exactly one job
        assertThat(TestBus.jobs("flow-dup")).hasSize(1);
        assertThat(view("flow-dup").getString("request.task")).isEqualTo("only once");
    }

    @Test
    void anAgentNoWorkerHasFailsFastNamingHowToInstallIt() {
        // registry-service has said for minutes that no worker has codex
        TestBus.send(Topics.AGENT_AVAILABILITY, "codex", new AgentAvailability(AgentAvailability.SCHEMA_VERSION,
                "availability-codex", Instant.now().minus(Duration.ofMinutes(5)), "codex", false, List.of(),
                List.of(), "no live worker has codex"));

        TestBus.send(Topics.STEP_REQUESTS, "flow-codex", StepRequest.of("flow-codex", "codex", "anything"));

        await().atMost(WAIT).until(() -> "FAILED".equals(StepFlowTest.state("flow-codex")));
        JsonPath failed = view("flow-codex");
        assertThat(failed.getString("failureCode")).isEqualTo("AGENT_UNAVAILABLE");
        assertThat(failed.getString("reason")).contains("no live worker has codex")
                .contains("npm install -g @openai/codex");
        assertThat(failed.getInt("attempt")).isZero();
        assertThat(TestBus.jobs("flow-codex")).isEmpty();
    }

    @Test
    void unknownAgentFailsWithAgentNotFound() {
        TestBus.send(Topics.STEP_REQUESTS, "flow-foo", StepRequest.of("flow-foo", "foo", "anything"));

        await().atMost(WAIT).until(() -> "FAILED".equals(StepFlowTest.state("flow-foo")));
        JsonPath failed = view("flow-foo");
        assertThat(failed.getString("failureCode")).isEqualTo("AGENT_NOT_FOUND");
        assertThat(failed.getString("reason")).contains("unknown agent 'foo'").contains("codex", "dummy");

        // the failure is announced on step-events
        await().atMost(WAIT).until(() -> !TestBus.records(Topics.STEP_EVENTS, "flow-foo").isEmpty());
        ConsumerRecord<String, String> event = TestBus.records(Topics.STEP_EVENTS, "flow-foo").getFirst();
        assertThat(event.value()).contains("\"type\":\"failed\"", "AGENT_NOT_FOUND", "\"attempt\":0");
        assertThat(TestBus.header(event, CloudEvents.TYPE)).isEqualTo("dev.devgodzilla.step.failed");
        assertThat(TestBus.jobs("flow-foo")).isEmpty();
    }

    @Test
    void aStepAndItsProjectAreHeldToTheirBudgetsBeforeEachDispatch() {
        com.fasterxml.jackson.databind.node.ObjectNode fields = Json.mapper().createObjectNode().put("maxAttempts", 3);
        fields.putObject("stepBudget").put("tokens", 1000);
        fields.putObject("projectBudget").put("tokens", 1500);
        TestBus.send(Topics.AGENT_PROJECT_CONFIG, "flow-budget/dummy", new ProjectAgentConfig(
                ProjectAgentConfig.SCHEMA_VERSION, "flow-budget", "dummy", 1, Instant.now(), fields, false));
        await().atMost(WAIT).until(() -> {
            StepRequest probe = withProjectAndType(StepRequest.of("flow-budget-a-" + Ids.newEventId(), "dummy",
                    "hello"), "flow-budget", null);
            TestBus.send(Topics.STEP_REQUESTS, probe.stepId(), probe);
            await().atMost(WAIT).until(() -> TestBus.jobs(probe.stepId()).size() == 1);
            SandboxJob job = TestBus.jobs(probe.stepId()).getFirst();
            if (job.budget() == null) {
                return false;
            }
            // the job carries what is left: the step's 1000 tokens, within the project's 1500
            assertThat(job.budget().tokens()).isEqualTo(1000L);
            // attempt 1 fails retriably after spending 1200 tokens: no attempt 2, the step's budget is spent
            TestBus.send(Topics.STEP_EVENTS, probe.stepId(), failedAfterSpending(probe.stepId(), 1200));
            await().atMost(WAIT).until(() -> "FAILED".equals(state(probe.stepId())));
            assertThat(view(probe.stepId()).getString("failureCode")).isEqualTo("BUDGET_EXCEEDED");
            assertThat(view(probe.stepId()).getString("reason")).contains("has spent 1200 tokens of its budget of"
                    + " 1000 tokens").contains("stepBudget.tokens=");
            assertThat(attempts(probe.stepId())).containsExactly(1);
            return true;
        });
        // the project has 300 tokens left: the next step's job carries them, and its attempt spends 400
        StepRequest second = withProjectAndType(StepRequest.of("flow-budget-b", "dummy", "hello"), "flow-budget", null);
        TestBus.send(Topics.STEP_REQUESTS, second.stepId(), second);
        await().atMost(WAIT).until(() -> TestBus.jobs("flow-budget-b").size() == 1);
        assertThat(TestBus.jobs("flow-budget-b").getFirst().budget().tokens()).isEqualTo(300L);
        StepCompleted spent = TestBus.completed("flow-budget-b", 1);
        TestBus.send(Topics.STEP_EVENTS, "flow-budget-b", new StepCompleted(spent.schemaVersion(), spent.eventId(),
                spent.occurredAt(), spent.stepId(), 1, "dummy", spent.source(), 0, 5, null, "done",
                new TokenUsage(350, 50, 0, null), null, null, null, null, null));
        await().atMost(WAIT).until(() -> "COMPLETED".equals(state("flow-budget-b")));
        // nothing left for the project: its next step fails before any dispatch; another project's runs
        StepRequest third = withProjectAndType(StepRequest.of("flow-budget-c", "dummy", "hello"), "flow-budget", null);
        TestBus.send(Topics.STEP_REQUESTS, third.stepId(), third);
        await().atMost(WAIT).until(() -> "FAILED".equals(state("flow-budget-c")));
        assertThat(view("flow-budget-c").getString("failureCode")).isEqualTo("BUDGET_EXCEEDED");
        assertThat(view("flow-budget-c").getString("reason")).contains("project 'flow-budget' has spent")
                .contains("of its budget of 1500 tokens").contains("--project flow-budget projectBudget.tokens=");
        assertThat(TestBus.jobs("flow-budget-c")).isEmpty();
        StepRequest elsewhere = withProjectAndType(StepRequest.of("flow-budget-d", "dummy", "hello"), "other", null);
        TestBus.send(Topics.STEP_REQUESTS, elsewhere.stepId(), elsewhere);
        await().atMost(WAIT).until(() -> TestBus.jobs("flow-budget-d").size() == 1);
        assertThat(TestBus.jobs("flow-budget-d").getFirst().budget()).isNull();
    }

    private static StepFailed failedAfterSpending(String stepId, long tokens) {
        StepFailed f = failed(stepId, 1, FailureCode.RATE_LIMITED);
        return new StepFailed(f.schemaVersion(), f.eventId(), f.occurredAt(), stepId, 1, "dummy", f.source(),
                f.code(), f.reason(), null, 10, null, null, null, new TokenUsage(tokens - 200, 200, 0, null));
    }

    @Test
    void retriableFailureIsRetriedAndAFinalOneEndsTheStep() {
        TestBus.send(Topics.STEP_REQUESTS, "flow-retry", StepRequest.of("flow-retry", "dummy", "flaky"));
        await().atMost(WAIT).until(() -> attempts("flow-retry").equals(List.of(1)));

        // attempt 1 hits a rate limit: retriable, so attempt 2 follows after the backoff
        TestBus.send(Topics.STEP_EVENTS, "flow-retry", failed("flow-retry", 1, FailureCode.RATE_LIMITED));
        await().atMost(WAIT).until(() -> attempts("flow-retry").equals(List.of(1, 2)));

        // attempt 2 times out: not retriable
        TestBus.send(Topics.STEP_EVENTS, "flow-retry", failed("flow-retry", 2, FailureCode.TIMED_OUT));
        await().atMost(WAIT).until(() -> "TIMED_OUT".equals(StepFlowTest.state("flow-retry")));
        assertThat(view("flow-retry").getString("failureCode")).isEqualTo("TIMED_OUT");
        assertThat(attempts("flow-retry")).containsExactly(1, 2);
    }

    static StepFailed failed(String stepId, int attempt, FailureCode code) {
        return new StepFailed(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), stepId, attempt, "dummy",
                TestBus.WORKER, code, code.name().toLowerCase(), null, 10, null, null, null);
    }

    /** The step's state, or null while execution-service does not know the step yet. */
    static String state(String stepId) {
        var response = given().get("/steps/{id}", stepId);
        return response.statusCode() == 404 ? null : response.then().statusCode(200).extract().path("state");
    }

    static JsonPath view(String stepId) {
        return given().get("/steps/{id}", stepId).then().statusCode(200).extract().jsonPath();
    }

    static List<Integer> attempts(String stepId) {
        return TestBus.jobs(stepId).stream().map(SandboxJob::attempt).toList();
    }
}
