package dev.devgodzilla.execution;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.FeedbackAction;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.StepBlocked;
import dev.devgodzilla.contracts.messages.StepFeedback;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.testkit.PostgresTestResource;
import dev.devgodzilla.testkit.TestApiTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/** A blocked step's question, its answer over REST, and the attempt that resumes with it. */
@QuarkusTest
@WithTestResource(DummyAgentAvailableResource.class)
@WithTestResource(PostgresTestResource.class)
class ClarificationTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void anAnsweredQuestionRunsANewAttemptWithTheAnswerResumingTheAgentsSession() {
        String stepId = "clarify-answer";
        blockOnFirstAttempt(stepId, FeedbackAction.CLARIFY, "session-abc");

        // the question is open, on the step and in the list of open ones
        String id = given().get("/steps/{id}/clarifications", stepId).then().statusCode(200)
                .body("[0].state", equalTo("OPEN")).body("[0].question", equalTo("Which database?"))
                .body("[0].sessionId", equalTo("session-abc")).body("[0].suggestedAction", equalTo("CLARIFY"))
                .extract().path("[0].id");
        given().get("/clarifications?state=open").then().statusCode(200).body("id", hasItem(id));

        // bad answers change nothing
        asOperator().body("{\"answer\": \" \"}").post("/steps/{id}/answer", stepId).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("answer"));
        given().contentType("application/json").body("{\"answer\": \"x\"}").post("/steps/{id}/answer", stepId)
                .then().statusCode(401);
        asOperator().body("{\"answer\": \"x\"}").post("/steps/{id}/answer", "nope").then().statusCode(404);
        asOperator().body("{\"answer\": \"x\", \"clarificationId\": \"clar-other\"}")
                .post("/steps/{id}/answer", stepId).then().statusCode(409);

        // the answer: attempt 2, with the question and the answer in its prompt, resuming the session
        asOperator().body("{\"answer\": \"PostgreSQL 16\", \"answeredBy\": \"alice\"}")
                .post("/steps/{id}/answer", stepId).then().statusCode(202)
                .body("state", equalTo("ANSWERED")).body("answeredBy", equalTo("alice"));
        await().atMost(WAIT).until(() -> TestBus.jobs(stepId).size() == 2);
        SandboxJob second = TestBus.jobs(stepId).get(1);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.prompt()).startsWith("clarify Which database?")
                .contains("Question: Which database?\nAnswer: PostgreSQL 16");
        assertThat(second.resumeSessionId()).isEqualTo("session-abc");
        given().get("/steps/{id}", stepId).then().body("state", equalTo("DISPATCHED"))
                .body("events.summary", hasItem(containsString("asked: Which database?")))
                .body("events.summary", hasItem(containsString("answered by alice: PostgreSQL 16")));
        given().get("/clarifications?state=open").then().body("id", org.hamcrest.Matchers.not(hasItem(id)));
        // answered once: a second answer has nothing to answer
        asOperator().body("{\"answer\": \"again\"}").post("/steps/{id}/answer", stepId).then().statusCode(409)
                .body("detail", containsString("no open clarification"));

        // the attempt with the answer completes
        TestBus.send(Topics.STEP_EVENTS, stepId, TestBus.started(stepId, 2));
        TestBus.send(Topics.STEP_EVENTS, stepId, TestBus.completed(stepId, 2));
        await().atMost(WAIT).until(() -> "COMPLETED".equals(StepFlowTest.state(stepId))
                || StepFlowTest.state(stepId).startsWith("QA_"));
    }

    @Test
    void aStepToReplanIsAnnouncedForItsPlannerAndCanBeCancelledWhileItWaits() {
        String stepId = "clarify-replan";
        blockOnFirstAttempt(stepId, FeedbackAction.RE_PLAN, null);
        await().atMost(WAIT).until(() -> !TestBus.records(Topics.STEP_FEEDBACK, stepId).isEmpty());
        StepFeedback feedback = Json.read(TestBus.records(Topics.STEP_FEEDBACK, stepId).getFirst().value(),
                StepFeedback.class);
        assertThat(feedback.action()).isEqualTo(FeedbackAction.RE_PLAN);
        assertThat(feedback.reason()).isEqualTo("Which database?");
        assertThat(feedback.clarificationId()).startsWith("clar-");

        asOperator().post("/steps/{id}/cancel", stepId).then().statusCode(202);
        await().atMost(WAIT).until(() -> "CANCELLED".equals(StepFlowTest.state(stepId)));
        given().get("/steps/{id}/clarifications", stepId).then().body("[0].state", equalTo("CLOSED"));
        assertThat(TestBus.jobs(stepId)).hasSize(1);
    }

    @Test
    void aStepToRespecifyWaitsForItsPlannersNewRequestWhichRunsItAgainAsSpecified() {
        String stepId = "clarify-respecify";
        blockOnFirstAttempt(stepId, FeedbackAction.RE_SPECIFY, "session-old");
        await().atMost(WAIT).until(() -> !TestBus.records(Topics.STEP_FEEDBACK, stepId).isEmpty());
        // the step keeps waiting: nothing is dispatched while it is AWAITING_RESPECIFY
        assertThat(TestBus.jobs(stepId)).hasSize(1);

        // the planner's new request for the step, with a different task, replaces its specification
        asOperator().body(Json.write(StepRequest.of(stepId, "dummy", "print use SQLite")))
                .post("/steps").then().statusCode(202);
        await().atMost(WAIT).until(() -> TestBus.jobs(stepId).size() == 2);
        SandboxJob second = TestBus.jobs(stepId).get(1);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.prompt()).startsWith("print use SQLite").doesNotContain("clarify Which database?");
        assertThat(second.resumeSessionId()).as("a new specification starts a fresh session").isNull();
        given().get("/steps/{id}/clarifications", stepId).then().body("[0].state", equalTo("CLOSED"));
        given().get("/steps/{id}", stepId).then()
                .body("events.summary", hasItem(containsString("new request received while AWAITING_RESPECIFY")));

        // once it runs again, a different body is a conflict as for any step
        asOperator().body(Json.write(StepRequest.of(stepId, "dummy", "print yet another"))).post("/steps")
                .then().statusCode(409).body("detail", containsString("awaits a new specification"));
    }

    private static void blockOnFirstAttempt(String stepId, FeedbackAction action, String sessionId) {
        TestBus.send(Topics.STEP_REQUESTS, stepId, StepRequest.of(stepId, "dummy", "clarify Which database?"));
        await().atMost(WAIT).until(() -> TestBus.jobs(stepId).size() == 1);
        TestBus.send(Topics.STEP_EVENTS, stepId, TestBus.started(stepId, 1));
        TestBus.send(Topics.STEP_EVENTS, stepId, new StepBlocked(1, Ids.newEventId(), Instant.now(), stepId, 1,
                "dummy", TestBus.WORKER, "Which database?", "the schema names none", action, 20, "out", null, null,
                "I need clarification on Which database?", null, sessionId));
        String waits = switch (action) {
            case CLARIFY -> "BLOCKED";
            case RE_SPECIFY -> "AWAITING_RESPECIFY";
            case RE_PLAN -> "AWAITING_REPLAN";
        };
        await().atMost(WAIT).until(() -> waits.equals(StepFlowTest.state(stepId)));
        await().atMost(WAIT).until(() -> given().get("/steps/{id}/clarifications", stepId).then().extract()
                .jsonPath().getList("$").size() == 1);
    }

    private static RequestSpecification asOperator() {
        return given().auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json");
    }
}
