package dev.devgodzilla.worker.way.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.devgodzilla.contracts.Sha256;
import dev.devgodzilla.contracts.messages.ArtifactKind;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.FeedbackAction;
import dev.devgodzilla.worker.way.api.JulesOutcome.Status;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;

class JulesSessionRunnerTest {
    private static final String PATCH = """
            diff --git a/app.txt b/app.txt
            --- a/app.txt
            +++ b/app.txt
            @@ -1 +1 @@
            -old
            +new
            """;

    private Vertx vertx;
    private FakeJules fake;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @TempDir
    Path artifacts;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        fake = new FakeJules();
        fake.on("POST /sessions", 200, session("QUEUED", null).encode());
    }

    @AfterEach
    void stop() {
        fake.close();
        vertx.closeAndAwait();
    }

    private JulesOutcome run(Duration timeout) throws Exception {
        JulesRun run = runner().start(request(timeout), log::add);
        return run.outcome().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    private JulesSessionRunner runner() {
        JulesClient client = new JulesClient(vertx, TestJulesConfig.of(fake.baseUrl()), "jules-test-key-51ab");
        return new JulesSessionRunner(client, Duration.ofMillis(20));
    }

    private JulesStepRequest request(Duration timeout) {
        return new JulesStepRequest("step-7", 1, "Change old to new", "Step 7",
                new JulesSource("sources/github/acme/shop", "main"), false, timeout, artifacts, null);
    }

    private static JsonObject session(String state, String prUrl) {
        JsonObject json = new JsonObject().put("name", "sessions/s1").put("id", "s1").put("state", state)
                .put("url", "https://jules.google.com/session/s1");
        if (prUrl != null) {
            json.put("outputs", new JsonArray().add(new JsonObject().put("pullRequest",
                    new JsonObject().put("url", prUrl).put("title", "Change old to new"))));
        }
        return json;
    }

    private static JsonObject activity(String id, String kind, JsonObject body) {
        return new JsonObject().put("name", "sessions/s1/activities/" + id).put("id", id).put(kind, body);
    }

    private static String page(JsonObject... activities) {
        return new JsonObject().put("activities", new JsonArray(List.of((Object[]) activities))).encode();
    }

    private static final JsonObject PLAN = activity("a1", "planGenerated", new JsonObject().put("plan",
            new JsonObject().put("steps", new JsonArray()
                    .add(new JsonObject().put("title", "Edit app.txt"))
                    .add(new JsonObject().put("title", "Run tests")))));
    private static final JsonObject PROGRESS = activity("a2", "progressUpdated",
            new JsonObject().put("title", "Editing").put("description", "app.txt"));

    @Test
    void completesWithAPatchArtifactAndThePullRequest() throws Exception {
        JsonObject done = activity("a3", "agentMessaged", new JsonObject().put("agentMessage", "All done."))
                .put("artifacts", new JsonArray().add(new JsonObject().put("changeSet", new JsonObject()
                        .put("source", "sources/github/acme/shop")
                        .put("gitPatch", new JsonObject().put("unidiffPatch", PATCH)))));
        fake.on("GET /sessions/s1", 200, session("IN_PROGRESS", null).encode())
                .on("GET /sessions/s1", 200, session("COMPLETED", "https://github.com/acme/shop/pull/9").encode())
                .on("GET /sessions/s1/activities", 200, page(PLAN, PROGRESS))
                .on("GET /sessions/s1/activities", 200, page(PLAN, PROGRESS, done));

        JulesOutcome outcome = run(Duration.ofSeconds(10));

        assertThat(outcome.status()).isEqualTo(Status.COMPLETED);
        assertThat(outcome.sessionId()).isEqualTo("s1");
        assertThat(outcome.finalMessage()).isEqualTo("All done.");
        assertThat(outcome.pullRequestUrls()).containsExactly("https://github.com/acme/shop/pull/9");
        assertThat(outcome.artifacts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(ArtifactKind.DIFF);
            Path file = Path.of(a.path());
            assertThat(file).startsWith(artifacts);
            assertThat(Files.readString(file)).isEqualTo(PATCH);
            assertThat(a.sha256()).isEqualTo(Sha256.of(file));
            assertThat(a.sizeBytes()).isEqualTo(Files.size(file));
        });
        assertThat(log).contains("[jules planGenerated] 1. Edit app.txt\n2. Run tests",
                "[jules progressUpdated] Editing: app.txt", "[jules agentMessaged] All done.",
                "Jules opened pull request https://github.com/acme/shop/pull/9");
        // each activity is reported once, however often it is listed
        assertThat(log.stream().filter(l -> l.startsWith("[jules progressUpdated]"))).hasSize(1);
        JsonObject created = new JsonObject(fake.requests.get(0).body());
        assertThat(created.getString("prompt")).isEqualTo("Change old to new");
    }

    @Test
    void awaitingFeedbackBlocksWithTheAgentsQuestion() throws Exception {
        fake.on("GET /sessions/s1", 200, session("AWAITING_USER_FEEDBACK", null).encode())
                .on("GET /sessions/s1/activities", 200, page(PROGRESS, activity("a3", "agentMessaged",
                        new JsonObject().put("agentMessage", "Should the old value be kept as an alias?"))));

        JulesOutcome outcome = run(Duration.ofSeconds(10));

        assertThat(outcome.status()).isEqualTo(Status.BLOCKED);
        assertThat(outcome.question()).isEqualTo("Should the old value be kept as an alias?");
        assertThat(outcome.suggestedAction()).isEqualTo(FeedbackAction.CLARIFY);
        assertThat(outcome.sessionId()).isEqualTo("s1");
    }

    @Test
    void awaitingPlanApprovalBlocksWithThePlan() throws Exception {
        fake.on("GET /sessions/s1", 200, session("AWAITING_PLAN_APPROVAL", null).encode())
                .on("GET /sessions/s1/activities", 200, page(PLAN));

        JulesOutcome outcome = run(Duration.ofSeconds(10));

        assertThat(outcome.status()).isEqualTo(Status.BLOCKED);
        assertThat(outcome.question()).startsWith("Jules asks to approve its plan:\n1. Edit app.txt\n2. Run tests");
        assertThat(outcome.suggestedAction()).isEqualTo(FeedbackAction.CLARIFY);
    }

    @Test
    void aFailedSessionFailsWithItsReason() throws Exception {
        fake.on("GET /sessions/s1", 200, session("FAILED", null).encode())
                .on("GET /sessions/s1/activities", 200, page(activity("a9", "sessionFailed",
                        new JsonObject().put("reason", "could not clone the repository"))));

        JulesOutcome outcome = run(Duration.ofSeconds(10));

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.reason()).isEqualTo("could not clone the repository");
    }

    @Test
    void retriesA429WhileCreatingTheSession() throws Exception {
        fake = replaceFake();
        fake.on("POST /sessions", 429, "{}")
                .on("POST /sessions", 200, session("QUEUED", null).encode())
                .on("GET /sessions/s1", 200, session("COMPLETED", null).encode())
                .on("GET /sessions/s1/activities", 200, page());

        JulesOutcome outcome = run(Duration.ofSeconds(10));

        assertThat(outcome.status()).isEqualTo(Status.COMPLETED);
        assertThat(fake.count("POST /sessions")).isEqualTo(2);
    }

    @Test
    void failsWhenTheServerKeepsFailing() throws Exception {
        fake.on("GET /sessions/s1", 503, "{\"error\":{\"code\":503,\"message\":\"unavailable\"}}");

        JulesOutcome outcome = run(Duration.ofSeconds(10));

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.failureCode()).isEqualTo(FailureCode.TRANSIENT);
        assertThat(outcome.reason()).contains("HTTP 503").contains("unavailable");
        assertThat(fake.count("GET /sessions/s1")).isEqualTo(4);
    }

    @Test
    void aRejectedKeyFailsWithAnAuthError() throws Exception {
        fake = replaceFake();
        fake.on("POST /sessions", 401, "{\"error\":{\"code\":401,\"message\":\"API key not valid\"}}");

        JulesOutcome outcome = run(Duration.ofSeconds(10));

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.failureCode()).isEqualTo(FailureCode.AGENT_UNAVAILABLE);
        assertThat(outcome.reason()).contains("JULES_API_KEY");
        assertThat(fake.count("POST /sessions")).isEqualTo(1);
    }

    @Test
    void timesOutWhenTheSessionNeverEnds() throws Exception {
        fake.on("GET /sessions/s1", 200, session("IN_PROGRESS", null).encode())
                .on("GET /sessions/s1/activities", 200, page(PROGRESS));

        JulesOutcome outcome = run(Duration.ofMillis(400));

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.failureCode()).isEqualTo(FailureCode.TIMED_OUT);
        assertThat(outcome.reason()).contains("did not finish within PT0.4S").contains("IN_PROGRESS");
        // a poll sent just before the time-out may still reach the server; none is sent after it
        long polls = fake.count("GET /sessions/s1");
        Thread.sleep(150);
        long settled = fake.count("GET /sessions/s1");
        assertThat(settled).as("at most the poll in flight at the time-out").isBetween(polls, polls + 1);
        Thread.sleep(300);
        assertThat(fake.count("GET /sessions/s1")).as("polling stops after the time-out").isEqualTo(settled);
    }

    @Test
    void cancellingStopsTheRun() throws Exception {
        fake.on("GET /sessions/s1", 200, session("IN_PROGRESS", null).encode())
                .on("GET /sessions/s1/activities", 200, page());
        JulesRun run = runner().start(request(Duration.ofSeconds(30)), log::add);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> fake.count("GET /sessions/s1") > 0);

        run.cancel();

        JulesOutcome outcome = run.outcome().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.failureCode()).isEqualTo(FailureCode.CANCELLED);
        int polls = (int) fake.count("GET /sessions/s1");
        Thread.sleep(150);
        assertThat(fake.count("GET /sessions/s1")).isLessThanOrEqualTo(polls + 1);
    }

    @Test
    void aFollowUpAnswersTheBlockedSessionAndGoesOn() throws Exception {
        fake.on("POST /sessions/s1:sendMessage", 200, "{}")
                .on("GET /sessions/s1", 200, session("COMPLETED", null).encode())
                .on("GET /sessions/s1/activities", 200, page(PROGRESS));
        JulesStepRequest next = request(Duration.ofSeconds(10))
                .continuing(new JulesStepRequest.JulesFollowUp("s1", "Yes, keep the alias.", false));

        JulesOutcome outcome = runner().start(next, log::add).outcome().toCompletableFuture().get(15, TimeUnit.SECONDS);

        assertThat(outcome.status()).isEqualTo(Status.COMPLETED);
        assertThat(fake.count("POST /sessions")).isZero();
        assertThat(new JsonObject(fake.requests.stream().filter(r -> r.path().endsWith(":sendMessage"))
                .findFirst().orElseThrow().body()).getString("prompt")).isEqualTo("Yes, keep the alias.");
        assertThat(log).noneMatch(l -> l.startsWith("[jules progressUpdated]"));
    }

    private FakeJules replaceFake() throws Exception {
        fake.close();
        return new FakeJules();
    }
}
