package dev.devgodzilla.qa.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.messages.QaGateResult;
import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.qa.config.QaConfig;
import dev.devgodzilla.sandbox.output.OutputTail;
import dev.devgodzilla.sandbox.process.ProcessTree;
import io.quarkus.logging.Log;

/**
 * Runs the step's check command ({@code bash -c}) in its workspace: exit 0 passes. The command runs in
 * its own session so that a timeout kills everything it started, grandchildren included.
 */
@ApplicationScoped
public class CheckCommandGate implements QaGate {
    public static final String NAME = "check-command";
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final QaConfig config;

    public CheckCommandGate(QaConfig config) {
        this.config = config;
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
        long start = System.nanoTime();
        Path output = null;
        try {
            output = Files.createTempFile("qa-check-", ".log");
            Process process = start(command, Path.of(step.workspace()), output);
            boolean finished = process.waitFor(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
            // Killed in both cases: a finished check must not leave background processes behind either.
            ProcessTree.kill(process.toHandle());
            long millis = (System.nanoTime() - start) / 1_000_000;
            String tail = OutputTail.ofFile(output, config.outputTailChars());
            if (!finished) {
                return new QaGateResult(NAME, QaVerdict.FAILED, null, millis,
                        "timed out after " + config.timeout().toSeconds() + "s: " + command + "\n" + tail);
            }
            int exit = process.exitValue();
            String detail = "exit " + exit + ": " + command + (tail.isEmpty() ? "" : "\n" + tail);
            return new QaGateResult(NAME, exit == 0 ? QaVerdict.PASSED : QaVerdict.FAILED, exit, millis, detail);
        } catch (IOException e) {
            Log.warnf("check command of %s could not run: %s", step.stepId(), e.getMessage());
            return new QaGateResult(NAME, QaVerdict.ERROR, null, (System.nanoTime() - start) / 1_000_000,
                    "could not run the check: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new QaGateResult(NAME, QaVerdict.ERROR, null, (System.nanoTime() - start) / 1_000_000,
                    "interrupted");
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    private static Process start(String command, Path workspace, Path output) throws IOException {
        ProcessBuilder builder = Files.isExecutable(SETSID)
                ? new ProcessBuilder(SETSID.toString(), "bash", "-c", command)
                : new ProcessBuilder("bash", "-c", command);
        // Output goes to a file, not a pipe: a background child holding a pipe open cannot stall us.
        return builder.directory(workspace.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
    }
}
