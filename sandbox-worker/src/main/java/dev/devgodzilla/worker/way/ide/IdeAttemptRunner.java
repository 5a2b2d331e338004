package dev.devgodzilla.worker.way.ide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import dev.devgodzilla.contracts.messages.AttemptRef;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.FeedbackAction;
import dev.devgodzilla.contracts.messages.LogStream;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.sandbox.redact.SecretRedactor;
import dev.devgodzilla.worker.artifact.WorkspaceCapture;
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
import dev.devgodzilla.worker.block.BlockDetector;
import dev.devgodzilla.worker.block.BlockInfo;
import dev.devgodzilla.worker.workspace.GitWorkspaces;
import dev.devgodzilla.worker.workspace.Workspace;
import dev.devgodzilla.worker.workspace.WorkspaceRejectedException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The IDE way: hands a step to an IDE agent. It prepares the workspace as the CLI way does (git
 * baseline), writes the command file into the agent's command directory, reports pending and leaves. A
 * person may take hours to open the IDE, so the attempt holds no slot, no thread and no lease meanwhile;
 * the {@link IdeStepTracker} follows the command file, and its outcome (result file, {@code POST
 * /ide-steps/{stepId}/complete}, or the maximum wait) becomes the attempt's one terminal event, with the
 * workspace changes and artifacts captured against the baseline like a CLI run's.
 *
 * <p>Each hand-off is also kept on disk ({@link IdeHandOffStore}): a worker that restarts follows its pending
 * steps on, from where they were, and says so on their {@code step-logs}.
 *
 * <p>Outcomes and cancels are reported on a thread of this class, never on the tracker's poller (it
 * follows every pending step) nor on a messaging thread.
 */
