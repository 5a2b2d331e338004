package dev.devgodzilla.worker.way.ide;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;


import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;


import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.messages.Artifact;
import dev.devgodzilla.contracts.messages.ChangeType;
import dev.devgodzilla.contracts.messages.ChangedFile;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.FeedbackAction;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.InstalledAgent;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.contracts.messages.StepBlocked;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.contracts.messages.StepPending;
import dev.devgodzilla.contracts.messages.StepStarted;
import dev.devgodzilla.testkit.KafkaTestResource;
import dev.devgodzilla.testkit.TestApiTokens;
import dev.devgodzilla.worker.TestWorkspaceRoots;
import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.way.AgentWays;
import dev.devgodzilla.worker.way.StepBus;
import dev.devgodzilla.worker.way.api.JulesAttemptRunner;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Steps of IDE agents go end to end through the worker: handed over as a command file (StepPending,
 * no slot held), ended by the agent's result file or the REST completion. Also Jules without its API key,
 * which this configuration does not have.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class IdeHandOffTest {
    private static StepBus bus;

    @Inject
    WorkerConfig config;

    @BeforeAll
    static void listen() {
        bus = new StepBus();
    }

    @AfterAll
    static void close() {
        bus.close();
    }

    @Test
    void aWindsurfStepIsPendingUntilItsResultFileSaysDone() throws Exception {
        // Given a step for Windsurf, an IDE-only agent, in a workspace of its own
        Path workspace = TestWorkspaceRoots.newWorkspace("dg-ide-test-");
        SandboxJob job = job("windsurf", 1, workspace, "Add a greeting file\nIt says hello.");

        bus.send(job);

        // Then it is pending with a command file in the agent's command directory of the workspace
        StepPending pending = bus.awaitEvent(job.stepId(), 1, StepPending.class);
        Path commandFile = Path.of(pending.commandFile());
        assertThat(commandFile).exists().startsWith(workspace.resolve(".windsurf/workflows"));
        assertThat(Files.readString(commandFile)).contains("Add a greeting file", "dg-" + job.stepId() + ".result.json");
        assertThat(pending.source()).isNotBlank();
        assertThat(pending.agentId()).isEqualTo("windsurf");
        // And it holds no slot: the worker lists it as an IDE step, not as a running attempt
        given().when().get("/ide-steps").then().statusCode(200).body("stepId", hasItem(job.stepId()));
        given().when().get("/attempts").then().statusCode(200).body("stepId", not(hasItem(job.stepId())));
        assertThat(bus.events(job.stepId())).noneMatch(e -> e instanceof StepStarted);

        // When the IDE agent does the work and writes its result file next to the command file
        Files.writeString(workspace.resolve("greeting.txt"), "hello\n");
        Files.writeString(commandFile.resolveSibling("dg-" + job.stepId() + ".result.json"),
                "{\"status\": \"done\", \"summary\": \"Added greeting.txt\", \"question\": null}");

        // Then the attempt completes with the agent's summary and the workspace changes
        StepCompleted completed = bus.awaitEvent(job.stepId(), 1, StepCompleted.class);
        assertThat(completed.finalMessage()).isEqualTo("Added greeting.txt");
        assertThat(completed.output()).contains("Added greeting.txt");
        assertThat(completed.exitCode()).isZero();
        assertThat(completed.workspace()).isEqualTo(workspace.toAbsolutePath().normalize().toString());
        assertThat(completed.qaCommand()).isEqualTo("true");
        assertThat(completed.artifacts().changedFiles()).extracting(ChangedFile::path, ChangedFile::change)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("greeting.txt", ChangeType.ADDED));
        assertThat(completed.artifacts().artifacts()).extracting(Artifact::name)
                .containsExactlyInAnyOrder("output.log", "changes.diff", "manifest.json");
        Path diff = Path.of(completed.artifacts().artifacts().stream()
                .filter(a -> a.name().equals("changes.diff")).findFirst().orElseThrow().path());
        assertThat(Files.readString(diff)).contains("+hello");
        // And the hand-off files are gone, so the IDE no longer offers the finished command
        assertThat(commandFile).doesNotExist();
        assertThat(bus.events(job.stepId())).extracting(StepEvent::type).extracting(Enum::name)
                .containsExactly("PENDING", "COMPLETED");
        await().atMost(StepBus.WAIT).untilAsserted(() -> assertThat(bus.logText(job.stepId()))
                .anySatisfy(text -> assertThat(text).contains("handed to Windsurf")));
    }

    @Test
    void aStepCompletedAsBlockedThroughTheApiIsBlockedWithTheQuestion() throws Exception {
        Path workspace = TestWorkspaceRoots.newWorkspace("dg-ide-test-");
        SandboxJob job = job("roo", 1, workspace, "Start the server");
        bus.send(job);
        bus.awaitEvent(job.stepId(), 1, StepPending.class);

        // a completion without a token is refused and changes nothing
        given().contentType(ContentType.JSON).body("{\"status\": \"done\", \"summary\": \"forged\"}")
                .when().post("/ide-steps/" + job.stepId() + "/complete")
                .then().statusCode(401).contentType("application/problem+json");

        // When the IDE (or its user) completes it as blocked through the worker's API
        given().auth().oauth2(TestApiTokens.OPERATOR).contentType(ContentType.JSON)
                .body("{\"status\": \"blocked\", \"summary\": \"The config names two ports.\","
                        + " \"question\": \"Which port should the server listen on?\"}")
                .when().post("/ide-steps/" + job.stepId() + "/complete")
                .then().statusCode(202);

        // Then the attempt is blocked with the question as its reason
        StepBlocked blocked = bus.awaitEvent(job.stepId(), 1, StepBlocked.class);
        assertThat(blocked.reason()).isEqualTo("Which port should the server listen on?");
        assertThat(blocked.context()).contains("two ports");
        assertThat(blocked.suggestedAction()).isEqualTo(FeedbackAction.CLARIFY);
        assertThat(blocked.artifacts().artifacts()).extracting(Artifact::name).contains("output.log");
        assertThat(bus.events(job.stepId()).stream().filter(StepBus::terminal)).hasSize(1);
    }

    @Test
    void aCancelEndsAPendingStepAndRemovesItsCommandFile() throws Exception {
        Path workspace = TestWorkspaceRoots.newWorkspace("dg-ide-test-");
        SandboxJob job = job("windsurf", 1, workspace, "Something nobody will do");
        bus.send(job);
        Path commandFile = Path.of(bus.awaitEvent(job.stepId(), 1, StepPending.class).commandFile());

        bus.cancelUntilTerminal(job.stepId(), 1);

        StepFailed failed = (StepFailed) bus.awaitTerminal(job.stepId());
        assertThat(failed.code()).isEqualTo(FailureCode.CANCELLED);
        assertThat(failed.reason()).contains("pending in the IDE");
        assertThat(commandFile).doesNotExist();
        given().when().get("/ide-steps").then().statusCode(200).body("stepId", not(hasItem(job.stepId())));
    }

    @Test
    void aNewerAttemptReplacesTheOneHandedOver() throws Exception {
        // Given attempt 1 pending in the IDE
        Path workspace = TestWorkspaceRoots.newWorkspace("dg-ide-test-");
        SandboxJob first = job("windsurf", 1, workspace, "First try");
        bus.send(first);
        bus.awaitEvent(first.stepId(), 1, StepPending.class);

        // When attempt 2 of the same step arrives
        SandboxJob second = new SandboxJob(SandboxJob.SCHEMA_VERSION, Ids.newEventId(), Instant.now(),
                first.stepId(), 2, "windsurf", null, "Second try", workspace.toString(), SandboxMode.WORKSPACE_WRITE,
                60, 0, "project-1", "true", null, null);
        bus.send(second);
        StepPending pending = bus.awaitEvent(first.stepId(), 2, StepPending.class);
        assertThat(Files.readString(Path.of(pending.commandFile()))).contains("Second try").doesNotContain("First try");

        // Then the result ends attempt 2 only
        Files.writeString(Path.of(pending.commandFile()).resolveSibling("dg-" + first.stepId() + ".result.json"),
                "{\"status\": \"failed\", \"summary\": \"The file is read-only.\"}");
        StepFailed failed = bus.awaitEvent(first.stepId(), 2, StepFailed.class);
        assertThat(failed.code()).isEqualTo(FailureCode.NON_ZERO_EXIT);
        assertThat(failed.reason()).contains("reported the step as failed", "read-only");
        assertThat(bus.events(first.stepId()).stream().filter(StepBus::terminal)).singleElement()
                .extracting(StepEvent::attempt).isEqualTo(2);
    }

    @Test
    void aWorkerReadsTheJobsOfTheHandOffAgentsItServesAndNotJulesWithoutItsKey() throws InterruptedException {
        // found at start (dg.worker.job-topics=auto): the dummy and the IDE hand-offs, no Jules without its key
        assertThat(config.consumedJobTopics()).contains(Topics.jobsFor(AgentCatalog.DUMMY),
                Topics.jobsFor("windsurf"), Topics.jobsFor("roo"), Topics.jobsFor("bob"))
                .doesNotContain(Topics.jobsFor(JulesAttemptRunner.AGENT_ID));
        SandboxJob job = job(JulesAttemptRunner.AGENT_ID, 1, null, "Change old to new");

        bus.send(job);

        // nobody here takes it: execution-service fails it as unavailable, with the key to set
        Thread.sleep(3_000);
        assertThat(bus.events(job.stepId())).isEmpty();
    }

    @Test
    void heartbeatsOfferIdeAgentsAsHandOffsAndJulesOnlyWithAKey() {
        await().atMost(StepBus.WAIT).untilAsserted(() -> assertThat(bus.heartbeats()).anySatisfy(beat -> {
            assertThat(beat.agents()).contains(new InstalledAgent("windsurf", true, "IDE hand-off", null),
                    new InstalledAgent("roo", true, "IDE hand-off", null),
                    new InstalledAgent("bob", true, "IDE hand-off", null));
            assertThat(beat.agents()).filteredOn(a -> a.agentId().equals("jules")).singleElement()
                    .satisfies(jules -> {
                        assertThat(jules.available()).isFalse();
                        assertThat(jules.reason()).contains("JULES_API_KEY");
                    });
            // copilot is not listed in dg.worker.ide.agents here: it stays a CLI agent, checked by its binary
            assertThat(beat.agents()).filteredOn(a -> a.agentId().equals("copilot"))
                    .noneMatch(a -> "IDE hand-off".equals(a.version()));
        }));
    }

    private static SandboxJob job(String agentId, int attempt, Path workspace, String prompt) {
        return new SandboxJob(SandboxJob.SCHEMA_VERSION, Ids.newEventId(), Instant.now(),
                "step-" + UUID.randomUUID(), attempt, agentId, null, prompt,
                workspace == null ? null : workspace.toString(), SandboxMode.WORKSPACE_WRITE, 60, 0, "project-1",
                "true", null, null);
    }
}
