package dev.devgodzilla.e2e;

import dev.devgodzilla.testkit.TestApiTokens;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The feedback loop through the four services and a real sandboxed dummy agent: a step asks a question, blocks
 * with an open clarification, is answered from the command line, and its second attempt runs with the answer in
 * its prompt to QA.
 */
@ExtendWith(LocalStackExtension.class)
class FeedbackLoopIT {
    private static LocalStack stack;

    @BeforeAll
    static void connect(LocalStack localStack) {
        stack = localStack;
    }

    @Test
    void aBlockedStepIsAnsweredAndItsNextAttemptRunsWithTheAnswerToQa() throws Exception {
        String stepId = "feedback-" + UUID.randomUUID();
        given().baseUri(stack.execution.baseUrl()).auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json")
                .body("{\"stepId\": \"" + stepId + "\", \"agentId\": \"dummy\", \"qaCommand\": \"true\","
                        + " \"task\": \"clarify Which database should the schema use?\"}")
                .post("/steps").then().statusCode(202);

        // it blocks with an open question; following it ends there, not successfully
        DgCli.Run blocked = DgCli.run(stack, "step", "follow", stepId);
        assertThat(blocked.exitCode()).as(blocked.describe()).isEqualTo(1);
        assertThat(blocked.out()).contains("BLOCKED");
        JsonPath open = given().baseUri(stack.execution.baseUrl()).get("/clarifications?state=open").then()
                .statusCode(200).extract().jsonPath();
        assertThat(open.getList("findAll { it.stepId == '" + stepId + "' }.question", String.class))
                .singleElement().asString().contains("Which database");

        // answered from the command line: attempt 2 runs with the answer and passes QA
        DgCli.Run answered = DgCli.run(stack, "step", "answer", stepId, "PostgreSQL 16", "--by", "alice");
        assertThat(answered.exitCode()).as(answered.describe()).isZero();
        DgCli.Run followed = DgCli.run(stack, "step", "follow", stepId);
        assertThat(followed.exitCode()).as(followed.describe()).isZero();
        assertThat(followed.out()).contains("Using the answer: PostgreSQL 16").contains("QA_PASSED");

        JsonPath step = given().baseUri(stack.execution.baseUrl()).get("/steps/{id}", stepId).then().extract().jsonPath();
        assertThat(step.getInt("attempt")).isEqualTo(2);
        List<String> timeline = step.getList("events.summary", String.class);
        assertThat(timeline).anyMatch(s -> s.contains("asked: ") && s.contains("Which database"));
        assertThat(timeline).anyMatch(s -> s.contains("answered by alice: PostgreSQL 16"));
        assertThat(given().baseUri(stack.execution.baseUrl()).accept("text/plain")
                .get("/steps/{id}/logs?attempt=2", stepId).asString()).contains("Using the answer: PostgreSQL 16");
        await().atMost(Duration.ofSeconds(5)).until(() -> given().baseUri(stack.execution.baseUrl())
                .get("/steps/{id}/clarifications", stepId).then().extract().jsonPath()
                .getString("[0].state").equals("ANSWERED"));
    }
}
