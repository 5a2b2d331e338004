package dev.devgodzilla.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.messages.ArtifactManifest;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.LogStream;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.StepBlocked;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.contracts.messages.StepStarted;
import dev.devgodzilla.contracts.messages.TokenUsage;
import dev.devgodzilla.worker.artifact.ArtifactWriter;
import dev.devgodzilla.worker.artifact.AttemptLog;
import dev.devgodzilla.worker.block.BlockDetector;
import dev.devgodzilla.worker.block.BlockInfo;
import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.config.WorkerIdentity;
import dev.devgodzilla.worker.engine.Engine;
import dev.devgodzilla.worker.engine.EngineHealth;
import dev.devgodzilla.worker.engine.EngineRequest;
import dev.devgodzilla.worker.engine.EngineRun;
import dev.devgodzilla.worker.engine.EngineUnavailableException;
import dev.devgodzilla.worker.engine.TaskType;
import dev.devgodzilla.worker.engine.parse.AgentResult;
import dev.devgodzilla.worker.engine.parse.StreamParser;
import dev.devgodzilla.worker.engine.Engines;
import dev.devgodzilla.worker.handoff.AgentWays;
import dev.devgodzilla.worker.handoff.IdeHandOff;
import dev.devgodzilla.worker.handoff.JulesStepRunner;
import dev.devgodzilla.worker.messaging.LogChunkBatcher;
import dev.devgodzilla.worker.messaging.StepEventPublisher;
import dev.devgodzilla.worker.messaging.StepLogPublisher;
import dev.devgodzilla.worker.sandbox.AttemptSandboxes;
import dev.devgodzilla.sandbox.Phase;
import dev.devgodzilla.sandbox.Sandbox;
import dev.devgodzilla.sandbox.SandboxPolicyException;
import dev.devgodzilla.sandbox.SandboxUnavailableException;
import dev.devgodzilla.sandbox.redact.SecretRedactor;
import dev.devgodzilla.worker.process.OutputListener;
import dev.devgodzilla.worker.process.ProcessOutcome;
import dev.devgodzilla.worker.process.ProcessRunner;
import dev.devgodzilla.worker.process.ProcessSpec;
import dev.devgodzilla.worker.process.RunningProcess;
import dev.devgodzilla.worker.process.Termination;
import dev.devgodzilla.worker.workspace.GitWorkspaces;
import dev.devgodzilla.worker.workspace.Workspace;
import dev.devgodzilla.worker.workspace.WorkspaceChanges;
import io.quarkus.logging.Log;

/**
 * Runs one attempt from start to terminal event. Most agents are CLIs run here: announce, prepare the
 * workspace, run the engine in the sandbox with live output, write the artifacts, report completed,
 * blocked or failed. IDE agents and Jules do not run as a process here; {@link AgentWays} sends their
 * attempts to {@link IdeHandOff} and {@link JulesStepRunner}.
 */
@ApplicationScoped
public class StepRunner {
    /** How much output is kept in memory to look for a block statement near the end. */
    private static final int DETECTION_WINDOW = 64 * 1024;
    private static final int MAX_REASON = 1000;
    private static final Pattern RATE_LIMIT = Pattern.compile("rate.?limit|too many requests|\\b429\\b",
            Pattern.CASE_INSENSITIVE);

    private final Engines engines;
    private final GitWorkspaces workspaces;
    private final ArtifactWriter artifacts;
    private final ProcessRunner processes;
    private final AttemptSandboxes sandboxes;
    private final BlockDetector blocks;
    private final StepEventPublisher events;
    private final StepLogPublisher logs;
    private final StepMetrics metrics;
    private final WorkerIdentity identity;
    private final WorkerConfig config;
    private final AgentWays ways;
    private final IdeHandOff ide;
    private final JulesStepRunner jules;

    public StepRunner(Engines engines, GitWorkspaces workspaces, ArtifactWriter artifacts, ProcessRunner processes,
                      AttemptSandboxes sandboxes, BlockDetector blocks, StepEventPublisher events, StepLogPublisher logs, StepMetrics metrics,
                      WorkerIdentity identity, WorkerConfig config, AgentWays ways, IdeHandOff ide,
                      JulesStepRunner jules) {
        this.engines = engines;
        this.workspaces = workspaces;
        this.artifacts = artifacts;
        this.processes = processes;
        this.sandboxes = sandboxes;
        this.blocks = blocks;
        this.events = events;
        this.logs = logs;
        this.metrics = metrics;
        this.identity = identity;
        this.config = config;
        this.ways = ways;
        this.ide = ide;
        this.jules = jules;
    }

