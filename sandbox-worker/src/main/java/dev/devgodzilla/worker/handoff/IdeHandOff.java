package dev.devgodzilla.worker.handoff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.contracts.agents.PromptFormat;
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
import dev.devgodzilla.contracts.messages.StepPending;
import dev.devgodzilla.worker.Attempt;
import dev.devgodzilla.worker.StepMetrics;
import dev.devgodzilla.worker.artifact.ArtifactWriter;
import dev.devgodzilla.worker.artifact.AttemptLog;
import dev.devgodzilla.worker.block.BlockDetector;
import dev.devgodzilla.worker.block.BlockInfo;
import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.config.WorkerIdentity;
import dev.devgodzilla.worker.engine.ide.IdeCommand;
import dev.devgodzilla.worker.engine.ide.IdeCommandWriter;
import dev.devgodzilla.worker.engine.ide.IdeFiles;
import dev.devgodzilla.worker.engine.ide.IdeOutcome;
import dev.devgodzilla.worker.engine.ide.IdeStepTracker;
import dev.devgodzilla.worker.messaging.LogChunkBatcher;
import dev.devgodzilla.worker.messaging.StepEventPublisher;
import dev.devgodzilla.worker.messaging.StepLogPublisher;
import dev.devgodzilla.worker.process.Termination;
import dev.devgodzilla.worker.workspace.GitWorkspaces;
import dev.devgodzilla.worker.workspace.Workspace;
import dev.devgodzilla.worker.workspace.WorkspaceChanges;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Hands a step to an IDE agent: prepares the workspace as the CLI path does (git baseline), writes the
 * command file into the agent's command directory, reports {@link StepPending} and leaves. A person may
 * take hours to open the IDE, so the attempt holds no slot, no thread and no lease meanwhile; the
 * {@link IdeStepTracker} follows the command file, and its outcome (result file, {@code POST
 * /ide-steps/{stepId}/complete}, or the maximum wait) becomes the attempt's one terminal event, with the
 * workspace changes and artifacts captured against the baseline like a CLI run's.
 *
 * <p>Outcomes and cancels are reported on a thread of this class, never on the tracker's poller (it
 * follows every pending step) nor on a messaging thread.
 */
