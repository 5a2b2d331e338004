package dev.devgodzilla.worker.way.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;


import jakarta.enterprise.context.ApplicationScoped;


import org.eclipse.microprofile.config.inject.ConfigProperty;


import dev.devgodzilla.contracts.messages.Artifact;
import dev.devgodzilla.contracts.messages.ArtifactKind;
import dev.devgodzilla.contracts.messages.ArtifactManifest;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.FeedbackAction;
import dev.devgodzilla.contracts.messages.LogStream;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.sandbox.redact.SecretRedactor;
import dev.devgodzilla.worker.artifact.ArtifactWriter;
import dev.devgodzilla.worker.attempt.Attempt;
import dev.devgodzilla.worker.attempt.AgentAnswer;
import dev.devgodzilla.worker.attempt.AttemptEnd;
import dev.devgodzilla.worker.attempt.AttemptOutput;
import dev.devgodzilla.worker.attempt.AttemptOutputs;
import dev.devgodzilla.worker.attempt.AttemptReport;
import dev.devgodzilla.worker.attempt.AttemptReporter;
import dev.devgodzilla.worker.attempt.AttemptRunner;
import dev.devgodzilla.worker.attempt.Termination;
import dev.devgodzilla.worker.attempt.Way;
import dev.devgodzilla.worker.config.WorkerConfig;
import io.quarkus.logging.Log;

/**
 * The Jules way: the session runs in Google's VMs, so there is no sandbox or workspace here, only the
 * attempt's artifacts (log, the session's patches). The attempt keeps its slot and thread like a CLI run
 * (it is on a dispatcher's virtual thread, never the consumer's), so heartbeats renew its lease, and a
 * cancel or a newer attempt stops following the session just as it would kill a process.
 */
@ApplicationScoped
public class JulesAttemptRunner implements AttemptRunner {
    /** The API agent this worker can drive. */
    public static final String AGENT_ID = "jules";
    /** What StepStarted names as the attempt's sandbox: none of this worker's, the remote API's. */
    public static final String BACKEND = "jules-api";

    private final JulesSessionRunner sessions;
    private final JulesConfig julesConfig;
    private final ArtifactWriter artifacts;
    private final AttemptReporter reporter;
    private final AttemptOutputs outputs;
    private final WorkerConfig config;
    private final Optional<String> apiKey;
    private final SecretRedactor redactor;

    public JulesAttemptRunner(JulesSessionRunner sessions, JulesConfig julesConfig, ArtifactWriter artifacts,
                              AttemptReporter reporter, AttemptOutputs outputs, WorkerConfig config,
                              @ConfigProperty(name = JulesClient.API_KEY_PROPERTY) Optional<String> apiKey) {
        this.sessions = sessions;
        this.julesConfig = julesConfig;
        this.artifacts = artifacts;
        this.reporter = reporter;
        this.outputs = outputs;
        this.config = config;
        this.apiKey = apiKey.filter(k -> !k.isBlank());
        List<String> secrets = new ArrayList<>(config.credentials().getOrDefault(AGENT_ID, Map.of()).values());
        this.apiKey.ifPresent(secrets::add);
        this.redactor = SecretRedactor.of(secrets);
    }

    /** Why Jules cannot run here, naming the property and environment variable to set. */
    public static String missingKey() {
        return "no Jules API key is configured on this worker: set " + JulesClient.API_KEY_PROPERTY
                + " (environment variable " + envName(JulesClient.API_KEY_PROPERTY) + ")";
    }

    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    @Override
    public Way way() {
        return Way.JULES;
    }

    /** Runs {@code attempt} on the calling thread until Jules settles it; publishes its events, never throws. */
    @Override
    public void run(Attempt attempt) {
        SandboxJob job = attempt.job();
        AttemptReport report = reporter.begin(job, redactor);
        if (apiKey.isEmpty()) {
            // fail before StepStarted, as a CLI agent without its binary does: nothing was attempted
            report.failed(FailureCode.AGENT_UNAVAILABLE, missingKey(), null, AttemptEnd.nothingRan(0));
            return;
        }
        JulesStepRequest request = JulesStepRequest.of(job, julesConfig, artifacts.directory(job.stepId(),
                job.attempt()));
        report.started(request.source() == null ? null : request.source().source(), BACKEND);
        AttemptOutput output = outputs.open(report, redactor, Math.max(1, config.outputTailChars()));
        boolean interrupted = false;
        try {
            Waited waited;
            try (output) {
                JulesRun run = sessions.start(request, line -> output.line(LogStream.STDOUT, line));
                waited = await(attempt, run, output);
            }
            interrupted = waited.interrupted();
            JulesOutcome outcome = waited.outcome();
            ArtifactManifest manifest = artifacts.finish(job.stepId(), job.attempt(), output.log(),
                    redactor.redact(joinedPatches(outcome.artifacts())), List.of(), outcome.artifacts());
            report(attempt, report, outcome, interrupted,
                    new AttemptEnd(outcome.durationMs(), output.tail(config.outputTailChars()), null, manifest));
        } catch (RuntimeException e) {
            Log.errorf(e, "step %s attempt %d failed inside the worker", job.stepId(), job.attempt());
            report.failed(FailureCode.INTERNAL, "worker error: " + e.getMessage(), null,
                    new AttemptEnd(report.elapsedMs(), output.tail(config.outputTailChars()), null, null));
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
    private Waited await(Attempt attempt, JulesRun run, AttemptOutput output) {
        CompletableFuture<JulesOutcome> outcome = run.outcome().toCompletableFuture();
        long tick = Math.max(50, config.logBatchWindow().toMillis());
        while (true) {
            try {
                return new Waited(outcome.get(tick, TimeUnit.MILLISECONDS), false);
            } catch (TimeoutException e) {
                output.tick();
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

    private void report(Attempt attempt, AttemptReport report, JulesOutcome outcome, boolean interrupted,
                        AttemptEnd end) {
        switch (outcome.status()) {
            case COMPLETED -> report.completed(new AgentAnswer(outcome.finalMessage(), null, outcome.sessionId()), end);
            case BLOCKED -> report.blocked(outcome.question(), blockContext(outcome),
                    outcome.suggestedAction() != null ? outcome.suggestedAction() : FeedbackAction.CLARIFY,
                    new AgentAnswer(outcome.question(), null, outcome.sessionId()), end);
            case FAILED -> failed(attempt, report, outcome, interrupted, end);
        }
    }

    /** A stopped run says CANCELLED; whether the user or the shutdown stopped it decides the code. */
    private void failed(Attempt attempt, AttemptReport report, JulesOutcome outcome, boolean interrupted,
                        AttemptEnd end) {
        FailureCode code = outcome.failureCode() != null ? outcome.failureCode() : FailureCode.INTERNAL;
        String reason = outcome.reason() != null ? outcome.reason() : "Jules reported the step as failed";
        if (code == FailureCode.CANCELLED && (interrupted || attempt.stopRequest() == Termination.SHUTDOWN)) {
            code = FailureCode.WORKER_LOST;
            reason = "worker " + report.workerId() + " shut down during the attempt";
        } else if (code == FailureCode.CANCELLED) {
            reason = "cancelled by a step command";
        }
        if (code == FailureCode.CANCELLED || code == FailureCode.WORKER_LOST) {
            // the API cannot stop a session: say which one goes on without us
            reason += outcome.sessionId() == null ? "" : " (Jules session " + outcome.sessionId()
                    + " is left as it is" + (outcome.sessionUrl() == null ? "" : ": " + outcome.sessionUrl()) + ")";
        }
        report.failed(code, reason, null, end);
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
}