    /**
     * Runs {@code attempt} and publishes its events; never throws. A CLI or Jules attempt runs on the
     * calling thread until its terminal event; an IDE attempt returns once handed over, which frees its
     * slot (the IDE may take a day) while its terminal event comes later.
     */
    void run(Attempt attempt) {
        // an older attempt of the step still waiting in an IDE must not report over this one
        ide.supersede(attempt.job());
        switch (ways.of(attempt.job().agentId())) {
            case IDE -> ide.handOver(attempt);
            case JULES -> jules.run(attempt);
            case CLI -> runCli(attempt);
        }
    }

    /** The CLI way: the agent's engine as a process in the attempt's sandbox. */
    private void runCli(Attempt attempt) {
        SandboxJob job = attempt.job();
        long start = System.nanoTime();
        Optional<Engine> engine = engines.find(job.agentId());
        if (engine.isEmpty()) {
            FailureCode code = AgentCatalog.contains(job.agentId()) ? FailureCode.AGENT_UNAVAILABLE
                    : FailureCode.AGENT_NOT_FOUND;
            finish(job, "unknown", code.name(), start, failed(job, code,
                    "this worker has no engine for agent " + job.agentId(), null, 0, "", null, null));
            return;
        }
        EngineHealth availability = engine.get().checkAvailability();
        if (!availability.available()) {
            finish(job, engine.get().agentId(), FailureCode.AGENT_UNAVAILABLE.name(), start, failed(job,
                    FailureCode.AGENT_UNAVAILABLE, availability.reason(), null, 0, "", null, null));
            return;
        }
        Path dir = workspaces.locate(job);
        events.publish(new StepStarted(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), job.stepId(),
                job.attempt(), job.agentId(), identity.workerId(), dir.toString(), sandboxes.status().backend()));
        String agent = engine.get().agentId();
        SecretRedactor redactor = sandboxes.redactorFor(job.agentId());
        OutputTail tail = new OutputTail(DETECTION_WINDOW);
        try {
            Workspace workspace = workspaces.prepare(dir);
            ProcessOutcome setup = null;
            ProcessOutcome outcome = null;
            AgentResult result = null;
            AttemptLog log = artifacts.openLog(job.stepId(), job.attempt());
            try (LogChunkBatcher batcher = logs.batcher(job.stepId(), job.attempt()); log;
                 Sandbox sandbox = sandboxes.open(job, workspace.dir(), Map.of())) {
                setup = runSetup(attempt, sandbox, workspace, listener(log, batcher, tail, redactor, null));
                if (setup == null || setup.succeeded()) {
                    EngineRun run = engine.get().prepare(new EngineRequest(job, TaskType.of(job.taskType()),
                            workspace.dir(), sandboxes.homeOf(sandbox), sandboxes.credentials(job.agentId())));
                    outcome = execute(attempt, run, sandbox, workspace,
                            listener(log, batcher, tail, redactor, run.parser()));
                    // while the sandbox is still open: some agents leave results in their HOME (Copilot's tokens)
                    result = run.result();
                    metrics.usage(agent, result.usage());
                }
            }
            WorkspaceChanges changes = workspaces.capture(workspace);
            ArtifactManifest manifest = artifacts.finish(job.stepId(), job.attempt(), log,
                    redactor.redact(changes.diff()), changes.files());
            if (outcome == null) {
                reportFailedSetup(job, agent, setup, tail, workspace.dir(), manifest, start);
            } else {
                report(job, engine.get(), outcome, result, tail, workspace.dir(), manifest, start);
            }
        } catch (EngineUnavailableException e) {
            finish(job, agent, FailureCode.AGENT_UNAVAILABLE.name(), start, failed(job,
                    FailureCode.AGENT_UNAVAILABLE, e.getMessage(), null, elapsedMs(start), null, dir, null));
        } catch (SandboxPolicyException e) {
            finish(job, agent, FailureCode.POLICY_REJECTED.name(), start, failed(job, FailureCode.POLICY_REJECTED,
                    e.getMessage(), null, elapsedMs(start), null, dir, null));
        } catch (SandboxUnavailableException e) {
            // retriable: another worker may have a working sandbox; this one refuses to run unsandboxed
            finish(job, agent, FailureCode.AGENT_UNAVAILABLE.name(), start, failed(job, FailureCode.AGENT_UNAVAILABLE,
                    "worker " + identity.workerId() + " cannot sandbox the run: " + e.getMessage(), null,
                    elapsedMs(start), null, dir, null));
        } catch (Exception e) {
            Log.errorf(e, "step %s attempt %d failed inside the worker", job.stepId(), job.attempt());
            FailureCode code = attempt.stopRequest() == Termination.SHUTDOWN ? FailureCode.WORKER_LOST
                    : FailureCode.INTERNAL;
            finish(job, agent, code.name(), start, failed(job, code, "worker error: " + e.getMessage(), null,
                    elapsedMs(start), tail.last(config.outputTailChars()), dir, null));
        }
    }

    /**
     * Every output line, with the agent's secrets masked, goes to the log artifact, step-logs and the tail;
     * the agent's standard output also goes to its stream parser.
     */
    private static OutputListener listener(AttemptLog log, LogChunkBatcher batcher, OutputTail tail,
                                           SecretRedactor redactor, StreamParser parser) {
        return new OutputListener() {
            @Override
            public void onLine(LogStream stream, String line) {
                String safe = redactor.redact(line);
                log.append(safe);
                batcher.add(stream, safe);
                tail.add(safe);
                if (parser != null && stream == LogStream.STDOUT) {
                    parser.accept(safe);
                }
            }

            @Override
            public void onTick() {
                batcher.flushIfDue();
            }
        };
    }

    /** Runs the job's setup command, if any, with network on; null when there is none. */
    private ProcessOutcome runSetup(Attempt attempt, Sandbox sandbox, Workspace workspace, OutputListener listener) {
        String command = attempt.job().setupCommand();
        if (command == null || command.isBlank()) {
            return null;
        }
        Duration limit = config.sandbox().setupTimeout();
        ProcessSpec spec = new ProcessSpec(List.of("bash", "-c", command), workspace.dir(), Map.of(), limit, limit,
                config.killGrace());
        RunningProcess process = processes.start(sandbox, Phase.SETUP, spec, listener);
        attempt.attach(process);
        return process.await();
    }

    private ProcessOutcome execute(Attempt attempt, EngineRun run, Sandbox sandbox, Workspace workspace,
                                   OutputListener listener) {
        SandboxJob job = attempt.job();
        ProcessSpec spec = new ProcessSpec(run.command(), workspace.dir(), run.environment(),
                Duration.ofSeconds(Math.max(0, job.timeoutSeconds())),
                Duration.ofSeconds(Math.max(0, job.idleTimeoutSeconds())), config.killGrace());
        RunningProcess process = processes.start(sandbox, Phase.EXECUTION, spec, listener);
        attempt.attach(process);
        return process.await();
    }

    private void reportFailedSetup(SandboxJob job, String agent, ProcessOutcome setup, OutputTail tail, Path dir,
                                   ArtifactManifest manifest, long start) {
        FailureCode code = switch (setup.termination()) {
            case TIMED_OUT, IDLE_TIMEOUT -> FailureCode.TIMED_OUT;
            case CANCELLED -> FailureCode.CANCELLED;
            case SHUTDOWN -> FailureCode.WORKER_LOST;
            case OUTPUT_LIMIT -> FailureCode.OUTPUT_LIMIT;
            case EXITED -> FailureCode.NON_ZERO_EXIT;
        };
        String reason = setup.termination() == Termination.EXITED
                ? "the setup command exited with code " + setup.exitCode()
                : "the setup phase ended: " + setup.termination().name().toLowerCase(Locale.ROOT);
        finish(job, agent, code.name(), start, failed(job, code, reason, setup.exitCode(),
                setup.duration().toMillis(), tail.last(config.outputTailChars()), dir, manifest));
    }

    private void report(SandboxJob job, Engine engine, ProcessOutcome outcome, AgentResult result, OutputTail tail,
                        Path dir, ArtifactManifest manifest, long start) {
        String agent = engine.agentId();
        String output = tail.last(config.outputTailChars());
        long durationMs = outcome.duration().toMillis();
        switch (outcome.termination()) {
            case EXITED -> {
                if (outcome.exitCode() != 0) {
                    String reason = engine.describeExit(outcome.exitCode())
                            + (result.errors().isEmpty() ? "" : ": " + clip(result.errorSummary()));
                    finish(job, agent, FailureCode.NON_ZERO_EXIT.name(), start, failed(job, FailureCode.NON_ZERO_EXIT,
                            reason, outcome.exitCode(), durationMs, output, dir, manifest));
                    return;
                }
                if (result.isError()) {
                    // the agent's own stream says it failed although it exited 0 (a failed turn, a failed edit)
                    String summary = clip(result.errorSummary());
                    FailureCode code = RATE_LIMIT.matcher(summary).find() ? FailureCode.RATE_LIMITED
                            : FailureCode.NON_ZERO_EXIT;
                    finish(job, agent, code.name(), start, failed(job, code,
                            "the agent reported an error (exit code 0): " + summary, 0, durationMs, output, dir,
                            manifest));
                    return;
                }
                // an agent that names its answer is judged by it alone: its stream echoes prompts and tool output
                String answer = result.finalMessage() != null ? result.finalMessage() : tail.last(DETECTION_WINDOW);
                Optional<BlockInfo> block = blocks.detect(answer);
                if (block.isPresent()) {
                    finish(job, agent, "blocked", start, new StepBlocked(StepEvent.SCHEMA_VERSION, Ids.newEventId(),
                            Instant.now(), job.stepId(), job.attempt(), job.agentId(), identity.workerId(),
                            block.get().reason(), block.get().context(), blocks.classify(block.get()), durationMs,
                            output, dir.toString(), manifest));
                    return;
                }
                finish(job, agent, "completed", start, new StepCompleted(StepEvent.SCHEMA_VERSION, Ids.newEventId(),
                        Instant.now(), job.stepId(), job.attempt(), job.agentId(), identity.workerId(), 0,
                        durationMs, output, result.finalMessage(), result.usage(), result.sessionId(), dir.toString(),
                        manifest, job.qaCommand()));
            }
            case TIMED_OUT -> finish(job, agent, FailureCode.TIMED_OUT.name(), start, failed(job, FailureCode.TIMED_OUT,
                    "no result within " + job.timeoutSeconds() + " s", null, durationMs, output, dir, manifest));
            case IDLE_TIMEOUT -> finish(job, agent, FailureCode.IDLE_TIMEOUT.name(), start, failed(job,
                    FailureCode.IDLE_TIMEOUT, "no output for " + job.idleTimeoutSeconds() + " s", null, durationMs,
                    output, dir, manifest));
            case CANCELLED -> finish(job, agent, FailureCode.CANCELLED.name(), start, failed(job,
                    FailureCode.CANCELLED, "cancelled by a step command", null, durationMs, output, dir, manifest));
            case OUTPUT_LIMIT -> finish(job, agent, FailureCode.OUTPUT_LIMIT.name(), start, failed(job,
                    FailureCode.OUTPUT_LIMIT, "the agent printed more than the sandbox allows", null, durationMs,
                    output, dir, manifest));
            case SHUTDOWN -> finish(job, agent, FailureCode.WORKER_LOST.name(), start, failed(job,
                    FailureCode.WORKER_LOST, "worker " + identity.workerId() + " shut down during the attempt", null,
                    durationMs, output, dir, manifest));
        }
    }

    /** Reports an attempt that will not run because the worker is stopping, so it is retried elsewhere. */
    void refuseForShutdown(SandboxJob job) {
        events.publish(failed(job, FailureCode.WORKER_LOST, "worker " + identity.workerId() + " is shutting down",
                null, 0, null, null, null));
    }

    private StepFailed failed(SandboxJob job, FailureCode code, String reason, Integer exitCode, long durationMs,
                              String output, Path dir, ArtifactManifest manifest) {
        return new StepFailed(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), job.stepId(), job.attempt(),
                job.agentId(), identity.workerId(), code, reason, exitCode, durationMs, output,
                dir == null ? null : dir.toString(), manifest);
    }

    private void finish(SandboxJob job, String agent, String outcome, long start, StepEvent event) {
        events.publish(event);
        metrics.finished(agent, outcome.toLowerCase(Locale.ROOT), Duration.ofNanos(System.nanoTime() - start));
        Log.infof("step %s attempt %d: %s", job.stepId(), job.attempt(), outcome.toLowerCase(Locale.ROOT));
    }

    private static String clip(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "…";
    }

    private static long elapsedMs(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
