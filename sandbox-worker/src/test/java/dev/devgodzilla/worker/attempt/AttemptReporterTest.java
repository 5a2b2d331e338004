package dev.devgodzilla.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;


import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.messages.ArtifactManifest;
import dev.devgodzilla.contracts.messages.ChangeType;
import dev.devgodzilla.contracts.messages.ChangedFile;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.FeedbackAction;
import dev.devgodzilla.contracts.messages.LogStream;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.contracts.messages.StepBlocked;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepEventType;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.contracts.messages.StepLogChunk;
import dev.devgodzilla.contracts.messages.StepPending;
import dev.devgodzilla.contracts.messages.StepStarted;
import dev.devgodzilla.contracts.messages.TokenUsage;
import dev.devgodzilla.sandbox.redact.SecretRedactor;
import dev.devgodzilla.worker.TestWorkerConfig;
import dev.devgodzilla.worker.artifact.ArtifactWriter;
import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.config.WorkerIdentity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class AttemptReporterTest {
    private static final String SECRET = "sk-very-secret-value";

    private final List<StepEvent> sent = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final WorkerConfig config = TestWorkerConfig.of(Map.of("dg.worker.id", "worker-t",
            "dg.worker.output-tail-chars", "100"));
    private final AttemptReporter reporter = new AttemptReporter(sent::add, new AttemptMeters(meters),
            new WorkerIdentity(config), config);
    private final SandboxJob job = job("codex");
    private final AttemptReport report = reporter.begin(job, SecretRedactor.of(List.of(SECRET)));
    private final Path workspace = Path.of("/tmp/ws");

    @Test
    void startedAndPendingNameTheWorkerWorkspaceAndCommandFile() {
        report.started("/tmp/ws", "bwrap");
        report.pending("/tmp/ws/.cursor/commands/dg-s.md");

        StepStarted started = (StepStarted) sent.get(0);
        assertThat(started.stepId()).isEqualTo(job.stepId());
        assertThat(started.attempt()).isEqualTo(2);
        assertThat(started.source()).isEqualTo("worker-t");
        assertThat(started.workspace()).isEqualTo("/tmp/ws");
        assertThat(started.sandboxBackend()).isEqualTo("bwrap");
        StepPending pending = (StepPending) sent.get(1);
        assertThat(pending.type()).isEqualTo(StepEventType.PENDING);
        assertThat(pending.commandFile()).endsWith("dg-s.md");
        // neither is an outcome: nothing is counted yet
        assertThat(meters.find("dg.attempt.outcome").counters()).isEmpty();
    }

    @Test
    void completedCarriesTheAnswerUsageAndQaCommandMaskedAndCounted() {
        report.usage(new TokenUsage(10, 5, 0, null));
        report.completed(new AgentAnswer("done, key " + SECRET, new TokenUsage(10, 5, 0, null), "session-1"),
                new AttemptEnd(42, "out " + SECRET, workspace, null));

        StepCompleted completed = (StepCompleted) sent.getFirst();
        assertThat(completed.finalMessage()).isEqualTo("done, key " + SecretRedactor.MASK);
        assertThat(completed.output()).isEqualTo("out " + SecretRedactor.MASK);
        assertThat(completed.durationMs()).isEqualTo(42);
        assertThat(completed.sessionId()).isEqualTo("session-1");
        assertThat(completed.workspace()).isEqualTo("/tmp/ws");
        assertThat(completed.qaCommand()).isEqualTo("make test");
        assertThat(meters.get("dg.attempt.outcome").tags("agent", "codex", "outcome", "completed").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("dg.agent.tokens").tags("agent", "codex", "kind", "input").counter().count())
                .isEqualTo(10);
    }

    @Test
    void aHugeChangeAndAHugeAnswerAreCutInTheEventSayingHowMuch() {
        List<ChangedFile> files = IntStream.range(0, 20_000)
                .mapToObj(i -> new ChangedFile("node_modules/p" + i + "/index.js", ChangeType.ADDED, null, 10L, null))
                .toList();
        ArtifactManifest manifest = new ArtifactManifest("s", 1, "/tmp/artifacts", List.of(), files);
        report.completed(new AgentAnswer("a".repeat(100_000), null, null), new AttemptEnd(42, "out", workspace, manifest));

        StepCompleted completed = (StepCompleted) sent.getFirst();
        assertThat(completed.artifacts().changedFiles()).hasSize(500);
        assertThat(completed.artifacts().changedFilesTotal()).isEqualTo(20_000);
        assertThat(completed.finalMessage()).hasSizeLessThan(16_100).endsWith("(84000 more characters in output.log)");
        assertThat(Json.write(completed).length()).isLessThan(256 * 1024);
    }

    @Test
    void blockedMasksTheQuestionAndContextAndCarriesTheAgentsUsageAndSession() {
        report.blocked("which key? " + SECRET, "I tried " + SECRET, FeedbackAction.CLARIFY,
                new AgentAnswer("I tried " + SECRET + ". which key? " + SECRET, new TokenUsage(120, 30, 0, 0.25),
                        "session-7"), new AttemptEnd(7, null, workspace, null));

        StepBlocked blocked = (StepBlocked) sent.getFirst();
        assertThat(blocked.reason()).isEqualTo("which key? " + SecretRedactor.MASK);
        assertThat(blocked.context()).isEqualTo("I tried " + SecretRedactor.MASK);
        assertThat(blocked.suggestedAction()).isEqualTo(FeedbackAction.CLARIFY);
        assertThat(blocked.output()).isNull();
        assertThat(blocked.finalMessage()).doesNotContain(SECRET).endsWith("which key? " + SecretRedactor.MASK);
        assertThat(blocked.usage()).isEqualTo(new TokenUsage(120, 30, 0, 0.25));
        assertThat(blocked.sessionId()).isEqualTo("session-7");
    }

    @Test
    void failedAndCancelledCarryTheirCodeAndBoundedTexts() {
        String longOutput = "x".repeat(500) + "END";
        report.failed(FailureCode.NON_ZERO_EXIT, "r".repeat(5000), 3, new AttemptEnd(9, longOutput, workspace, null));
        reporter.begin(job("not-a-catalogue-agent"), SecretRedactor.none())
                .cancelled("cancelled by a step command", AttemptEnd.nothingRan(0));

        StepFailed failed = (StepFailed) sent.get(0);
        assertThat(failed.code()).isEqualTo(FailureCode.NON_ZERO_EXIT);
        assertThat(failed.exitCode()).isEqualTo(3);
        // the output keeps its end, where the error is; the reason its beginning
        assertThat(failed.output()).hasSize(100).endsWith("END");
        assertThat(failed.reason()).hasSize(AttemptReport.MAX_REASON + 1).startsWith("rrr").endsWith("…");
        StepFailed cancelled = (StepFailed) sent.get(1);
        assertThat(cancelled.code()).isEqualTo(FailureCode.CANCELLED);
        assertThat(cancelled.workspace()).isNull();
        // an agent id that is not in the catalogue never becomes a meter tag
        assertThat(meters.get("dg.attempt.outcome").tags("agent", "unknown", "outcome", "cancelled").counter().count())
                .isEqualTo(1);
    }

    @Test
    void startedReturnsBeforeItsAckAndNothingLaterOvertakesIt() throws Exception {
        CountDownLatch ack = new CountDownLatch(1);
        List<StepEvent> published = new CopyOnWriteArrayList<>();
        AttemptReporter slowBroker = new AttemptReporter(event -> {
            if (event instanceof StepStarted) {
                awaitQuietly(ack); // the broker has not acknowledged yet
            }
            published.add(event);
        }, new AttemptMeters(meters), new WorkerIdentity(config), config);
        AttemptReport slow = slowBroker.begin(job, SecretRedactor.none());

        slow.started("/tmp/ws", "bwrap"); // returns while the send waits
        Thread finisher = Thread.ofVirtual().start(() -> slow.failed(FailureCode.NON_ZERO_EXIT, "exit 1", 1,
                AttemptEnd.nothingRan(0)));
        finisher.join(300);
        assertThat(finisher.isAlive()).as("the terminal event waits for StepStarted's ack").isTrue();
        assertThat(published).isEmpty();

        ack.countDown();
        finisher.join(5_000);
        slow.awaitAnnounced();
        assertThat(published).extracting(StepEvent::type)
                .containsExactly(StepEventType.STARTED, StepEventType.FAILED);
    }

    @Test
    void theTerminalEventFollowsTheOutputsLastBatchWhichTheOutputsCloseDoesNotWaitFor(@TempDir Path artifacts)
            throws Exception {
        // Given an output whose last batch the bus has not acknowledged yet
        CompletableFuture<Void> ack = new CompletableFuture<>();
        List<StepLogChunk> chunks = new CopyOnWriteArrayList<>();
        WorkerConfig withArtifacts = TestWorkerConfig.of(Map.of("dg.worker.id", "worker-t",
                "dg.worker.artifact-dir", artifacts.toString()));
        AttemptOutputs outputs = new AttemptOutputs(new ArtifactWriter(withArtifacts), chunk -> {
            chunks.add(chunk);
            return ack;
        }, withArtifacts);
        AttemptOutput output = outputs.open(report, SecretRedactor.none(), 100);
        output.line(LogStream.STDOUT, "the last line");

        // When it closes, and the attempt then completes
        output.close();
        assertThat(chunks).extracting(StepLogChunk::text).containsExactly("the last line\n");
        Thread finisher = Thread.ofVirtual().start(() -> report.completed(new AgentAnswer("done", null, null),
                new AttemptEnd(5, "", workspace, null)));

        // Then the close returned at once, and the completion waits for the batch's ack
        finisher.join(300);
        assertThat(finisher.isAlive()).as("the completion waits for the last batch's ack").isTrue();
        assertThat(sent).isEmpty();
        ack.complete(null);
        finisher.join(5_000);
        assertThat(sent).extracting(StepEvent::type).containsExactly(StepEventType.COMPLETED);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aRefusedJobIsReportedAsWorkerLost() {
        reporter.refuseForShutdown(job);

        StepFailed failed = (StepFailed) sent.getFirst();
        assertThat(failed.code()).isEqualTo(FailureCode.WORKER_LOST);
        assertThat(failed.reason()).contains("worker-t", "shutting down");
    }

    @Test
    void aCompletionNamesTheCheckThatStartedForItBeforeItWasSent() {
        List<String> order = new CopyOnWriteArrayList<>();
        AttemptReporter checking = new AttemptReporter(event -> {
            order.add("sent " + event.type());
            sent.add(event);
        }, new AttemptMeters(meters), new WorkerIdentity(config), config, completed -> {
            order.add("check of " + completed.qaCommand() + " in " + completed.workspace());
            return "qa-check-1";
        });

        checking.begin(job, SecretRedactor.none()).completed(new AgentAnswer("done", null, null),
                new AttemptEnd(5, "", workspace, null));

        assertThat(order).containsExactly("check of make test in /tmp/ws", "sent COMPLETED");
        assertThat(((StepCompleted) sent.getFirst()).qaCheckJobId()).isEqualTo("qa-check-1");
    }

    @Test
    void aCompletionWithoutAStartedCheckNamesNone() {
        report.completed(new AgentAnswer("done", null, null), new AttemptEnd(5, "", workspace, null));

        assertThat(((StepCompleted) sent.getFirst()).qaCheckJobId()).isNull();
    }

    private static SandboxJob job(String agentId) {
        return new SandboxJob(1, "e-1", Instant.now(), "step-r", 2, agentId, null, "do it", null,
                SandboxMode.WORKSPACE_WRITE, 60, 60, null, "make test", null, "execute");
    }
}
