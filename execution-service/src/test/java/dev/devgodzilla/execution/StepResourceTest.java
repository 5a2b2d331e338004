package dev.devgodzilla.execution;

import dev.devgodzilla.support.rest.OpenApiRoutes;
import static dev.devgodzilla.execution.StepFlowTest.WAIT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.testkit.PostgresTestResource;
import dev.devgodzilla.testkit.TestApiTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The REST edge: submit, duplicate, conflict, errors as problem+json, cancel, health and metrics. */
@QuarkusTest
@WithTestResource(DummyAgentAvailableResource.class)
@WithTestResource(PostgresTestResource.class)
class StepResourceTest {

    @Test
    void submitIsAcceptedOnceAndConflictsAreRefused() {
        String body = "{\"stepId\":\"rest-1\",\"agentId\":\"dummy\",\"task\":\"from rest\"}";
        // a new step: 202 with its location and view
        asOperator().contentType(ContentType.JSON).body(body).post("/steps")
                .then().statusCode(202)
                .header("Location", endsWith("/steps/rest-1"))
                .body("stepId", equalTo("rest-1"))
                .body("request.eventId", org.hamcrest.Matchers.notNullValue());
        // the same body again: 200 with the existing step
        asOperator().contentType(ContentType.JSON).body(body).post("/steps")
                .then().statusCode(200).body("stepId", equalTo("rest-1"));
        // another body under the same id: 409
        asOperator().contentType(ContentType.JSON)
                .body("{\"stepId\":\"rest-1\",\"agentId\":\"dummy\",\"task\":\"something else\"}")
                .post("/steps")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already exists with a different request"));
        await().atMost(WAIT).until(() -> TestBus.jobs("rest-1").size() == 1);

        given().get("/steps?state=DISPATCHED&limit=100")
                .then().statusCode(200).body("stepId", hasItems("rest-1"));
    }

    @Test
    void theOpenApiDocumentListsEveryRoute() {
        OpenApiRoutes.assertDocumentListsEveryRoute();
    }

    @Test
    void invalidRequestNamesEachField() {
        asOperator().contentType(ContentType.JSON).body("{\"agentId\":\"bad id!\",\"task\":\" \"}").post("/steps")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("stepId", "agentId", "task"));
        // an oversized field is named; a body beyond the edge's limit is refused before it is read
        asOperator().contentType(ContentType.JSON)
                .body("{\"stepId\":\"too-big\",\"task\":\"t\",\"context\":\"" + "c".repeat(300_000) + "\"}")
                .post("/steps").then().statusCode(400).body("errors.field", hasItems("context"));
        asOperator().contentType(ContentType.JSON)
                .body("{\"stepId\":\"far-too-big\",\"task\":\"t\",\"context\":\"" + "c".repeat(2_000_000) + "\"}")
                .post("/steps").then().statusCode(413);
        given().get("/steps/too-big").then().statusCode(404);
    }

    @Test
    void malformedBodyIsAProblem() {
        asOperator().contentType(ContentType.JSON).body("{\"stepId\":").post("/steps")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("body"));
    }

    @Test
    void unknownStepIsNotFound() {
        given().get("/steps/no-such-step")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void cancelOfAClaimedAttemptSendsACommandToItsWorker() {
        asOperator().contentType(ContentType.JSON).body("{\"stepId\":\"rest-cancel\",\"task\":\"to cancel\"}")
                .post("/steps").then().statusCode(202);
        await().atMost(WAIT).until(() -> TestBus.jobs("rest-cancel").size() == 1);
        asOperator().contentType(ContentType.JSON).body("{\"instance\":\"w#1\"}")
                .post("/steps/rest-cancel/attempts/1/claim").then().statusCode(200);

        asOperator().post("/steps/rest-cancel/cancel").then().statusCode(202);
        await().atMost(WAIT).until(() -> !TestBus.records(Topics.STEP_COMMANDS, "rest-cancel").isEmpty());
        assertThat(TestBus.records(Topics.STEP_COMMANDS, "rest-cancel").getFirst().value())
                .contains("\"action\":\"CANCEL\"", "\"attempt\":1");
    }

    @Test
    void cancelOfAnAttemptNoWorkerClaimedEndsTheStepAndItsJobNeverRuns() {
        asOperator().contentType(ContentType.JSON).body("{\"stepId\":\"rest-cancel-queued\",\"task\":\"t\"}")
                .post("/steps").then().statusCode(202);
        await().atMost(WAIT).until(() -> TestBus.jobs("rest-cancel-queued").size() == 1);

        // the job is still queued, or waiting for a slot on some worker
        asOperator().post("/steps/rest-cancel-queued/cancel").then().statusCode(202)
                .body("state", equalTo("CANCELLED"))
                .body("reason", containsString("before a worker claimed attempt 1"));
        // the worker that gets to it later is refused, so its agent never starts
        asOperator().contentType(ContentType.JSON).body("{\"instance\":\"late#2\"}")
                .post("/steps/rest-cancel-queued/attempts/1/claim").then().statusCode(409);
    }

    @Test
    void cancelOfAnUnknownOrFinishedStepIsAProblem() {
        asOperator().post("/steps/no-such-step/cancel")
                .then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("Step not found"))
                .body("detail", equalTo("no step with id no-such-step"))
                .body("instance", equalTo("/steps/no-such-step/cancel"));

        // an agent nobody knows fails the step at once, so there is nothing left to cancel
        asOperator().contentType(ContentType.JSON).body("{\"stepId\":\"rest-finished\",\"agentId\":\"nobody\",\"task\":\"t\"}")
                .post("/steps").then().statusCode(202).body("state", equalTo("FAILED"));
        asOperator().post("/steps/rest-finished/cancel")
                .then().statusCode(409).contentType("application/problem+json")
                .body("title", equalTo("Step already finished"))
                .body("detail", equalTo("step rest-finished is already FAILED"));
    }

    @Test
    void mutatingCallsNeedAWriteTokenAndReadsStayOpen() {
        String body = "{\"stepId\":\"rest-unauthenticated\",\"agentId\":\"dummy\",\"task\":\"nobody asked\"}";
        // no token, a wrong one, a scheme other than Bearer: 401 with a challenge, before the body is read
        given().contentType(ContentType.JSON).body(body).post("/steps")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"devgodzilla\""))
                .body("status", equalTo(401))
                .body("detail", containsString("POST /steps needs 'Authorization: Bearer <token>'"));
        given().auth().oauth2("not-a-token").contentType(ContentType.JSON).body("{not json").post("/steps")
                .then().statusCode(401);
        given().header("Authorization", "Basic " + TestApiTokens.OPERATOR).post("/steps/rest-1/cancel")
                .then().statusCode(401);
        // a read-only token: 403
        given().auth().oauth2(TestApiTokens.READER).contentType(ContentType.JSON).body(body).post("/steps")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("may only read"));
        // nothing of the refused calls happened
        given().get("/steps/rest-unauthenticated").then().statusCode(404);
        assertThat(TestBus.jobs("rest-unauthenticated")).isEmpty();
        // reads, health and metrics need no token
        given().get("/steps?limit=1").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static RequestSpecification asOperator() {
        return given().auth().oauth2(TestApiTokens.OPERATOR);
    }

    @Test
    void healthAndMetricsAreExposed() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("dg_step_requests_total"));
    }
}