@ApplicationScoped
public class IdeHandOff {
    private final GitWorkspaces workspaces;
    private final IdeCommandWriter writer;
    private final IdeStepTracker tracker;
    private final ArtifactWriter artifacts;
    private final BlockDetector blocks;
    private final StepEventPublisher events;
    private final StepLogPublisher logs;
    private final StepMetrics metrics;
    private final WorkerIdentity identity;
    private final WorkerConfig config;
    /** The attempt handed over per step; the newest attempt of a step replaces an older one. */
    private final Map<String, HandedOver> handedOver = new ConcurrentHashMap<>();
    private final ExecutorService reporter = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("ide-report-", 0).factory());

    public IdeHandOff(GitWorkspaces workspaces, IdeCommandWriter writer, IdeStepTracker tracker,
                      ArtifactWriter artifacts, BlockDetector blocks, StepEventPublisher events,
                      StepLogPublisher logs, StepMetrics metrics, WorkerIdentity identity, WorkerConfig config) {
        this.workspaces = workspaces;
        this.writer = writer;
        this.tracker = tracker;
        this.artifacts = artifacts;
        this.blocks = blocks;
        this.events = events;
        this.logs = logs;
        this.metrics = metrics;
        this.identity = identity;
        this.config = config;
    }

    /** One handed-over attempt: what its outcome needs to be reported. */
    private record HandedOver(SandboxJob job, Workspace workspace, Path commandFile, long startNanos) {
    }

    /**
     * Hands {@code attempt} over and returns at once; its terminal event comes later from the tracker.
     * Never throws: a step that cannot be handed over fails here.
     */
    public void handOver(Attempt attempt) {
        SandboxJob job = attempt.job();
        long start = System.nanoTime();
        Termination stop = attempt.stopRequest();
        if (stop != null) {
            // stopped while it waited for a slot: do not hand over what is already cancelled or lost
            finish(job, start, failed(job, stop == Termination.SHUTDOWN ? FailureCode.WORKER_LOST : FailureCode.CANCELLED,
                    "stopped before the step was handed to the IDE", 0, null, null, null));
            return;
        }
        AgentMetadata agent = AgentCatalog.find(job.agentId()).orElse(null);
        if (agent == null || agent.commandDir() == null || agent.commandDir().isBlank()) {
            finish(job, start, failed(job, FailureCode.AGENT_UNAVAILABLE, "agent " + job.agentId()
                    + " has no command directory in the catalogue to hand the step over through", 0, null, null, null));
            return;
        }
        Path dir = workspaces.locate(job);
        HandedOver step;
        try {
            Workspace workspace = workspaces.prepare(dir);
            Path commandFile = writer.write(workspace.dir(), agent, IdeCommand.of(job));
            step = new HandedOver(job, workspace, commandFile, start);
        } catch (RuntimeException e) {
            Log.errorf(e, "step %s attempt %d could not be handed to %s", job.stepId(), job.attempt(), agent.id());
            finish(job, start, failed(job, FailureCode.INTERNAL, "could not hand the step to IDE agent " + agent.id()
                    + ": " + e.getMessage(), elapsedMs(start), null, dir, null));
            return;
        }
        handedOver.put(job.stepId(), step);
        // Pending goes out before tracking starts, so it always precedes the terminal event on the step's key.
        events.publish(new StepPending(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), job.stepId(),
                job.attempt(), job.agentId(), identity.workerId(), step.commandFile().toString()));
        logLines(job, "step handed to " + agent.name() + " as " + step.commandFile(),
                "waiting for " + IdeFiles.resultFile(step.commandFile().getParent(), job.stepId())
                        + " or POST /ide-steps/" + job.stepId() + "/complete");
        tracker.track(job.stepId(), job.attempt(), job.agentId(), step.commandFile(),
                outcome -> reporter.execute(() -> report(step, outcome)));
        Log.infof("step %s attempt %d: pending in %s", job.stepId(), job.attempt(), agent.id());
    }

    /**
     * Stops following an older attempt of {@code job}'s step: execution-service ignores what it reports,
     * and its hand-off files would end the new attempt at once. Called for every job, whichever way it goes.
     */
    public void supersede(SandboxJob job) {
        HandedOver older = handedOver.get(job.stepId());
        if (older != null && older.job().attempt() < job.attempt() && handedOver.remove(job.stepId(), older)) {
            tracker.forget(job.stepId());
            removeHandOffFiles(older);
            Log.infof("step %s attempt %d replaces the attempt %d handed to the IDE", job.stepId(), job.attempt(),
                    older.job().attempt());
        }
    }

    /** Cancels a handed-over attempt (0 or less: whichever); true if one was pending here. */
    public boolean cancel(String stepId, int attempt) {
        HandedOver step = handedOver.get(stepId);
        if (step == null || (attempt > 0 && step.job().attempt() != attempt) || !handedOver.remove(stepId, step)) {
            return false;
        }
        tracker.forget(stepId);
        reporter.execute(() -> reportStopped(step, FailureCode.CANCELLED,
                "cancelled by a step command while pending in the IDE"));
        return true;
    }

    /** The steps handed over and not yet ended, for tests and the shutdown. */
    public int pending() {
        return handedOver.size();
    }

    /**
     * Pending attempts are followed in memory only: on shutdown they are reported as WORKER_LOST, so that
     * execution-service dispatches them again and a worker writes the command file anew and follows it.
     * The command file stays meanwhile: the IDE may be working on it.
     */
    void onStop(@Observes ShutdownEvent event) {
        for (HandedOver step : List.copyOf(handedOver.values())) {
            if (handedOver.remove(step.job().stepId(), step)) {
                tracker.forget(step.job().stepId());
                SandboxJob job = step.job();
                finish(job, step.startNanos(), failed(job, FailureCode.WORKER_LOST, "worker " + identity.workerId()
                        + " shut down while the step was pending in the IDE", elapsedMs(step.startNanos()), null,
                        step.workspace().dir(), null));
            }
        }
    }

    @PreDestroy
    void close() {
        reporter.shutdownNow();
    }

    private void report(HandedOver step, IdeOutcome outcome) {
        SandboxJob job = step.job();
        if (!handedOver.remove(job.stepId(), step)) {
            return; // cancelled or replaced meanwhile: that path reports, or nothing is wanted
        }
        try {
            String output = clip(text(outcome));
            ArtifactManifest manifest = capture(step, outcome.status() + " (" + outcome.source() + ")", output);
            Path dir = step.workspace().dir();
            StepEvent event = switch (outcome.status()) {
                case DONE -> new StepCompleted(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), job.stepId(),
                        job.attempt(), job.agentId(), identity.workerId(), 0, outcome.durationMs(), output,
                        outcome.summary(), null, null, dir.toString(), manifest, job.qaCommand());
                case BLOCKED -> blocked(job, outcome, output, dir, manifest);
                default -> failed(job, IdeStepTracker.FROM_TIMEOUT.equals(outcome.source()) ? FailureCode.TIMED_OUT
                                : FailureCode.NON_ZERO_EXIT, failureReason(job, outcome), outcome.durationMs(), output,
                        dir, manifest);
            };
            finish(job, step.startNanos(), event);
        } catch (RuntimeException e) {
            Log.errorf(e, "reporting IDE step %s attempt %d failed", job.stepId(), job.attempt());
            finish(job, step.startNanos(), failed(job, FailureCode.INTERNAL, "worker error while reporting the IDE "
                    + "outcome " + outcome.status() + ": " + e.getMessage(), outcome.durationMs(), clip(text(outcome)),
                    step.workspace().dir(), null));
        }
    }

    /** BLOCKED: the agent's question is the reason; what it did so far is the context. */
    private StepBlocked blocked(SandboxJob job, IdeOutcome outcome, String output, Path dir,
                                ArtifactManifest manifest) {
        String question = firstNonBlank(outcome.question(), outcome.summary(),
                "IDE agent " + job.agentId() + " reported the step as blocked without saying why");
        String context = outcome.summary() == null ? "" : outcome.summary().strip();
        BlockInfo block = new BlockInfo(question, context);
        // an explicit block with an unclassifiable question still asks for an answer: the detector says CLARIFY
        FeedbackAction action = blocks.classify(block);
        return new StepBlocked(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), job.stepId(), job.attempt(),
                job.agentId(), identity.workerId(), question, context, action, outcome.durationMs(), output,
                dir.toString(), manifest);
    }

    private static String failureReason(SandboxJob job, IdeOutcome outcome) {
        if (IdeStepTracker.FROM_TIMEOUT.equals(outcome.source())) {
            return outcome.summary();
        }
        return "IDE agent " + job.agentId() + " reported the step as failed"
                + (outcome.summary() == null || outcome.summary().isBlank() ? "" : ": " + outcome.summary());
    }

    private void reportStopped(HandedOver step, FailureCode code, String reason) {
        SandboxJob job = step.job();
        ArtifactManifest manifest = null;
        try {
            manifest = capture(step, code.name(), reason);
        } catch (RuntimeException e) {
            Log.warnf(e, "could not capture the workspace of IDE step %s", job.stepId());
        }
        finish(job, step.startNanos(), failed(job, code, reason, elapsedMs(step.startNanos()), null,
                step.workspace().dir(), manifest));
    }

    /**
     * Removes the hand-off files (the IDE would keep listing a finished command) and then captures what
     * the agent changed against the baseline, so the command and result files are not reported as changes.
     */
    private ArtifactManifest capture(HandedOver step, String ending, String text) {
        SandboxJob job = step.job();
        removeHandOffFiles(step);
        AttemptLog log = artifacts.openLog(job.stepId(), job.attempt());
        try (log) {
            log.append("handed to " + job.agentId() + " as " + step.commandFile());
            log.append("ended " + ending);
            if (text != null && !text.isBlank()) {
                text.lines().forEach(log::append);
            }
        }
        logLines(job, ("ended " + ending + (text == null || text.isBlank() ? "" : "\n" + text)).split("\n"));
        WorkspaceChanges changes = workspaces.capture(step.workspace());
        return artifacts.finish(job.stepId(), job.attempt(), log, changes.diff(), changes.files());
    }

    private static void removeHandOffFiles(HandedOver step) {
        Path dir = step.commandFile().getParent();
        String stepId = step.job().stepId();
        for (Path file : List.of(step.commandFile(), IdeFiles.commandFile(dir, stepId, PromptFormat.MARKDOWN),
                IdeFiles.commandFile(dir, stepId, PromptFormat.TOML), IdeFiles.resultFile(dir, stepId),
                IdeFiles.pickedUpMarker(dir, stepId))) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                Log.warnf("could not remove %s: %s", file, e.getMessage());
            }
        }
    }

    /** A few lines on step-logs, so that following the step shows where it went and how it ended. */
    private void logLines(SandboxJob job, String... lines) {
        try (LogChunkBatcher batcher = logs.batcher(job.stepId(), job.attempt())) {
            for (String line : lines) {
                batcher.add(LogStream.STDOUT, "[ide] " + line);
            }
        }
    }

    /** What the agent said, as the attempt's output. */
    private static String text(IdeOutcome outcome) {
        StringBuilder out = new StringBuilder();
        if (outcome.summary() != null && !outcome.summary().isBlank()) {
            out.append(outcome.summary().strip());
        }
        if (outcome.question() != null && !outcome.question().isBlank()
                && !outcome.question().equals(outcome.summary())) {
            out.append(out.isEmpty() ? "" : "\n").append("Question: ").append(outcome.question().strip());
        }
        return out.toString();
    }

    private String clip(String text) {
        int max = config.outputTailChars();
        return text.length() <= max ? text : text.substring(text.length() - max);
    }

    private StepFailed failed(SandboxJob job, FailureCode code, String reason, long durationMs, String output,
                              Path dir, ArtifactManifest manifest) {
        return new StepFailed(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), job.stepId(), job.attempt(),
                job.agentId(), identity.workerId(), code, reason, null, durationMs, output,
                dir == null ? null : dir.toString(), manifest);
    }

    private void finish(SandboxJob job, long start, StepEvent event) {
        events.publish(event);
        String outcome = switch (event) {
            case StepFailed f -> f.code().name().toLowerCase(Locale.ROOT);
            default -> event.type().name().toLowerCase(Locale.ROOT);
        };
        metrics.finished(job.agentId(), outcome, Duration.ofNanos(System.nanoTime() - start));
        Log.infof("step %s attempt %d: %s", job.stepId(), job.attempt(), outcome);
    }

    private static String firstNonBlank(String... texts) {
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                return text;
            }
        }
        return texts[texts.length - 1];
    }

    private static long elapsedMs(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
