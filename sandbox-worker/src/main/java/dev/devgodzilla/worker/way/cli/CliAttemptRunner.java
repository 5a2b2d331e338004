package dev.devgodzilla.worker.way.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;


import jakarta.enterprise.context.ApplicationScoped;


import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.messages.ArtifactManifest;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.LogStream;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.sandbox.Sandbox;
import dev.devgodzilla.sandbox.SandboxPolicyException;
import dev.devgodzilla.sandbox.SandboxUnavailableException;
import dev.devgodzilla.sandbox.redact.SecretRedactor;
import dev.devgodzilla.worker.artifact.WorkspaceCapture;
import dev.devgodzilla.worker.attempt.Attempt;
import dev.devgodzilla.worker.attempt.AttemptEnd;
import dev.devgodzilla.worker.attempt.AttemptOutput;
import dev.devgodzilla.worker.attempt.AttemptOutputs;
import dev.devgodzilla.worker.attempt.AttemptReport;
import dev.devgodzilla.worker.attempt.AttemptReporter;
import dev.devgodzilla.worker.attempt.AttemptRunner;
import dev.devgodzilla.worker.attempt.AttemptSpans;
import dev.devgodzilla.worker.attempt.Termination;
import dev.devgodzilla.worker.attempt.Way;
import dev.devgodzilla.worker.sandbox.AttemptSandboxes;
import dev.devgodzilla.worker.sandbox.RunHome;
import dev.devgodzilla.worker.sandbox.SessionHomes;
import dev.devgodzilla.worker.way.cli.parse.AgentResult;
import dev.devgodzilla.worker.way.cli.process.OutputListener;
import dev.devgodzilla.worker.way.cli.process.ProcessOutcome;
import dev.devgodzilla.worker.workspace.GitWorkspaces;
import dev.devgodzilla.worker.workspace.Workspace;
import dev.devgodzilla.worker.workspace.WorkspaceRejectedException;
import io.quarkus.logging.Log;

/**
 * The CLI way: the agent's engine as a process in the attempt's sandbox. Announce, prepare the
 * workspace, run the setup command and then the agent with live output, capture the artifacts, and let
 * {@link CliOutcomes} judge how it ended.
 */
@ApplicationScoped
public class CliAttemptRunner implements AttemptRunner {
    private final Engines engines;
    private final GitWorkspaces workspaces;
    private final WorkspaceCapture capture;
    private final AttemptSandboxes sandboxes;
    private final SandboxedCommands commands;
    private final AttemptReporter reporter;
    private final AttemptOutputs outputs;
    private final CliOutcomes outcomes;
    private final SessionHomes sessions;
    private final AttemptSpans spans;

    public CliAttemptRunner(Engines engines, GitWorkspaces workspaces, WorkspaceCapture capture,
                            AttemptSandboxes sandboxes, SandboxedCommands commands, AttemptReporter reporter,
                            AttemptOutputs outputs, CliOutcomes outcomes, SessionHomes sessions, AttemptSpans spans) {
        this.spans = spans;
        this.engines = engines;
        this.workspaces = workspaces;
        this.capture = capture;
        this.sandboxes = sandboxes;
        this.commands = commands;
        this.reporter = reporter;
        this.outputs = outputs;
        this.outcomes = outcomes;
        this.sessions = sessions;
    }

    @Override
    public Way way() {
        return Way.CLI;
    }

    @Override
    public void run(Attempt attempt) {
        SandboxJob job = attempt.job();
        SecretRedactor redactor = sandboxes.redactorFor(job.agentId());
        AttemptReport report = reporter.begin(job, redactor);
        Optional<Engine> engine = engines.find(job.agentId());
        if (engine.isEmpty()) {
            FailureCode code = AgentCatalog.contains(job.agentId()) ? FailureCode.AGENT_UNAVAILABLE
                    : FailureCode.AGENT_NOT_FOUND;
            report.failed(code, "this worker has no engine for agent " + job.agentId(), null, AttemptEnd.nothingRan(0));
            return;
        }
        EngineHealth availability = engine.get().checkAvailability();
        if (!availability.available()) {
            report.failed(FailureCode.AGENT_UNAVAILABLE, availability.reason(), null, AttemptEnd.nothingRan(0));
            return;
        }
        Path dir;
        try {
            dir = workspaces.locate(job);
        } catch (WorkspaceRejectedException e) {
            report.failed(FailureCode.POLICY_REJECTED, e.getMessage(), null, AttemptEnd.nothingRan(0));
            return;
        }
        report.started(dir.toString(), sandboxes.status().backend());
        AttemptOutput output = outputs.open(report, redactor, CliOutcomes.DETECTION_WINDOW);
        try {
            Path located = dir;
            Workspace workspace = spans.phase("workspace prepare", () -> workspaces.prepare(located));
            runInSandbox(attempt, engine.get(), report, workspace, output, redactor);
        } catch (CommandLineLimit.ArgumentTooLongException e) {
            report.failed(FailureCode.INVALID_REQUEST, e.getMessage(), null, AttemptEnd.in(dir, report.elapsedMs()));
        } catch (EngineUnavailableException e) {
            report.failed(FailureCode.AGENT_UNAVAILABLE, e.getMessage(), null, AttemptEnd.in(dir, report.elapsedMs()));
        } catch (SandboxPolicyException e) {
            report.failed(FailureCode.POLICY_REJECTED, e.getMessage(), null, AttemptEnd.in(dir, report.elapsedMs()));
        } catch (SandboxUnavailableException e) {
            // retriable: another worker may have a working sandbox; this one refuses to run unsandboxed
            report.failed(FailureCode.AGENT_UNAVAILABLE, "worker " + report.workerId() + " cannot sandbox the run: "
                    + e.getMessage(), null, AttemptEnd.in(dir, report.elapsedMs()));
        } catch (Exception e) {
            Log.errorf(e, "step %s attempt %d failed inside the worker", job.stepId(), job.attempt());
            FailureCode code = attempt.stopRequest() == Termination.SHUTDOWN ? FailureCode.WORKER_LOST
                    : FailureCode.INTERNAL;
            report.failed(code, "worker error: " + e.getMessage(), null,
                    new AttemptEnd(report.elapsedMs(), output.tail(CliOutcomes.DETECTION_WINDOW), dir, null));
        } finally {
            output.close();
        }
    }

