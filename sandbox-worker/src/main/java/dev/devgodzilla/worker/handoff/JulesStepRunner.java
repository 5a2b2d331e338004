package dev.devgodzilla.worker.handoff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.devgodzilla.contracts.messages.Artifact;
import dev.devgodzilla.contracts.messages.ArtifactKind;
import dev.devgodzilla.contracts.messages.ArtifactManifest;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.FeedbackAction;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.LogStream;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.StepBlocked;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.contracts.messages.StepStarted;
import dev.devgodzilla.sandbox.redact.SecretRedactor;
import dev.devgodzilla.worker.Attempt;
import dev.devgodzilla.worker.OutputTail;
import dev.devgodzilla.worker.StepMetrics;
import dev.devgodzilla.worker.artifact.ArtifactWriter;
import dev.devgodzilla.worker.artifact.AttemptLog;
import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.config.WorkerIdentity;
import dev.devgodzilla.worker.engine.api.JulesClient;
import dev.devgodzilla.worker.engine.api.JulesConfig;
import dev.devgodzilla.worker.engine.api.JulesOutcome;
import dev.devgodzilla.worker.engine.api.JulesRun;
import dev.devgodzilla.worker.engine.api.JulesSessionRunner;
import dev.devgodzilla.worker.engine.api.JulesStepRequest;
import dev.devgodzilla.worker.messaging.LogChunkBatcher;
import dev.devgodzilla.worker.messaging.StepEventPublisher;
import dev.devgodzilla.worker.messaging.StepLogPublisher;
import dev.devgodzilla.worker.process.Termination;
import io.quarkus.logging.Log;

/**
 * Runs an attempt on Jules: the session runs in Google's VMs, so there is no sandbox or workspace here,
 * only the attempt's artifacts (log, the session's patches). The attempt keeps its slot and thread like a
 * CLI run (it is on a dispatcher's virtual thread, never the consumer's), so heartbeats renew its lease,
 * and a cancel or a newer attempt stops following the session just as it would kill a process.
 */
@ApplicationScoped
public class JulesStepRunner {
    /** What StepStarted names as the attempt's sandbox: none of this worker's, the remote API's. */
    public static final String BACKEND = "jules-api";

    private final JulesSessionRunner sessions;
    private final JulesConfig julesConfig;
    private final AgentWays ways;
    private final ArtifactWriter artifacts;
    private final StepEventPublisher events;
    private final StepLogPublisher logs;
    private final StepMetrics metrics;
    private final WorkerIdentity identity;
    private final WorkerConfig config;
    private final SecretRedactor redactor;

    public JulesStepRunner(JulesSessionRunner sessions, JulesConfig julesConfig, AgentWays ways,
                           ArtifactWriter artifacts, StepEventPublisher events, StepLogPublisher logs,
                           StepMetrics metrics, WorkerIdentity identity, WorkerConfig config,
                           @ConfigProperty(name = JulesClient.API_KEY_PROPERTY) Optional<String> apiKey) {
        this.sessions = sessions;
        this.julesConfig = julesConfig;
        this.ways = ways;
        this.artifacts = artifacts;
        this.events = events;
        this.logs = logs;
        this.metrics = metrics;
        this.identity = identity;
        this.config = config;
        List<String> secrets = new ArrayList<>(config.credentials().getOrDefault(AgentWays.JULES,
                java.util.Map.of()).values());
        apiKey.ifPresent(secrets::add);
        this.redactor = SecretRedactor.of(secrets);
    }

