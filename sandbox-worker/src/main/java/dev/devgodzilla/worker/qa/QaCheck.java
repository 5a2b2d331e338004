package dev.devgodzilla.worker.qa;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.messages.Artifact;
import dev.devgodzilla.contracts.messages.ArtifactKind;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.QaGateResult;
import dev.devgodzilla.contracts.messages.QaJob;
import dev.devgodzilla.contracts.messages.QaJobResult;
import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.sandbox.ExecResult;
import dev.devgodzilla.sandbox.Sandbox;
import dev.devgodzilla.sandbox.SandboxException;
import dev.devgodzilla.sandbox.output.OutputTail;
import dev.devgodzilla.worker.artifact.ArtifactWriter;
import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.config.WorkerIdentity;
import dev.devgodzilla.worker.sandbox.AttemptSandboxes;
import dev.devgodzilla.worker.workspace.GitWorkspaces;
import dev.devgodzilla.worker.workspace.WorkspaceRejectedException;
import io.quarkus.logging.Log;

/**
 * Runs one QA job's check command ({@code bash -c}) in the step's workspace, in a sandbox: no network,
 * no credentials, its own timeout, and everything it started killed with it. The command comes from a
 * message and the workspace's files (a Makefile, a package.json script) from an agent, so they run only
 * here, never on the QA host. The workspace is confined exactly as an attempt's is. Exit 0 passes; the
 * whole output becomes the attempt's {@code qa-check.log} artifact.
 */
@ApplicationScoped
public class QaCheck {
    public static final String GATE = "check-command";
    public static final String OUTPUT_LOG = "qa-check.log";

    private final AttemptSandboxes sandboxes;
    private final GitWorkspaces workspaces;
    private final ArtifactWriter artifacts;
    private final WorkerConfig config;
    private final String workerId;

    public QaCheck(AttemptSandboxes sandboxes, GitWorkspaces workspaces, ArtifactWriter artifacts,
                   WorkerConfig config, WorkerIdentity identity) {
        this.sandboxes = sandboxes;
        this.workspaces = workspaces;
        this.artifacts = artifacts;
        this.config = config;
        this.workerId = identity.workerId();
    }

    public QaJobResult run(QaJob job) {
        long start = System.nanoTime();
        Path workspace;
        try {
            workspace = workspaces.locate(job.stepId(), job.workspace());
        } catch (WorkspaceRejectedException e) {
            return result(job, error("the check was not run: " + e.getMessage(), start), null);
        }
        if (!Files.isDirectory(workspace)) {
            return result(job, error("workspace missing on worker " + workerId + ": " + workspace, start), null);
        }
        Duration timeout = timeout(job);
        try (Sandbox sandbox = sandboxes.openCheck(job.stepId(), workspace)) {
            ExecResult run = sandbox.run(List.of("bash", "-c", job.command()), Map.of(), timeout);
            long millis = elapsed(start);
            Artifact output = artifacts.write(job.stepId(), job.attempt(), OUTPUT_LOG, ArtifactKind.LOG,
                    run.stdout() + run.stderr());
            String tail = tail(run);
            if (run.timedOut()) {
                return result(job, new QaGateResult(GATE, QaVerdict.FAILED, null, millis,
                        "timed out after " + timeout.toSeconds() + "s: " + job.command() + "\n" + tail), output);
            }
            String detail = "exit " + run.exitCode() + ": " + job.command() + (tail.isEmpty() ? "" : "\n" + tail);
            return result(job, new QaGateResult(GATE, run.exitCode() == 0 ? QaVerdict.PASSED : QaVerdict.FAILED,
                    run.exitCode(), millis, detail), output);
        } catch (SandboxException e) {
            Log.warnf("the check of step %s attempt %d could not run: %s", job.stepId(), job.attempt(),
                    e.getMessage());
            return result(job, error("could not sandbox the check: " + e.getMessage(), start), null);
        }
    }

    /** The job's timeout, never above {@code dg.worker.qa.max-timeout} and never below one second. */
    private Duration timeout(QaJob job) {
        Duration max = config.qa().maxTimeout();
        Duration asked = Duration.ofSeconds(Math.max(1, job.timeoutSeconds()));
        return asked.compareTo(max) > 0 ? max : asked;
    }

    private String tail(ExecResult run) {
        OutputTail tail = new OutputTail(config.outputTailChars());
        run.stdout().lines().forEach(tail::add);
        run.stderr().lines().forEach(tail::add);
        return tail.last(config.outputTailChars()).strip();
    }

    private static QaGateResult error(String detail, long start) {
        return new QaGateResult(GATE, QaVerdict.ERROR, null, elapsed(start), detail);
    }

    private QaJobResult result(QaJob job, QaGateResult check, Artifact output) {
        return new QaJobResult(QaJobResult.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), job.jobId(),
                job.stepId(), job.attempt(), workerId, check, output);
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