    private void runInSandbox(Attempt attempt, Engine engine, AttemptReport report, Workspace workspace,
                              AttemptOutput output, SecretRedactor redactor) throws Exception {
        SandboxJob job = attempt.job();
        ProcessOutcome setup;
        ProcessOutcome agent = null;
        AgentResult result = null;
        List<String> denials;
        try (Sandbox sandbox = spans.phase("sandbox open", () -> sandboxes.open(job, workspace.dir(), Map.of()))) {
            // the sandbox was opened while the broker acknowledged StepStarted; nothing runs before it has
            spans.phase("StepStarted ack", () -> {
                report.awaitAnnounced();
                return null;
            });
            setup = spans.phase("sandbox setup", () -> commands.setup(attempt, sandbox, listener(output, () -> { })));
            if (setup == null || setup.succeeded()) {
                RunHome home = sandboxes.homeOf(sandbox);
                String resume = resumable(job, engine, home, output);
                EngineRun run = engine.prepare(new EngineRequest(job, TaskType.of(job.taskType()), workspace.dir(),
                        home, sandboxes.credentials(job.agentId()), resume));
                BudgetWatch budget = new BudgetWatch(CliOutcomes.budgetOf(job), run.parser(), attempt);
                output.readStdoutWith(line -> {
                    run.parser().accept(line);
                    budget.afterLine();
                });
                agent = spans.phase("sandbox run", () -> commands.agent(attempt, run, sandbox,
                        listener(output, budget::onTick)));
                // while the sandbox is still open: some agents leave results in their HOME (Copilot's tokens)
                result = run.result();
                report.usage(result.usage());
                if (result.sessionId() != null
                        && outcomes.asksAQuestion(agent, result, output.tail(CliOutcomes.DETECTION_WINDOW))) {
                    // an answer may come: its attempt resumes this session where it runs on this worker
                    sessions.save(job.stepId(), home.hostDir());
                }
            }
            denials = egressDenials(sandbox);
            // a step that stalls on a refused host says why, in its log and its terminal event
            denials.forEach(denial -> output.line(LogStream.STDERR, "[sandbox] egress denied: " + denial));
        }
        output.close();
        ArtifactManifest manifest = spans.phase("capture",
                () -> capture.capture(job, workspace, output.log(), redactor));
        String tail = output.tail(CliOutcomes.DETECTION_WINDOW);
        if (agent == null) {
            outcomes.setupFailed(report, setup, tail, denials, workspace.dir(), manifest);
        } else {
            outcomes.agentEnded(report, engine, agent, result, tail, denials, workspace.dir(), manifest);
        }
    }

    /**
     * The session the job asks to resume, once its store is back in {@code home}; null for a fresh run, which
     * the prompt's conversation so far (question and answer) carries on from. The log says which it is.
     */
    private String resumable(SandboxJob job, Engine engine, RunHome home, AttemptOutput output) {
        String session = job.resumeSessionId();
        if (session == null || session.isBlank()) {
            return null;
        }
        if (!(engine instanceof CliEngine cli) || !cli.resumes()) {
            output.line(LogStream.SYSTEM, "[worker] " + job.agentId() + " cannot resume a session by id: a fresh"
                    + " run, with the question and the answer in its prompt");
            return null;
        }
        if (!sessions.restore(job.stepId(), home.hostDir())) {
            output.line(LogStream.SYSTEM, "[worker] session " + session + " was kept on another worker: a fresh"
                    + " run, with the question and the answer in its prompt");
            return null;
        }
        output.line(LogStream.SYSTEM, "[worker] resuming session " + session);
        return session;
    }

    /** What the sandbox's proxies refused, setup phase included, e.g. {@code www.example.com:443 ×3 (...)}. */
    private static List<String> egressDenials(Sandbox sandbox) {
        List<String> denials = new ArrayList<>();
        sandbox.setupEgressProxy().ifPresent(proxy -> denials.addAll(proxy.denialSummary()));
        sandbox.egressProxy().ifPresent(proxy -> denials.addAll(proxy.denialSummary()));
        return denials;
    }

    /** Lines to the attempt's output; {@code onTick} besides the output's own, while the process runs. */
    private static OutputListener listener(AttemptOutput output, Runnable onTick) {
        return new OutputListener() {
            @Override
            public void onLine(LogStream stream, String line) {
                output.line(stream, line);
            }

            @Override
            public void onTick() {
                output.tick();
                onTick.run();
            }
        };
    }
}
