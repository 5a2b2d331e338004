package dev.devgodzilla.worker.way.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.Sha256;
import dev.devgodzilla.contracts.messages.Artifact;
import dev.devgodzilla.contracts.messages.ArtifactKind;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.FeedbackAction;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.contracts.messages.StepBlocked;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.contracts.messages.StepStarted;
import dev.devgodzilla.testkit.KafkaTestResource;
import dev.devgodzilla.worker.way.AgentWays;
import dev.devgodzilla.worker.way.StepBus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Jules steps go end to end through the worker against a scripted Jules API on loopback. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(FakeJulesResource.class)
class JulesStepTest {
    private static final String PATCH = """
            diff --git a/app.txt b/app.txt
            --- a/app.txt
            +++ b/app.txt
            @@ -1 +1 @@
            -old
            +new
            """;
    private static final String PR = "https://github.com/acme/shop/pull/9";

    private static StepBus bus;
    private FakeJules jules;

    @BeforeAll
    static void listen() {
        bus = new StepBus();
    }

    @AfterAll
    static void close() {
        bus.close();
    }

    @BeforeEach
    void script() {
        jules = FakeJulesResource.fake();
        jules.reset();
    }

    @Test
    void aCompletedSessionCompletesTheStepWithItsSessionPatchAndPullRequest() throws Exception {
        // Given a session that works a little, then completes with a patch and a pull request
        JsonObject done = activity("a2", "agentMessaged", new JsonObject().put("agentMessage", "Changed old to new."))
                .put("artifacts", new JsonArray().add(new JsonObject().put("changeSet", new JsonObject()
                        .put("source", "sources/github/acme/shop")
                        .put("gitPatch", new JsonObject().put("unidiffPatch", PATCH)))));
        JsonObject progress = activity("a1", "progressUpdated",
                new JsonObject().put("title", "Editing").put("description", "app.txt"));
        jules.on("POST /sessions", 200, session("s1", "QUEUED", null).encode())
                .on("GET /sessions/s1", 200, session("s1", "IN_PROGRESS", null).encode())
                .on("GET /sessions/s1", 200, session("s1", "COMPLETED", PR).encode())
                .on("GET /sessions/s1/activities", 200, page(progress))
                .on("GET /sessions/s1/activities", 200, page(progress, done));
        SandboxJob job = job("Change old to new in app.txt");

        bus.send(job);

        // Then the attempt starts, then completes with the session, Jules' last message and the PR link
        StepCompleted completed = bus.awaitEvent(job.stepId(), 1, StepCompleted.class);
        List<StepEvent> events = bus.events(job.stepId());
        assertThat(events.getFirst()).isInstanceOfSatisfying(StepStarted.class, started -> {
            assertThat(started.sandboxBackend()).isEqualTo(JulesAttemptRunner.BACKEND);
            assertThat(started.workspace()).isEqualTo("sources/github/acme/shop");
        });
        assertThat(events).extracting(e -> e.type().name()).containsExactly("STARTED", "COMPLETED");
        assertThat(completed.sessionId()).isEqualTo("s1");
        assertThat(completed.finalMessage()).isEqualTo("Changed old to new.");
        assertThat(completed.output()).contains(PR).contains("Jules session s1 created");
        // And the patch is an artifact with its size and sha256, and the attempt's changes.diff
        Artifact patch = completed.artifacts().artifacts().stream()
                .filter(a -> a.name().equals("jules-patch-1.diff")).findFirst().orElseThrow();
        assertThat(patch.kind()).isEqualTo(ArtifactKind.DIFF);
        assertThat(Files.readString(Path.of(patch.path()))).isEqualTo(PATCH);
        assertThat(patch.sha256()).isEqualTo(Sha256.of(Path.of(patch.path())));
        assertThat(completed.artifacts().artifacts()).extracting(Artifact::name)
                .contains("output.log", "changes.diff", "manifest.json");
        Artifact changes = completed.artifacts().artifacts().stream()
                .filter(a -> a.name().equals("changes.diff")).findFirst().orElseThrow();
        assertThat(Files.readString(Path.of(changes.path()))).isEqualTo(PATCH);
        // And the session was created with the key and the step's prompt, and its progress went to step-logs
        assertThat(jules.requests).filteredOn(r -> r.path().equals("/sessions")).singleElement()
                .satisfies(r -> {
                    assertThat(r.apiKey()).isEqualTo(FakeJulesResource.API_KEY);
                    assertThat(r.body()).contains("Change old to new in app.txt", "sources/github/acme/shop");
                });
        await().atMost(StepBus.WAIT).untilAsserted(() -> assertThat(bus.logText(job.stepId()))
                .anySatisfy(text -> assertThat(text).contains("Editing")));
    }

