package dev.devgodzilla.execution;

import static dev.devgodzilla.execution.StepFlowTest.WAIT;
import static dev.devgodzilla.execution.StepFlowTest.view;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.testkit.PostgresTestResource;
import dev.devgodzilla.testkit.TestApiTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Claims: the first worker process to claim an attempt runs it; every other claim of it is refused. */
@QuarkusTest
@WithTestResource(DummyAgentAvailableResource.class)
@WithTestResource(PostgresTestResource.class)
class AttemptClaimTest {

    @Test
    void onlyTheFirstProcessToClaimAnAttemptGetsIt() {
        dispatched("claim-1");

        claim("claim-1", 1, "worker-a#1111").statusCode(200)
                .body("claimedBy", equalTo("worker-a#1111")).body("attempt", equalTo(1));
        // the same process asking again (a retried call) still holds it
        claim("claim-1", 1, "worker-a#1111").statusCode(200);
        // another worker, or the same worker restarted, is refused: the job was redelivered
        claim("claim-1", 1, "worker-b#2222").statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already claimed by worker-a#1111"));
        claim("claim-1", 1, "worker-a#3333").statusCode(409);
        assertThat(view("claim-1").getList("events.kind", String.class)).containsOnlyOnce("claimed");
    }

    @Test
    void anAttemptThatIsNotOutToRunCannotBeClaimed() {
        dispatched("claim-2");
        claim("claim-2", 2, "worker-a#1111").statusCode(409)
                .body("detail", containsString("the current attempt is 1"));
        claim("no-such-step", 1, "worker-a#1111").statusCode(404);
        given().contentType(ContentType.JSON).body("{\"instance\":\"worker-a#1111\"}")
                .post("/steps/claim-2/attempts/1/claim").then().statusCode(401);
        given().auth().oauth2(TestApiTokens.OPERATOR).contentType(ContentType.JSON).body("{\"instance\":\" \"}")
                .post("/steps/claim-2/attempts/1/claim").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("instance"));
    }

    @Test
    void ofClaimsMadeAtTheSameMomentExactlyOneGetsTheAttempt() throws Exception {
        dispatched("claim-3");
        int claimants = 12;
        List<Integer> statuses;
        try (ExecutorService pool = Executors.newFixedThreadPool(claimants)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < claimants; i++) {
                String instance = "worker-" + i + "#" + (1000 + i);
                answers.add(pool.submit(() -> {
                    go.await();
                    return claim("claim-3", 1, instance).extract().statusCode();
                }));
            }
            go.countDown();
            statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
        }
        assertThat(statuses).containsOnly(200, 409).containsOnlyOnce(200);
        assertThat(view("claim-3").getList("events.kind", String.class)).containsOnlyOnce("claimed");
    }

    private static void dispatched(String stepId) {
        TestBus.send(Topics.STEP_REQUESTS, stepId, StepRequest.of(stepId, null, "claim me"));
        await().atMost(WAIT).until(() -> TestBus.jobs(stepId).size() == 1);
    }

    private static ValidatableResponse claim(String stepId, int attempt, String instance) {
        return given().auth().oauth2(TestApiTokens.OPERATOR).contentType(ContentType.JSON)
                .body("{\"instance\":\"" + instance + "\"}")
                .post("/steps/{id}/attempts/{n}/claim", stepId, attempt).then();
    }
}
