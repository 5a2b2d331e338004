package dev.devgodzilla.e2e;

import dev.devgodzilla.testkit.TestApiTokens;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Plans of dependent steps through the four services and real sandboxed dummy runs. */
@ExtendWith(LocalStackExtension.class)
class DependencyChainIT {
    private static LocalStack stack;

    @BeforeAll
    static void connect(LocalStack localStack) {
        stack = localStack;
    }

    @Test
    void aPassingChainRunsInOrderAndAFailureInTheMiddleEndsTheRest() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String a = "chain-a-" + run, b = "chain-b-" + run, c = "chain-c-" + run;
        // submitted last first: each waits for the one before it
        submit(c, "print c", b);
        submit(b, "print b", a);
        submit(a, "print a", null);
        await().atMost(Duration.ofSeconds(90)).until(() -> "QA_PASSED".equals(state(c)));
        assertThat(startedAt(b)).isAfter(startedAt(a));
        assertThat(startedAt(c)).isAfter(startedAt(b));

        String x = "chain-x-" + run, y = "chain-y-" + run, z = "chain-z-" + run;
        submit(x, "print x", null);
        submit(y, "exit 3", x);
        submit(z, "print z", y);
        await().atMost(Duration.ofSeconds(90)).until(() -> "FAILED".equals(state(z)));
        JsonPath failed = step(z);
        assertThat(failed.getString("failureCode")).isEqualTo("DEPENDENCY_FAILED");
        assertThat(failed.getString("reason")).contains(y);
        assertThat(failed.getInt("attempt")).isZero();
        assertThat(state(y)).isEqualTo("FAILED");
    }

    @Test
    void aStepContinuesInTheWorkspaceOfTheStepItDependsOnWithThatStepsChanges() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String a = "ws-a-" + run, b = "ws-b-" + run;
        post("{\"stepId\": \"" + b + "\", \"agentId\": \"dummy\", \"task\": \"write b.txt from-b\","
                + " \"dependencies\": [\"" + a + "\"], \"workspace\": \"step:" + a + "\","
                + " \"qaCommand\": \"grep -q from-a a.txt && grep -q from-b b.txt\"}").statusCode(202);
        post("{\"stepId\": \"" + a + "\", \"agentId\": \"dummy\", \"task\": \"write a.txt from-a\","
                + " \"qaCommand\": \"test -f a.txt\"}").statusCode(202);
        // b's QA passes only where a's file is next to its own
        await().atMost(Duration.ofSeconds(90)).until(() -> "QA_PASSED".equals(state(b)));

        // a step may only continue in the workspace of a step it depends on
        post("{\"stepId\": \"ws-c-" + run + "\", \"agentId\": \"dummy\", \"task\": \"print c\","
                + " \"workspace\": \"step:" + a + "\"}").statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("workspace"));
    }

    private static io.restassured.response.ValidatableResponse post(String body) {
        return given().baseUri(stack.execution.baseUrl()).auth().oauth2(TestApiTokens.OPERATOR)
                .contentType("application/json").body(body).post("/steps").then();
    }

    private static void submit(String stepId, String task, String dependsOn) {
        String deps = dependsOn == null ? "" : ", \"dependencies\": [\"" + dependsOn + "\"]";
        given().baseUri(stack.execution.baseUrl()).auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json")
                .body("{\"stepId\": \"" + stepId + "\", \"agentId\": \"dummy\", \"qaCommand\": \"true\","
                        + " \"task\": \"" + task + "\"" + deps + "}")
                .post("/steps").then().statusCode(202);
    }

    private static JsonPath step(String stepId) {
        return given().baseUri(stack.execution.baseUrl()).get("/steps/{id}", stepId).then().extract().jsonPath();
    }

    private static String state(String stepId) {
        return step(stepId).getString("state");
    }

    private static Instant startedAt(String stepId) {
        return Instant.parse(step(stepId).getString("events.find { it.kind == 'started' }.occurredAt"));
    }
}
