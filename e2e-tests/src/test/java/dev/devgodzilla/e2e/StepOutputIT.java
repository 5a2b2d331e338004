package dev.devgodzilla.e2e;

import dev.devgodzilla.testkit.TestApiTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A step's output followed from outside, through the four services: the live lines of a running dummy step over
 * Server-Sent Events from execution-service, and {@code ./dg step follow} ending on whatever state a step ends in.
 */
@ExtendWith(LocalStackExtension.class)
class StepOutputIT {
    private static LocalStack stack;

    @BeforeAll
    static void connect(LocalStack localStack) {
        stack = localStack;
    }

    @Test
    void theLiveLinesOfARunningStepArriveInOrderAndTheStreamEndsWithTheStep() throws Exception {
        String stepId = "output-" + UUID.randomUUID();
        submit("{\"stepId\": \"" + stepId + "\", \"agentId\": \"dummy\", \"qaCommand\": \"true\","
                + " \"task\": \"print one\\nsleep 3\\nprint two\\nsleep 1\\nprint three\"}");

        HttpRequest follow = HttpRequest.newBuilder(URI.create(stack.execution.baseUrl() + "/steps/" + stepId
                + "/logs")).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(follow,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> texts = new ArrayList<>();
        String stateWhenFirstLineCame = null;
        String endedIn = null;
        String event = "";
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:") && event.equals("log")) {
                    String text = io.restassured.path.json.JsonPath.from(line.substring(5)).getString("text");
                    texts.add(text.strip());
                    if (stateWhenFirstLineCame == null && text.contains("one")) {
                        stateWhenFirstLineCame = given().baseUri(stack.execution.baseUrl()).get("/steps/{id}", stepId)
                                .then().extract().path("state");
                    }
                } else if (line.startsWith("data:") && event.equals("end")) {
                    endedIn = io.restassured.path.json.JsonPath.from(line.substring(5)).getString("state");
                }
            }
        }
        // each line once, in the order printed, the first while the step still ran (3 s after it, on a stack that
        // may have just started and is still cold)
        List<String> printed = texts.stream().flatMap(String::lines).filter(l -> l.matches("one|two|three")).toList();
        assertThat(printed).containsExactly("one", "two", "three");
        assertThat(stateWhenFirstLineCame).isEqualTo("RUNNING");
        assertThat(endedIn).isIn("COMPLETED", "QA_PASSED");
        // the same output as text
        assertThat(given().baseUri(stack.execution.baseUrl()).accept("text/plain").get("/steps/{id}/logs", stepId)
                .asString()).contains("one\n").contains("three\n");

        // following it now that it is over ends at once, with success
        await().atMost(Duration.ofSeconds(30)).until(() -> "QA_PASSED".equals(given().baseUri(stack.execution.baseUrl())
                .get("/steps/{id}", stepId).then().extract().path("state")));
        DgCli.Run passed = DgCli.run(stack, "step", "follow", stepId);
        assertThat(passed.exitCode()).as(passed.describe()).isZero();
        assertThat(passed.out()).contains("one").contains("QA_PASSED");
    }

    @Test
    void followingAFailedStepEndsWithinSecondsWithANonZeroExit() throws Exception {
        String stepId = "output-failed-" + UUID.randomUUID();
        submit("{\"stepId\": \"" + stepId + "\", \"agentId\": \"dummy\", \"workspace\": \"/etc\", \"task\": \"print x\"}");
        DgCli.Run failed = DgCli.run(stack, "step", "follow", stepId);
        assertThat(failed.exitCode()).as(failed.describe()).isEqualTo(1);
        assertThat(failed.out()).as(failed.describe()).contains("FAILED");
        assertThat(failed.millis()).as(failed.describe()).isLessThan(20_000);

        DgCli.Run unknown = DgCli.run(stack, "step", "follow", "no-such-step");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("404");
    }

    private static void submit(String body) {
        given().baseUri(stack.execution.baseUrl()).auth().oauth2(TestApiTokens.OPERATOR).contentType("application/json")
                .body(body).post("/steps").then().statusCode(202);
    }
}
