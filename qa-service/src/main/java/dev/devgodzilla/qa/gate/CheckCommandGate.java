package dev.devgodzilla.qa.gate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;


import jakarta.enterprise.context.ApplicationScoped;


import dev.devgodzilla.contracts.messages.QaGateResult;
import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.qa.config.QaConfig;
import dev.devgodzilla.sandbox.ExecResult;
import dev.devgodzilla.sandbox.Sandbox;
import dev.devgodzilla.sandbox.SandboxException;
import dev.devgodzilla.sandbox.SandboxManager;
import dev.devgodzilla.sandbox.SandboxSpec;
import dev.devgodzilla.sandbox.WorkspaceRoots;
import dev.devgodzilla.sandbox.output.OutputTail;
import io.quarkus.logging.Log;

/**
 * Runs the step's check command ({@code bash -c}) in its workspace, inside a sandbox: no network, none of
 * this service's environment or credentials, its own timeout, and everything it started killed with it.
 * The command and the workspace's files (a Makefile, a package.json script) come from a message and an
 * agent, so they never run on this host itself; a workspace outside {@code dg.qa.workspace-roots} is
 * refused before anything runs. Exit 0 passes.
 */
@ApplicationScoped
public class CheckCommandGate implements QaGate {
    public static final String NAME = "check-command";

    private final QaConfig config;
    private final SandboxManager sandboxes;

    public CheckCommandGate(QaConfig config, SandboxManager sandboxes) {
        this.config = config;
        this.sandboxes = sandboxes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public QaGateResult run(StepCompleted step) {
        String command = step.qaCommand() != null && !step.qaCommand().isBlank()
                ? step.qaCommand() : config.defaultCheckCommand().filter(c -> !c.isBlank()).orElse(null);
        if (command == null) {
            return new QaGateResult(NAME, QaVerdict.SKIPPED, null, 0, "no check command configured");
        }
        if (step.workspace() == null || !Files.isDirectory(Path.of(step.workspace()))) {
            return new QaGateResult(NAME, QaVerdict.ERROR, null, 0, "workspace missing: " + step.workspace());
        }
        Optional<Path> workspace = WorkspaceRoots.of(config.workspaceRoots().stream().map(String::strip)
                .map(Path::of).toList()).confine(Path.of(step.workspace()));
        if (workspace.isEmpty()) {
            return new QaGateResult(NAME, QaVerdict.ERROR, null, 0, "workspace " + step.workspace()
                    + " is outside the QA workspace roots " + config.workspaceRoots()
                    + " (dg.qa.workspace-roots); the check was not run");
        }
        long start = System.nanoTime();
        try (Sandbox sandbox = sandboxes.open(SandboxSpec.of("qa-" + step.stepId(), workspace.get(),
                SandboxMode.WORKSPACE_WRITE))) {
            ExecResult result = sandbox.run(List.of("bash", "-c", command), Map.of(), config.timeout());
            long millis = (System.nanoTime() - start) / 1_000_000;
            String tail = tail(result);
            if (result.timedOut()) {
                return new QaGateResult(NAME, QaVerdict.FAILED, null, millis,
                        "timed out after " + config.timeout().toSeconds() + "s: " + command + "\n" + tail);
            }
            String detail = "exit " + result.exitCode() + ": " + command + (tail.isEmpty() ? "" : "\n" + tail);
            return new QaGateResult(NAME, result.exitCode() == 0 ? QaVerdict.PASSED : QaVerdict.FAILED,
                    result.exitCode(), millis, detail);
        } catch (SandboxException e) {
            Log.warnf("check command of %s could not run: %s", step.stepId(), e.getMessage());
            return new QaGateResult(NAME, QaVerdict.ERROR, null, (System.nanoTime() - start) / 1_000_000,
                    "could not sandbox the check: " + e.getMessage());
        }
    }

    private String tail(ExecResult result) {
        OutputTail tail = new OutputTail(config.outputTailChars());
        result.stdout().lines().forEach(tail::add);
        result.stderr().lines().forEach(tail::add);
        return tail.last(config.outputTailChars()).strip();
    }
}
