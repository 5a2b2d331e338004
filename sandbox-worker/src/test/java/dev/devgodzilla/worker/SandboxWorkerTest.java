package dev.devgodzilla.worker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.CloudEvents;
import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.support.rest.OpenApiRoutes;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.messages.Artifact;
import dev.devgodzilla.contracts.messages.ArtifactKind;
import dev.devgodzilla.contracts.messages.AttemptRef;
import dev.devgodzilla.contracts.messages.ChangeType;
import dev.devgodzilla.contracts.messages.ChangedFile;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.FeedbackAction;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.InstalledAgent;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.contracts.messages.StepBlocked;
import dev.devgodzilla.contracts.messages.StepCommand;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.contracts.messages.StepLogChunk;
import dev.devgodzilla.contracts.messages.StepStarted;
import dev.devgodzilla.contracts.messages.WorkerHeartbeat;
import dev.devgodzilla.testkit.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class SandboxWorkerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The dummy agent's credential in the test configuration. */
    private static final String SECRET = "sk-test-4f9a1c7e2b8d6035";

    private static KafkaCompanion kafka;
    private static ConsumerTask<String, String> stepEvents;
    private static ConsumerTask<String, String> stepLogs;
    private static ConsumerTask<String, String> heartbeats;

    @BeforeAll
    static void listen() {
        kafka = new KafkaCompanion(KafkaTestResource.bootstrapServers());
        stepEvents = kafka.consumeStrings().fromTopics(Topics.STEP_EVENTS);
        stepLogs = kafka.consumeStrings().fromTopics(Topics.STEP_LOGS);
        heartbeats = kafka.consumeStrings().fromTopics(Topics.WORKER_HEARTBEATS);
    }

    @AfterAll
    static void close() {
        stepEvents.close();
        stepLogs.close();
        heartbeats.close();
        kafka.close();
    }

    @Test
    void theOpenApiDocumentListsEveryRoute() {
        OpenApiRoutes.assertDocumentListsEveryRoute();
    }

    @Test
    void completesAJobWithItsChangesArtifactsAndLiveLogs() throws Exception {
        // Given a job that writes a file and prints
        SandboxJob job = job("write src/hello.txt hello world\nprint done writing\nthis line is ignored", 60, 0);

        // When it is produced on the dummy job topic
        send(job);

        // Then StepStarted comes first, then StepCompleted with exit 0
        StepEvent terminal = awaitTerminal(job.stepId());
        List<StepEvent> events = eventsOf(job.stepId());
        assertThat(events.getFirst()).isInstanceOf(StepStarted.class);
        assertThat(((StepStarted) events.getFirst()).sandboxBackend()).isEqualTo("bwrap");
        assertThat(terminal).isInstanceOf(StepCompleted.class);
        StepCompleted completed = (StepCompleted) terminal;
        assertThat(completed.exitCode()).isZero();
        assertThat(completed.attempt()).isEqualTo(1);
        assertThat(completed.qaCommand()).isEqualTo("true");
        assertThat(completed.output()).contains("done writing");

        // And the changed file is reported with the sha256 of what is on disk
        Path written = Path.of(completed.workspace()).resolve("src/hello.txt");
        assertThat(Files.readString(written)).isEqualTo("hello world\n");
        ChangedFile changed = completed.artifacts().changedFiles().stream()
                .filter(f -> f.path().equals("src/hello.txt")).findFirst().orElseThrow();
        assertThat(changed.change()).isEqualTo(ChangeType.ADDED);
        assertThat(changed.sha256()).isEqualTo(sha256(written));
        assertThat(changed.sizeBytes()).isEqualTo(Files.size(written));

        // And the artifacts exist with matching hashes
        assertThat(completed.artifacts().artifacts()).extracting(Artifact::name)
                .containsExactlyInAnyOrder("output.log", "changes.diff", "manifest.json");
        for (Artifact artifact : completed.artifacts().artifacts()) {
            Path file = Path.of(artifact.path());
            assertThat(file).isAbsolute().exists();
            assertThat(artifact.sha256()).isEqualTo(sha256(file));
            assertThat(artifact.sizeBytes()).isEqualTo(Files.size(file));
        }
        Artifact log = artifact(completed, "output.log");
        assertThat(log.kind()).isEqualTo(ArtifactKind.LOG);
        assertThat(Files.readString(Path.of(log.path()))).contains("done writing");
        assertThat(Files.readString(Path.of(artifact(completed, "changes.diff").path())))
                .contains("src/hello.txt", "+hello world");
        assertThat(Path.of(log.path()).getParent().getFileName().toString()).isEqualTo("attempt-1");

        // And the terminal record carries CloudEvents headers
        ConsumerRecord<String, String> record = recordsOf(stepEvents, job.stepId()).getLast();
        assertThat(header(record, CloudEvents.TYPE)).isEqualTo("dev.devgodzilla.step.completed");

        // And the output went out live on step-logs
        await().atMost(WAIT).untilAsserted(() -> assertThat(recordsOf(stepLogs, job.stepId()))
                .extracting(r -> Json.read(r.value(), StepLogChunk.class).text())
                .anySatisfy(text -> assertThat(text).contains("done writing")));
    }

    @Test
    void aNonZeroExitFailsTheStep() {
        SandboxJob job = job("print about to fail\nexit 3", 60, 0);

        send(job);

        StepFailed failed = (StepFailed) awaitTerminal(job.stepId());
        assertThat(failed.code()).isEqualTo(FailureCode.NON_ZERO_EXIT);
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.output()).contains("about to fail");
        assertThat(failed.artifacts().artifacts()).extracting(Artifact::name).contains("output.log");
    }

    @Test
    void aQuestionBlocksTheStep() {
        SandboxJob job = job("clarify which login provider to use?", 60, 0);

        send(job);

        StepBlocked blocked = (StepBlocked) awaitTerminal(job.stepId());
        assertThat(blocked.suggestedAction()).isEqualTo(FeedbackAction.CLARIFY);
        assertThat(blocked.reason()).contains("clarification on which login provider");
    }

    @Test
    void aTimeoutKillsEverythingTheAgentStarted() {
        // Given a job that leaves a setsid grandchild and outlasts its limit
        String grandchild = marker();
        String child = marker();
        SandboxJob job = job("spawn-sleep " + grandchild + "\nsleep " + child, 2, 0);

        send(job);

        // Then it times out and no process of it is left
        StepFailed failed = (StepFailed) awaitTerminal(job.stepId());
        assertThat(failed.code()).isEqualTo(FailureCode.TIMED_OUT);
        assertThat(failed.exitCode()).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> !alive(grandchild) && !alive(child));
    }

    @Test
    void aSilentAgentHitsTheIdleWatchdog() {
        SandboxJob job = job("print working\nsleep " + marker(), 60, 1);

        send(job);

        StepFailed failed = (StepFailed) awaitTerminal(job.stepId());
        assertThat(failed.code()).isEqualTo(FailureCode.IDLE_TIMEOUT);
    }

    @Test
    void aCancelCommandStopsTheRunningAttempt() {
        // Given a long-running job
        String sleeper = marker();
        SandboxJob job = job("print started\nsleep " + sleeper, 120, 0);
        send(job);
        await().atMost(WAIT).until(() -> alive(sleeper));

        // When a cancel command arrives (repeated: the command consumer may still be joining its group)
        StepCommand cancel = new StepCommand(Ids.newEventId(), Instant.now(), job.stepId(), job.attempt(),
                StepCommand.Action.CANCEL, "the user changed their mind");
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> {
            produce(Topics.STEP_COMMANDS, job.stepId(), Json.write(cancel));
            return terminalOf(job.stepId()).isPresent();
        });

        // Then the attempt is cancelled and its process is gone
        StepFailed failed = (StepFailed) awaitTerminal(job.stepId());
        assertThat(failed.code()).isEqualTo(FailureCode.CANCELLED);
        await().atMost(Duration.ofSeconds(5)).until(() -> !alive(sleeper));
    }

    @Test
    void heartbeatsListTheDummyAgentAndTheRunningAttempt() {
        // Given a job that runs for a while
        String sleeper = marker();
        SandboxJob job = job("sleep " + sleeper, 120, 0);
        send(job);
        await().atMost(WAIT).until(() -> alive(sleeper));

        // Then a heartbeat names the dummy agent as available and the attempt as running
        AttemptRef ref = new AttemptRef(job.stepId(), job.attempt());
        await().atMost(WAIT).untilAsserted(() -> assertThat(heartbeats.getRecords().stream()
                .map(r -> Json.read(r.value(), WorkerHeartbeat.class)))
                .anySatisfy(beat -> {
                    assertThat(beat.running()).contains(ref);
                    // with how long its sandboxed version check took
                    assertThat(beat.agents()).anySatisfy(agent -> {
                        assertThat(agent.agentId()).isEqualTo(AgentCatalog.DUMMY);
                        assertThat(agent.available()).isTrue();
                        assertThat(agent.version()).isEqualTo("dg-dummy-agent 1.0.0");
                        assertThat(agent.checkMs()).isNotNull().isNotNegative();
                    });
                    assertThat(beat.capacity()).isEqualTo(2);
                    assertThat(beat.sandboxBackend()).isEqualTo("bwrap");
                    assertThat(beat.workerId()).isNotBlank();
                }));
        // And the REST view lists it too
        given().when().get("/attempts").then().statusCode(200)
                .body("find { it.stepId == '" + job.stepId() + "' }.attempt", equalTo(1));

        // And a missing CLI agent is reported with how to install it
        WorkerHeartbeat last = Json.read(heartbeats.getRecords().getLast().value(), WorkerHeartbeat.class);
        assertThat(last.agents()).anySatisfy(agent -> {
            assertThat(agent.agentId()).isEqualTo("codex");
            if (!agent.available()) {
                assertThat(agent.reason()).startsWith("`codex` not found on PATH; install it with");
            }
        });

        // Cleanup: stop it
        StepCommand cancel = new StepCommand(Ids.newEventId(), Instant.now(), job.stepId(), 0,
                StepCommand.Action.CANCEL, "test over");
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> {
            produce(Topics.STEP_COMMANDS, job.stepId(), Json.write(cancel));
            return terminalOf(job.stepId()).isPresent();
        });
    }

    @Test
    void anUnreadableJobGoesToTheDeadLetterTopicWithItsReason() {
        String key = "bad-" + UUID.randomUUID();
        produce(Topics.jobsFor(AgentCatalog.DUMMY), key, "{not json");

        ConsumerTask<String, String> dlq = kafka.consumeStrings()
                .fromTopics(Topics.dlq(Topics.jobsFor(AgentCatalog.DUMMY)));
        try {
            await().atMost(WAIT).untilAsserted(() -> assertThat(dlq.getRecords())
                    .filteredOn(r -> key.equals(r.key()))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.value()).isEqualTo("{not json");
                        assertThat(header(r, "dead-letter-reason")).contains("not a valid SandboxJob");
                    }));
        } finally {
            dlq.close();
        }

        // And the worker goes on taking jobs
        SandboxJob next = job("print still here", 60, 0);
        send(next);
        assertThat(awaitTerminal(next.stepId())).isInstanceOf(StepCompleted.class);
    }

    @Test
    void theAgentsCredentialNeverLeavesTheSandboxUnmasked() throws Exception {
        // Given a job whose agent prints the credential it was handed
        SandboxJob job = job("print-env DUMMY_API_KEY\nprint the key is sk-test-4f9a1c7e2b8d6035, twice", 60, 0);

        send(job);

        // Then the agent had it, but events, live logs and the log artifact show only the mask
        StepCompleted completed = (StepCompleted) awaitTerminal(job.stepId());
        assertThat(completed.output()).contains("DUMMY_API_KEY=***").contains("the key is ***")
                .doesNotContain(SECRET);
        await().atMost(WAIT).untilAsserted(() -> assertThat(recordsOf(stepLogs, job.stepId()))
                .extracting(ConsumerRecord::value).anySatisfy(v -> assertThat(v).contains("DUMMY_API_KEY=***"))
                .noneSatisfy(v -> assertThat(v).contains(SECRET)));
        assertThat(Files.readString(Path.of(artifact(completed, "output.log").path()))).doesNotContain(SECRET);
    }

    @Test
    void aModeAbovePolicyIsRefusedAsAFailedStep() {
        SandboxJob job = job("print should never run", 60, 0, SandboxMode.FULL_ACCESS, null);

        send(job);

        StepFailed failed = (StepFailed) awaitTerminal(job.stepId());
        assertThat(failed.code()).isEqualTo(FailureCode.POLICY_REJECTED);
        assertThat(failed.reason()).contains("FULL_ACCESS");
    }

    @Test
    void readOnlyModeKeepsTheWorkspaceUnchanged() {
        SandboxJob job = job("write intruder.txt should not exist", 60, 0, SandboxMode.READ_ONLY, null);

        send(job);

        StepEvent terminal = awaitTerminal(job.stepId());
        String workspace = terminal instanceof StepCompleted c ? c.workspace() : ((StepFailed) terminal).workspace();
        assertThat(Path.of(workspace).resolve("intruder.txt")).doesNotExist();
    }

    @Test
    void theSetupPhaseRunsBeforeTheAgentAndItsFailureFailsTheStep() {
        // Given a setup command that prepares the workspace
        SandboxJob job = job("print agent ran", 60, 0, SandboxMode.WORKSPACE_WRITE,
                "echo installing dependencies && touch .deps-ready");
        send(job);
        StepCompleted completed = (StepCompleted) awaitTerminal(job.stepId());
        assertThat(completed.output()).contains("installing dependencies").contains("agent ran");
        assertThat(Path.of(completed.workspace()).resolve(".deps-ready")).exists();

        // And a setup command that fails stops the step before the agent runs
        SandboxJob broken = job("print agent ran", 60, 0, SandboxMode.WORKSPACE_WRITE, "echo no registry; exit 7");
        send(broken);
        StepFailed failed = (StepFailed) awaitTerminal(broken.stepId());
        assertThat(failed.code()).isEqualTo(FailureCode.NON_ZERO_EXIT);
        assertThat(failed.reason()).contains("setup").contains("7");
        assertThat(failed.output()).contains("no registry").doesNotContain("agent ran");
    }

    @Test
    void isReadyAndAlive() {
        await().atMost(WAIT).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("dg_worker_jobs_running"));
    }

    private static SandboxJob job(String prompt, int timeoutSeconds, int idleTimeoutSeconds) {
        return job(prompt, timeoutSeconds, idleTimeoutSeconds, SandboxMode.WORKSPACE_WRITE, null);
    }

    private static SandboxJob job(String prompt, int timeoutSeconds, int idleTimeoutSeconds, SandboxMode mode,
                                  String setupCommand) {
        return new SandboxJob(SandboxJob.SCHEMA_VERSION, Ids.newEventId(), Instant.now(),
                "step-" + UUID.randomUUID(), 1, AgentCatalog.DUMMY, "none", prompt, null,
                mode, timeoutSeconds, idleTimeoutSeconds, "project-1", "true", setupCommand, null);
    }

    private static void send(SandboxJob job) {
        produce(Topics.jobsFor(AgentCatalog.DUMMY), job.stepId(), Json.write(job));
    }

    private static void produce(String topic, String key, String value) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(topic, key, value)).awaitCompletion();
    }

    private static List<ConsumerRecord<String, String>> recordsOf(ConsumerTask<String, String> task, String key) {
        return task.getRecords().stream().filter(r -> key.equals(r.key())).toList();
    }

    private static List<StepEvent> eventsOf(String stepId) {
        return recordsOf(stepEvents, stepId).stream().map(r -> Json.read(r.value(), StepEvent.class)).toList();
    }

    private static Optional<StepEvent> terminalOf(String stepId) {
        return eventsOf(stepId).stream().filter(e -> !(e instanceof StepStarted)).findFirst();
    }

    private static StepEvent awaitTerminal(String stepId) {
        return await().atMost(WAIT).until(() -> terminalOf(stepId), Optional::isPresent).orElseThrow();
    }

    private static Artifact artifact(StepCompleted completed, String name) {
        return completed.artifacts().artifacts().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** A sleep length no other process on the machine has in its command line. */
    private static String marker() {
        return "1000." + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
    }

    private static boolean alive(String marker) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .anyMatch(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false));
    }
}