    /** Runs {@code attempt} on the calling thread until Jules settles it; publishes its events, never throws. */
    public void run(Attempt attempt) {
        SandboxJob job = attempt.job();
        long start = System.nanoTime();
        if (!ways.julesConfigured()) {
            // fail before StepStarted, as a CLI agent without its binary does: nothing was attempted
            finish(job, start, failed(job, FailureCode.AGENT_UNAVAILABLE, AgentWays.missingJulesKey(), 0, null, null));
            return;
        }
        JulesStepRequest request = JulesStepRequest.of(job, julesConfig, artifacts.directory(job.stepId(),
                job.attempt()));
        events.publish(new StepStarted(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), job.stepId(),
                job.attempt(), job.agentId(), identity.workerId(),
                request.source() == null ? null : request.source().source(), BACKEND));
        OutputTail tail = new OutputTail(Math.max(1, config.outputTailChars()));
        AttemptLog log = artifacts.openLog(job.stepId(), job.attempt());
        JulesOutcome outcome;
        boolean interrupted = false;
        try {
            try (LogChunkBatcher batcher = logs.batcher(job.stepId(), job.attempt()); log) {
                Consumer<String> lines = line -> {
                    String safe = redactor.redact(line);
                    log.append(safe);
                    batcher.add(LogStream.STDOUT, safe);
                    tail.add(safe);
                };
                JulesRun run = sessions.start(request, lines);
                Waited waited = await(attempt, run, batcher);
                outcome = waited.outcome();
                interrupted = waited.interrupted();
            }
            ArtifactManifest manifest = artifacts.finish(job.stepId(), job.attempt(), log,
                    joinedPatches(outcome.artifacts()), List.of(), outcome.artifacts());
            report(attempt, outcome, interrupted, tail.last(config.outputTailChars()), manifest, start);
        } catch (RuntimeException e) {
            Log.errorf(e, "step %s attempt %d failed inside the worker", job.stepId(), job.attempt());
            finish(job, start, failed(job, FailureCode.INTERNAL, "worker error: " + e.getMessage(), elapsedMs(start),
                    tail.last(config.outputTailChars()), null));
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private record Waited(JulesOutcome outcome, boolean interrupted) {
    }

    /**
     * Waits for the outcome, publishing batched log lines meanwhile; a stop asked for the attempt (a
     * cancel command, a newer attempt, the shutdown) stops following the session.
     */
    private Waited await(Attempt attempt, JulesRun run, LogChunkBatcher batcher) {
        CompletableFuture<JulesOutcome> outcome = run.outcome().toCompletableFuture();
        long tick = Math.max(50, config.logBatchWindow().toMillis());
        while (true) {
            try {
                return new Waited(outcome.get(tick, TimeUnit.MILLISECONDS), false);
            } catch (TimeoutException e) {
                batcher.flushIfDue();
                if (attempt.stopRequest() != null) {
                    run.cancel();
                }
            } catch (InterruptedException e) {
                // the dispatcher's executor is going away: stop following, report as lost
                run.cancel();
                return new Waited(outcome.join(), true);
            } catch (ExecutionException e) {
                throw new IllegalStateException("the Jules run ended without an outcome", e.getCause());
            }
        }
    }

    private void report(Attempt attempt, JulesOutcome outcome, boolean interrupted, String output,
                        ArtifactManifest manifest, long start) {
        SandboxJob job = attempt.job();
        StepEvent event = switch (outcome.status()) {
            case COMPLETED -> new StepCompleted(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(),
                    job.stepId(), job.attempt(), job.agentId(), identity.workerId(), 0, outcome.durationMs(), output,
                    outcome.finalMessage(), null, outcome.sessionId(), null, manifest, job.qaCommand());
            case BLOCKED -> new StepBlocked(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), job.stepId(),
                    job.attempt(), job.agentId(), identity.workerId(), outcome.question(), blockContext(outcome),
                    outcome.suggestedAction() != null ? outcome.suggestedAction() : FeedbackAction.CLARIFY,
                    outcome.durationMs(), output, null, manifest);
            case FAILED -> failedOutcome(attempt, outcome, interrupted, output, manifest);
        };
        finish(job, start, event);
    }

    /** A stopped run says CANCELLED; whether the user or the shutdown stopped it decides the code. */
    private StepFailed failedOutcome(Attempt attempt, JulesOutcome outcome, boolean interrupted, String output,
                                     ArtifactManifest manifest) {
        SandboxJob job = attempt.job();
        FailureCode code = outcome.failureCode() != null ? outcome.failureCode() : FailureCode.INTERNAL;
        String reason = outcome.reason() != null ? outcome.reason() : "Jules reported the step as failed";
        Termination stop = attempt.stopRequest();
        if (code == FailureCode.CANCELLED && (interrupted || stop == Termination.SHUTDOWN)) {
            code = FailureCode.WORKER_LOST;
            reason = "worker " + identity.workerId() + " shut down during the attempt";
        } else if (code == FailureCode.CANCELLED) {
            reason = "cancelled by a step command";
        }
        if (code == FailureCode.CANCELLED || code == FailureCode.WORKER_LOST) {
            // the API cannot stop a session: say which one goes on without us
            reason += outcome.sessionId() == null ? "" : " (Jules session " + outcome.sessionId()
                    + " is left as it is" + (outcome.sessionUrl() == null ? "" : ": " + outcome.sessionUrl()) + ")";
        }
        return new StepFailed(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), job.stepId(), job.attempt(),
                job.agentId(), identity.workerId(), code, reason, null, outcome.durationMs(), output, null, manifest);
    }

    /** The session to continue, and what Jules said last. */
    private static String blockContext(JulesOutcome outcome) {
        StringBuilder context = new StringBuilder("Jules session ").append(outcome.sessionId());
        if (outcome.sessionUrl() != null) {
            context.append(" (").append(outcome.sessionUrl()).append(')');
        }
        context.append(" is ").append(outcome.state());
        if (outcome.finalMessage() != null && !outcome.finalMessage().isBlank()
                && !outcome.finalMessage().equals(outcome.question())) {
            context.append("\n\n").append(outcome.finalMessage());
        }
        return context.toString();
    }

    /** The session's patches as the attempt's {@code changes.diff}, which every agent's steps have. */
    private static String joinedPatches(List<Artifact> patches) {
        StringBuilder diff = new StringBuilder();
        for (Artifact patch : patches) {
            if (patch.kind() != ArtifactKind.DIFF) {
                continue;
            }
            try {
                diff.append(Files.readString(Path.of(patch.path()), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + patch.path(), e);
            }
        }
        return diff.toString();
    }

    private StepFailed failed(SandboxJob job, FailureCode code, String reason, long durationMs, String output,
                              ArtifactManifest manifest) {
        return new StepFailed(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), job.stepId(), job.attempt(),
                job.agentId(), identity.workerId(), code, reason, null, durationMs, output, null, manifest);
    }

    private void finish(SandboxJob job, long start, StepEvent event) {
        events.publish(event);
        String outcome = event instanceof StepFailed f ? f.code().name().toLowerCase(Locale.ROOT)
                : event.type().wireName();
        metrics.finished(job.agentId(), outcome, Duration.ofNanos(System.nanoTime() - start));
        Log.infof("step %s attempt %d: %s", job.stepId(), job.attempt(), outcome);
    }

    private static long elapsedMs(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
