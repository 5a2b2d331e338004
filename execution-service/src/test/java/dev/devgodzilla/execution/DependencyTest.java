package dev.devgodzilla.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepState;
import dev.devgodzilla.execution.domain.Step;
import dev.devgodzilla.execution.domain.StepDependency;
import dev.devgodzilla.execution.repository.StepDependencyRepository;
import dev.devgodzilla.execution.repository.StepRepository;
import dev.devgodzilla.execution.service.StateChanges;
import dev.devgodzilla.testkit.PostgresTestResource;
import dev.devgodzilla.testkit.TestApiTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

/** Steps that wait for the steps they depend on, in order, and fail when one of those fails. */
@QuarkusTest
@WithTestResource(DummyAgentAvailableResource.class)
@WithTestResource(PostgresTestResource.class)
class DependencyTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    StateChanges changes;
    @Inject
    StepRepository steps;
    @Inject
    StepDependencyRepository dependencies;

    @Test
    void aChainRunsInOrderAndAFailureEndsTheStepsAfterIt() {
        // C and B come before what they depend on: they wait for it
        submit(dependingOn("dep-c", "dep-b"));
        submit(dependingOn("dep-b", "dep-a"));
        await().atMost(WAIT).until(() -> "WAITING".equals(StepFlowTest.state("dep-b"))
                && "WAITING".equals(StepFlowTest.state("dep-c")));
        submit(StepRequest.of("dep-a", "dummy", "print a"));
        await().atMost(WAIT).until(() -> TestBus.jobs("dep-a").size() == 1);
        assertThat(TestBus.jobs("dep-b")).isEmpty();
        given().get("/steps/dep-b").then().body("events.summary", hasItem(containsString("waiting for dep-a")));

        // A passes QA: B runs; B fails QA: C fails, naming B
        pass("dep-a", QaVerdict.PASSED);
        await().atMost(WAIT).until(() -> TestBus.jobs("dep-b").size() == 1);
        assertThat(TestBus.jobs("dep-c")).isEmpty();
        pass("dep-b", QaVerdict.FAILED);
        await().atMost(WAIT).until(() -> "FAILED".equals(StepFlowTest.state("dep-c")));
        assertThat(StepFlowTest.view("dep-c").getString("failureCode")).isEqualTo("DEPENDENCY_FAILED");
        assertThat(StepFlowTest.view("dep-c").getString("reason")).contains("dep-b").contains("QA_FAILED");
        assertThat(TestBus.jobs("dep-c")).isEmpty();
    }

    @Test
    void aCycleIsRefusedAtSubmissionAndAWaitingStepCanBeCancelled() {
        submit(dependingOn("cyc-x", "cyc-y"));
        await().atMost(WAIT).until(() -> "WAITING".equals(StepFlowTest.state("cyc-x")));
        given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json")
                .body("{\"stepId\": \"cyc-y\", \"agentId\": \"dummy\", \"task\": \"t\", \"dependencies\": [\"cyc-x\"]}")
                .post("/steps").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("dependencies"))
                .body("detail", containsString("cyc-y -> cyc-x -> cyc-y"));
        given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json")
                .body("{\"stepId\": \"cyc-self\", \"task\": \"t\", \"dependencies\": [\"cyc-self\"]}")
                .post("/steps").then().statusCode(400);
        assertThat(StepFlowTest.state("cyc-y")).isNull();

        given().auth().oauth2(TestApiTokens.OPERATOR).post("/steps/cyc-x/cancel").then().statusCode(202);
        assertThat(StepFlowTest.state("cyc-x")).isEqualTo("CANCELLED");

        // a dependency that describes rather than names a step is only text for the prompt
        StepRequest described = new StepRequest(1, "e", Instant.now(), "dep-text", null, null, "dummy", null, null,
                "t", null, List.of("step 1 made the schema"), null, null, null, null, null, null, null);
        submit(described);
        await().atMost(WAIT).until(() -> TestBus.jobs("dep-text").size() == 1);
    }

    @Test
    void aStepWhoseDependencyNeverArrivesFailsOnceItsWaitIsOverWhileOneWithARunningDependencyWaits() throws Throwable {
        // received two days ago (the wait is a day), depending on a step execution-service never heard of
        waitingSince("dep-never", "dep-missing", Instant.now().minus(Duration.ofDays(2)));
        // received as long ago, depending on a step that is under way: nothing to decide yet
        submit(StepRequest.of("dep-running", "dummy", "print running"));
        await().atMost(WAIT).until(() -> TestBus.jobs("dep-running").size() == 1);
        waitingSince("dep-patient", "dep-running", Instant.now().minus(Duration.ofDays(2)));

        await().atMost(WAIT).until(() -> "FAILED".equals(StepFlowTest.state("dep-never")));
        assertThat(StepFlowTest.view("dep-never").getString("failureCode")).isEqualTo("DEPENDENCY_FAILED");
        assertThat(StepFlowTest.view("dep-never").getString("reason"))
                .contains("dep-missing it depends on did not arrive within");
        assertThat(StepFlowTest.state("dep-patient")).isEqualTo("WAITING");
    }

    /** A step stored as waiting for {@code dependency} since {@code since}, as a request long ago left it. */
    private void waitingSince(String stepId, String dependency, Instant since) throws Throwable {
        Step step = new Step();
        step.stepId = stepId;
        step.request = "{}";
        step.requestHash = "hash-" + stepId;
        step.agentId = "dummy";
        step.state = StepState.WAITING;
        step.maxAttempts = 1;
        step.createdAt = since;
        step.updatedAt = since;
        VertxContextSupport.subscribeAndAwait(() -> changes.commit(() -> steps.persist(step)
                .chain(() -> dependencies.persist(List.of(StepDependency.of(stepId, dependency))))));
    }

    private static StepRequest dependingOn(String stepId, String dependency) {
        return new StepRequest(1, "e-" + stepId, Instant.now(), stepId, "plan-1", null, "dummy", null, null,
                "print " + stepId, null, List.of(dependency), null, null, null, null, null, null, null);
    }

    private static void submit(StepRequest request) {
        TestBus.send(Topics.STEP_REQUESTS, request.stepId(), request);
    }

    private static void pass(String stepId, QaVerdict verdict) {
        TestBus.send(Topics.STEP_EVENTS, stepId, TestBus.started(stepId, 1));
        TestBus.send(Topics.STEP_EVENTS, stepId, TestBus.completed(stepId, 1));
        TestBus.send(Topics.QA_RESULTS, stepId, TestBus.qa(stepId, 1, verdict));
    }
}