    @Test
    void aSessionWaitingForFeedbackBlocksTheStepWithItsQuestion() {
        JsonObject question = activity("q1", "agentMessaged",
                new JsonObject().put("agentMessage", "Should app.txt keep a trailing newline?"));
        jules.on("POST /sessions", 200, session("s2", "QUEUED", null).encode())
                .on("GET /sessions/s2", 200, session("s2", "AWAITING_USER_FEEDBACK", null).encode())
                .on("GET /sessions/s2/activities", 200, page(question));
        SandboxJob job = job("Change old to new");

        bus.send(job);

        StepBlocked blocked = bus.awaitEvent(job.stepId(), 1, StepBlocked.class);
        assertThat(blocked.reason()).isEqualTo("Should app.txt keep a trailing newline?");
        assertThat(blocked.suggestedAction()).isEqualTo(FeedbackAction.CLARIFY);
        assertThat(blocked.context()).contains("Jules session s2");
    }

    @Test
    void aCancelStopsFollowingTheSession() {
        jules.on("POST /sessions", 200, session("s3", "QUEUED", null).encode())
                .on("GET /sessions/s3", 200, session("s3", "IN_PROGRESS", null).encode())
                .on("GET /sessions/s3/activities", 200, page());
        SandboxJob job = job("Work for a long time");
        bus.send(job);
        bus.awaitEvent(job.stepId(), 1, StepStarted.class);

        bus.cancelUntilTerminal(job.stepId(), 1);

        StepFailed failed = (StepFailed) bus.awaitTerminal(job.stepId());
        assertThat(failed.code()).isEqualTo(FailureCode.CANCELLED);
        assertThat(failed.reason()).contains("cancelled by a step command", "Jules session s3 is left as it is");
    }

    @Test
    void heartbeatsOfferJulesWhenItsKeyIsConfigured() {
        await().atMost(StepBus.WAIT).untilAsserted(() -> assertThat(bus.heartbeats()).anySatisfy(beat ->
                assertThat(beat.agents()).anySatisfy(agent -> {
                    assertThat(agent.agentId()).isEqualTo("jules");
                    assertThat(agent.available()).isTrue();
                    assertThat(agent.version()).isEqualTo("Jules API v1alpha");
                })));
    }

    private static SandboxJob job(String prompt) {
        return new SandboxJob(SandboxJob.SCHEMA_VERSION, Ids.newEventId(), Instant.now(),
                "step-" + UUID.randomUUID(), 1, JulesAttemptRunner.AGENT_ID, null, prompt, null, SandboxMode.WORKSPACE_WRITE,
                30, 0, "project-1", null, null, null);
    }

    private static JsonObject session(String id, String state, String prUrl) {
        JsonObject json = new JsonObject().put("name", "sessions/" + id).put("id", id).put("state", state)
                .put("url", "https://jules.google.com/session/" + id);
        if (prUrl != null) {
            json.put("outputs", new JsonArray().add(new JsonObject().put("pullRequest",
                    new JsonObject().put("url", prUrl).put("title", "Change old to new"))));
        }
        return json;
    }

    private static JsonObject activity(String id, String kind, JsonObject body) {
        return new JsonObject().put("name", "sessions/x/activities/" + id).put("id", id).put(kind, body);
    }

    private static String page(JsonObject... activities) {
        return new JsonObject().put("activities", new JsonArray(List.of((Object[]) activities))).encode();
    }
}