@ApplicationScoped
public class IdeAttemptRunner implements AttemptRunner {
    private final GitWorkspaces workspaces;
    private final IdeCommandWriter writer;
    private final IdeStepTracker tracker;
    private final WorkspaceCapture capture;
    private final BlockDetector blocks;
    private final AttemptReporter reporter;
    private final AttemptOutputs outputs;
    private final IdeHandOffStore store;
    /** The attempt handed over per step; the newest attempt of a step replaces an older one. */
    private final Map<String, HandedOver> handedOver = new ConcurrentHashMap<>();
    private final ExecutorService reportThreads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("ide-report-", 0).factory());

    public IdeAttemptRunner(GitWorkspaces workspaces, IdeCommandWriter writer, IdeStepTracker tracker,
                            WorkspaceCapture capture, BlockDetector blocks, AttemptReporter reporter,
                            AttemptOutputs outputs, IdeHandOffStore store) {
        this.store = store;
        this.workspaces = workspaces;
        this.writer = writer;
        this.tracker = tracker;
        this.capture = capture;
        this.blocks = blocks;
        this.reporter = reporter;
        this.outputs = outputs;
    }

    /** One handed-over attempt: what its outcome needs to be reported. */
    private record HandedOver(SandboxJob job, Workspace workspace, Path commandFile, AttemptReport report) {
    }

    @Override
    public Way way() {
        return Way.IDE;
    }

    /**
     * Hands {@code attempt} over and returns at once; its terminal event comes later from the tracker.
     * Never throws: a step that cannot be handed over fails here.
     */
    @Override
    public void run(Attempt attempt) {
        SandboxJob job = attempt.job();
        AttemptReport report = reporter.begin(job, SecretRedactor.none());
        Termination stop = attempt.stopRequest();
        if (stop != null) {
            // stopped while it waited for a slot: do not hand over what is already cancelled or lost
            report.failed(stop == Termination.SHUTDOWN ? FailureCode.WORKER_LOST : FailureCode.CANCELLED,
                    "stopped before the step was handed to the IDE", null, AttemptEnd.nothingRan(0));
            return;
        }
        AgentMetadata agent = AgentCatalog.find(job.agentId()).orElse(null);
        if (agent == null || agent.commandDir() == null || agent.commandDir().isBlank()) {
            report.failed(FailureCode.AGENT_UNAVAILABLE, "agent " + job.agentId()
                    + " has no command directory in the catalogue to hand the step over through", null,
                    AttemptEnd.nothingRan(0));
            return;
        }
        Path dir;
        try {
            dir = workspaces.locate(job);
        } catch (WorkspaceRejectedException e) {
            report.failed(FailureCode.POLICY_REJECTED, e.getMessage(), null, AttemptEnd.nothingRan(0));
            return;
        }
        HandedOver step;
        try {
            Workspace workspace = workspaces.prepare(dir);
            Path commandFile = writer.write(workspace.dir(), agent, IdeCommand.of(job));
            step = new HandedOver(job, workspace, commandFile, report);
        } catch (RuntimeException e) {
            Log.errorf(e, "step %s attempt %d could not be handed to %s", job.stepId(), job.attempt(), agent.id());
            report.failed(FailureCode.INTERNAL, "could not hand the step to IDE agent " + agent.id() + ": "
                    + e.getMessage(), null, AttemptEnd.in(dir, report.elapsedMs()));
            return;
        }
        FileTime written = IdeStepTracker.lastModified(step.commandFile());
        IdeHandOffStore.Saved saved = new IdeHandOffStore.Saved(job, step.workspace().dir().toString(),
                step.workspace().gitDir().toString(), step.workspace().baseline(), step.commandFile().toString(),
                Instant.now(), written == null ? null : written.toInstant(), null);
        store.save(saved);
        handedOver.put(job.stepId(), step);
        // Pending goes out before tracking starts, so it always precedes the terminal event on the step's key.
        report.pending(step.commandFile().toString());
        // only on step-logs: the attempt's log artifact is written once, when it ends
        outputs.announce(job, "[ide] step handed to " + agent.name() + " as " + step.commandFile(),
                "[ide] waiting for " + IdeFiles.resultFile(step.commandFile().getParent(), job.stepId())
                        + ", POST /steps/" + job.stepId() + "/complete on execution-service or POST /ide-steps/"
                        + job.stepId() + "/complete here");
        follow(step, saved);
        Log.infof("step %s attempt %d: pending in %s", job.stepId(), job.attempt(), agent.id());
    }

    private void follow(HandedOver step, IdeHandOffStore.Saved saved) {
        SandboxJob job = step.job();
        IdeStepTracker.Since since = new IdeStepTracker.Since(saved.handedOverAt(),
                saved.commandWrittenAt() == null ? null : FileTime.from(saved.commandWrittenAt()), saved.pickedUpAt());
        tracker.track(job.stepId(), job.attempt(), job.agentId(), step.commandFile(), since,
                at -> {
                    store.save(saved.pickedUpAt(at));
                    reportThreads.execute(() -> step.report().pickedUp());
                },
                outcome -> reportThreads.execute(() -> report(step, outcome)));
    }

    /**
     * Follows on the hand-offs this worker kept before it stopped: the same attempts, pending in the IDE since
     * they were handed over; what ends them is reported as if the worker had never been away.
     */
    void onStart(@Observes StartupEvent event) {
        for (IdeHandOffStore.Saved saved : store.load()) {
            SandboxJob job = saved.job();
            if (handedOver.containsKey(job.stepId())) {
                continue;
            }
            HandedOver step = new HandedOver(job, new Workspace(Path.of(saved.workspaceDir()),
                    Path.of(saved.gitDir()), saved.baseline()), Path.of(saved.commandFile()),
                    reporter.begin(job, SecretRedactor.none()));
            handedOver.put(job.stepId(), step);
            follow(step, saved);
            outputs.announce(job, "[ide] worker " + reporter.workerId() + " restarted and follows the hand-off "
                    + "again (pending since " + saved.handedOverAt() + ")");
            Log.infof("step %s attempt %d: pending in %s since %s, followed again after a restart", job.stepId(),
                    job.attempt(), job.agentId(), saved.handedOverAt());
        }
    }

    @Override
    public List<AttemptRef> handedOver() {
        return handedOver.values().stream().map(h -> new AttemptRef(h.job().stepId(), h.job().attempt())).toList();
    }

    @Override
    public boolean completeHandedOver(String stepId, String outcome, String summary, String question) {
        Optional<IdeStatus> status = IdeStatus.terminalOf(outcome);
        if (status.isEmpty() || !handedOver.containsKey(stepId)) {
            return false;
        }
        return tracker.complete(stepId, status.get(), summary, question).isPresent();
    }


    /**
     * Stops following an older attempt of {@code job}'s step: execution-service ignores what it reports,
     * and its hand-off files would end the new attempt at once. Called for every job, whichever way it goes.
     */
    @Override
    public void supersede(SandboxJob job) {
        HandedOver older = handedOver.get(job.stepId());
        if (older != null && older.job().attempt() < job.attempt() && handedOver.remove(job.stepId(), older)) {
            tracker.forget(job.stepId());
            store.remove(job.stepId());
            removeHandOffFiles(older);
            Log.infof("step %s attempt %d replaces the attempt %d handed to the IDE", job.stepId(), job.attempt(),
                    older.job().attempt());
        }
    }

    /** Cancels a handed-over attempt (0 or less: whichever); true if one was pending here. */
    @Override
    public boolean cancelHandedOver(String stepId, int attempt) {
        HandedOver step = handedOver.get(stepId);
        if (step == null || (attempt > 0 && step.job().attempt() != attempt) || !handedOver.remove(stepId, step)) {
            return false;
        }
        tracker.forget(stepId);
        store.remove(stepId);
        reportThreads.execute(() -> reportCancelled(step));
        return true;
    }

    /** The steps handed over and not yet ended, for tests and the shutdown. */
    public int pending() {
        return handedOver.size();
    }

    /**
     * Pending attempts stay pending over a shutdown: their hand-offs are kept on disk and followed on when
     * this worker starts again, and meanwhile execution-service takes their completion itself.
     */
    void onStop(@Observes ShutdownEvent event) {
        if (!handedOver.isEmpty()) {
            Log.infof("%d IDE step(s) stay pending; this worker follows them on when it starts again",
                    handedOver.size());
        }
    }

    @PreDestroy
    void close() {
        reportThreads.shutdownNow();
    }

    private void report(HandedOver step, IdeOutcome outcome) {
        SandboxJob job = step.job();
        if (!handedOver.remove(job.stepId(), step)) {
            return; // cancelled or replaced meanwhile: that path reports, or nothing is wanted
        }
        store.remove(job.stepId());
        AttemptReport report = step.report();
        Path dir = step.workspace().dir();
        String output = text(outcome);
        try {
            ArtifactManifest manifest = capture(step, outcome.status() + " (" + outcome.source() + ")", output);
            AttemptEnd end = new AttemptEnd(outcome.durationMs(), output, dir, manifest);
            switch (outcome.status()) {
                case DONE -> report.completed(new AgentAnswer(outcome.summary(), null, null), end);
                case BLOCKED -> blocked(report, outcome, end);
                default -> report.failed(IdeStepTracker.FROM_TIMEOUT.equals(outcome.source()) ? FailureCode.TIMED_OUT
                        : FailureCode.NON_ZERO_EXIT, failureReason(job, outcome), null, end);
            }
        } catch (RuntimeException e) {
            Log.errorf(e, "reporting IDE step %s attempt %d failed", job.stepId(), job.attempt());
            report.failed(FailureCode.INTERNAL, "worker error while reporting the IDE outcome " + outcome.status()
                    + ": " + e.getMessage(), null, new AttemptEnd(outcome.durationMs(), output, dir, null));
        }
    }

    /** BLOCKED: the agent's question is the reason; what it did so far is the context. */
    private void blocked(AttemptReport report, IdeOutcome outcome, AttemptEnd end) {
        String question = firstNonBlank(outcome.question(), outcome.summary(),
                "IDE agent " + report.job().agentId() + " reported the step as blocked without saying why");
        String context = outcome.summary() == null ? "" : outcome.summary().strip();
        // an explicit block with an unclassifiable question still asks for an answer: the detector says CLARIFY
        FeedbackAction action = blocks.classify(new BlockInfo(question, context));
        report.blocked(question, context, action, new AgentAnswer(outcome.summary(), null, null), end);
    }

    private static String failureReason(SandboxJob job, IdeOutcome outcome) {
        if (IdeStepTracker.FROM_TIMEOUT.equals(outcome.source())) {
            return outcome.summary();
        }
        return "IDE agent " + job.agentId() + " reported the step as failed"
                + (outcome.summary() == null || outcome.summary().isBlank() ? "" : ": " + outcome.summary());
    }

    private void reportCancelled(HandedOver step) {
        String reason = "cancelled by a step command while pending in the IDE";
        ArtifactManifest manifest = null;
        try {
            manifest = capture(step, FailureCode.CANCELLED.name(), reason);
        } catch (RuntimeException e) {
            Log.warnf(e, "could not capture the workspace of IDE step %s", step.job().stepId());
        }
        step.report().cancelled(reason,
                new AttemptEnd(step.report().elapsedMs(), null, step.workspace().dir(), manifest));
    }

    /**
     * Removes the hand-off files (the IDE would keep listing a finished command) and then captures what
     * the agent changed against the baseline, so the command and result files are not reported as changes.
     */
    private ArtifactManifest capture(HandedOver step, String ending, String text) {
        SandboxJob job = step.job();
        removeHandOffFiles(step);
        AttemptOutput output = outputs.open(step.report(), SecretRedactor.none(), 1);
        try (output) {
            output.line(LogStream.STDOUT, "[ide] handed to " + job.agentId() + " as " + step.commandFile());
            output.line(LogStream.STDOUT, "[ide] ended " + ending);
            if (text != null && !text.isBlank()) {
                text.lines().forEach(line -> output.line(LogStream.STDOUT, line));
            }
        }
        return capture.capture(job, step.workspace(), output.log(), SecretRedactor.none());
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

    private static String firstNonBlank(String... texts) {
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                return text;
            }
        }
        return texts[texts.length - 1];
    }
}
